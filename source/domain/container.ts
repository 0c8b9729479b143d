/** A container as Docker reports it, in plain data (no dockerode types). */

export type ContainerStateName = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export type ContainerSummary = {
	id: string;
	/** Without Docker's leading slash. */
	name: string;
	image: string;
	state: ContainerStateName;
	/** Docker's own words, e.g. `Up 3 minutes (healthy)`. */
	status: string;
	/** Unix seconds. */
	created: number;
	labels: Record<string, string>;
};

export type MountInfo = {
	type: string;
	/** Host path of a bind, volume name of a volume. */
	source: string;
	destination: string;
	rw: boolean;
};

export type ContainerDetails = {
	id: string;
	name: string;
	image: string;
	imageId: string;
	created: string;
	state: {
		status: ContainerStateName;
		running: boolean;
		exitCode: number;
		startedAt?: string;
		finishedAt?: string;
		health?: string;
		error?: string;
		oomKilled: boolean;
	};
	restartCount: number;
	cmd: string[];
	entrypoint: string[];
	tty: boolean;
	autoRemove: boolean;
	restartPolicy: string;
	binds: string[];
	mounts: MountInfo[];
	env: string[];
	labels: Record<string, string>;
	extraHosts: string[];
	ports: string[];
	networks: string[];
};
