/**
 * An in-memory DockerEngine for fast UI and service tests. The contract suite
 * (test/contract) runs the same checks against it and against the real
 * engine, so it cannot drift from what Docker does where it matters.
 */
import {randomBytes} from 'node:crypto';
import type {ContainerDetails, ContainerSummary} from '../../source/domain/container.js';
import type {ContainerStats} from '../../source/domain/container-stats.js';
import {envStrings, type NodeSpec} from '../../source/domain/node-spec.js';
import {
	EngineError,
	type DockerEngine,
	type EngineErrorKind,
	type EngineEvent,
	type EngineInfo,
	type ExecOutput,
	type ExecRequest,
	type ExecSession,
	type LogLine,
	type LogOptions,
	type NetworkSummary,
	type VolumeRemoval,
	type WorldContainer,
} from '../../source/docker/engine.js';

/** What a started container does: print lines, maybe exit after a while. */
export type Behaviour = {lines?: string[]; exitAfterMs?: number; exitCode?: number};

type FakeContainer = {
	details: ContainerDetails;
	/** Each line with the time it was printed, as Docker's json-file driver keeps it. */
	lines: Array<{text: string; time: string}>;
	followers: Set<(line: {text: string; time: string} | undefined) => void>;
	waiters: Array<{condition: 'next-exit' | 'removed'; resolve: (code: number) => void}>;
	timer?: NodeJS.Timeout;
};

export class FakeDockerEngine implements DockerEngine {
	readonly containers = new Map<string, FakeContainer>();
	readonly volumes = new Set<string>();
	/** Network name to id; which containers are attached is in each container's `networks`. */
	readonly networks = new Map<string, string>();
	readonly images = new Map<string, string[]>([['vnode-fixture:latest', ['PATH=/usr/local/bin:/usr/bin:/bin']]]);
	/** Decides what each started container does; by default it prints two lines and keeps running. */
	behaviour: (details: ContainerDetails) => Behaviour = details => ({lines: [`fake node ${details.name} started`, 'heartbeat seq=1']});
	/** What a running container uses, as each stats sample says it; tests change it. */
	usage: (details: ContainerDetails) => {cpuPercent: number; memoryUsed: number; memoryLimit: number} = () => ({cpuPercent: 0.5, memoryUsed: 24 * 1024 * 1024, memoryLimit: 1024 * 1024 * 1024});
	/** How often a stats stream sends a sample (Docker: about a second). */
	statsIntervalMs = 1000;
	/** Stats streams open now, by container id (a count: a second stream of one container shows). */
	readonly statsStreams = new Map<string, number>();
	/** Every stats stream ever opened, by container id, in order. */
	readonly statsOpened: string[] = [];
	private down: string | undefined;
	private downKind: EngineErrorKind = 'daemon-unreachable';
	private readonly listeners = new Set<(event: EngineEvent) => void>();
	readonly calls: string[] = [];

	constructor(readonly info_: EngineInfo = {host: '/var/run/fake-docker.sock', version: '99.0.0-fake', apiVersion: '1.99'}) {}

	// ---- test controls ------------------------------------------------------

	/** The engine goes away (or, kind `permission`, refuses this user): calls fail with that kind and the event stream says so. */
	goDown(message = 'Cannot reach the Docker engine at /var/run/fake-docker.sock (ECONNREFUSED). Is dockerd running?', kind: EngineErrorKind = 'daemon-unreachable'): void {
		this.down = message;
		this.downKind = kind;
		this.emit({type: 'engine', status: 'disconnected', message, kind});
	}

	comeBack(): void {
		this.down = undefined;
		this.emit({type: 'engine', status: 'connected', message: 'Docker engine is back.'});
	}

	/** Container events lost on the way: Docker drops them for a subscriber that falls behind. */
	dropEvents = false;

	/** An event for a container that changes nothing the table shows (a health check's exec, every interval). */
	emitFor(idOrName: string, action: string): void {
		this.emitContainer(action, this.find(idOrName).details);
	}

	/** A line printed by a running container. */
	print(idOrName: string, text: string): void {
		const container = this.find(idOrName);
		const line = {text, time: new Date().toISOString().replace('Z', '000000Z')};
		container.lines.push(line);
		for (const follower of container.followers) {
			follower(line);
		}
	}

	/** A running container made outside vnode-tui (`docker run -d --name NAME --label ...`), printing one line. */
	plant(name: string, labels: Record<string, string>): string {
		const id = randomBytes(32).toString('hex');
		const details: ContainerDetails = {
			id,
			name,
			image: 'vnode-fixture:latest',
			imageId: 'sha256:vnode-fixture:latest',
			created: new Date().toISOString(),
			state: {status: 'running', running: true, exitCode: 0, oomKilled: false},
			restartCount: 0,
			cmd: ['sleep', 'infinity'],
			entrypoint: [],
			tty: false,
			autoRemove: false,
			restartPolicy: '',
			binds: [],
			mounts: [],
			env: [],
			labels: {'vantage6-type': 'node', ...labels},
			extraHosts: [],
			ports: [],
			networks: ['bridge'],
		};
		this.containers.set(id, {details, lines: [], followers: new Set(), waiters: []});
		this.print(id, `planted ${name} says hello`);
		this.emitContainer('start', details);
		return id;
	}

	/** Stops a container as `docker stop` from another terminal would. */
	async stopFromOutside(idOrName: string): Promise<void> {
		await this.stopContainer(this.find(idOrName).details.id);
	}

	/** A network, as the node creates `vantage6-NAME-SCOPE-net`. */
	createNetwork(name: string): string {
		const id = randomBytes(32).toString('hex');
		this.networks.set(name, id);
		return id;
	}

	/** `docker network connect`. */
	connect(network: string, idOrName: string): void {
		this.find(idOrName).details.networks.push(network);
	}

	// ---- DockerEngine -------------------------------------------------------

	async info(): Promise<EngineInfo> {
		this.check('info');
		return this.info_;
	}

	async listNodeContainers(): Promise<ContainerSummary[]> {
		this.check('listNodeContainers');
		return [...this.containers.values()].filter(container => container.details.labels['vantage6-type'] === 'node').map(({details}) => this.summary(details));
	}

	async listWorldContainers(): Promise<WorldContainer[]> {
		this.check('listWorldContainers');
		return [...this.containers.values()]
			.filter(({details}) => ['node', 'algorithm', 'algorithm-helper'].includes(details.labels['vantage6-type'] ?? '') || /^vantage6-.+-(vpn-client|squid|ssh-tunnel)$/.test(details.name))
			.map(({details}) => ({
				...this.summary(details),
				volumes: details.mounts.filter(mount => mount.type === 'volume').map(mount => mount.source),
				networks: [...details.networks],
			}));
	}

	async listNetworks(prefix: string): Promise<NetworkSummary[]> {
		this.check('listNetworks');
		// As Docker: only a running container has an endpoint on its networks.
		const running = [...this.containers.values()].filter(({details}) => details.state.running);
		return [...this.networks]
			.filter(([name]) => name.startsWith(prefix))
			.map(([name, id]) => ({id, name, containers: running.filter(({details}) => details.networks.includes(name)).map(({details}) => details.id)}));
	}

	async listVolumes(prefix: string): Promise<string[]> {
		this.check('listVolumes');
		return [...this.volumes].filter(name => name.startsWith(prefix));
	}

	async removeNetwork(name: string): Promise<VolumeRemoval> {
		this.check('removeNetwork');
		const network = (await this.listNetworks(name)).find(candidate => candidate.name === name);
		if (!network) {
			return 'absent';
		}

		if (network.containers.length > 0) {
			return 'in-use';
		}

		this.networks.delete(name);
		return 'removed';
	}

	/**
	 * A tiny `docker exec`: `echo ARGS` prints them; `sh -c 'exit N'` exits N; `sh` alone echoes what it is
	 * sent until a line `exit` (or the end of input); any other program is not found, as runc says it (126).
	 * `execs` records each request; a container whose image is in `noShell` has no `sh` either.
	 */
	async exec(container: string, request: ExecRequest): Promise<ExecSession> {
		this.check('exec');
		const found = this.find(container);
		if (!found.details.state.running) {
			throw new EngineError('conflict', `Container ${found.details.name}: Container ${found.details.id} is not running`);
		}

		this.execs.push({container: found.details.name, request});
		const chunks: ExecOutput[] = [];
		let wake: (() => void) | undefined;
		let ended = false;
		let code = 0;
		const say = (text: string, stream: ExecOutput['stream'] = 'stdout') => {
			chunks.push({stream, data: Buffer.from(text)});
			wake?.();
		};

		const end = (exitCode: number) => {
			if (ended) {
				return;
			}

			code = exitCode;
			ended = true;
			wake?.();
		};

		const [program, ...args] = request.cmd;
		const exitMatch = /^exit (\d+)$/.exec(args[1] ?? '');
		let typed = '';
		if (program === 'echo') {
			say(`${args.join(' ')}\n`);
			end(0);
		} else if (program === 'sh' && !this.noShell.has(found.details.image) && args[0] === '-c' && exitMatch) {
			end(Number(exitMatch[1]));
		} else if (program === 'sh' && !this.noShell.has(found.details.image) && args.length === 0) {
			say('/ # ');
		} else {
			say(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${program ?? ''}": executable file not found in $PATH: unknown\r\n`);
			end(126);
		}

		const output = async function* (): AsyncIterable<ExecOutput> {
			for (;;) {
				while (chunks.length > 0) {
					yield chunks.shift()!;
				}

				if (ended) {
					return;
				}

				await new Promise<void>(resolve => {
					wake = resolve;
				});
			}
		};

		return {
			output: output(),
			write: data => {
				if (ended) {
					return;
				}

				typed += Buffer.from(data).toString();
				say(Buffer.from(data).toString());
				const line = /^(.*?)\r?[\r\n]/.exec(typed);
				if (line) {
					typed = typed.slice(line[0].length);
					if (line[1]!.trim() === 'exit') {
						end(0);
					}
				}
			},
			endInput: () => end(0),
			resize: async size => {
				this.execResizes.push(size);
			},
			exitCode: async () => code,
			close: () => end(code),
		};
	}

	/** Every exec asked for. */
	readonly execs: Array<{container: string; request: ExecRequest}> = [];
	readonly execResizes: Array<{rows: number; columns: number}> = [];
	/** Images without `sh`. */
	readonly noShell = new Set<string>();

	async inspectContainer(idOrName: string): Promise<ContainerDetails> {
		this.check('inspectContainer');
		return structuredClone(this.find(idOrName).details);
	}

	async imageEnv(image: string): Promise<string[] | undefined> {
		this.check('imageEnv');
		const byId = [...this.containers.values()].find(container => container.details.imageId === image)?.details.image;
		return this.images.get(image) ?? (byId ? this.images.get(byId) : undefined);
	}

	async imageExists(image: string): Promise<boolean> {
		this.check('imageExists');
		return this.images.has(image);
	}

	async pullImage(image: string): Promise<void> {
		this.check('pullImage');
		throw new EngineError('image-missing', `Image ${image} is not on this host and could not be pulled (no registry in the fake). Load it onto this host, or choose another image with --image or images.node in the config.`);
	}

	async createVolume(name: string): Promise<void> {
		this.check('createVolume');
		this.volumes.add(name);
	}

	async volumeExists(name: string): Promise<boolean> {
		this.check('volumeExists');
		return this.volumes.has(name);
	}

	async removeVolume(name: string): Promise<VolumeRemoval> {
		this.check('removeVolume');
		if (!this.volumes.has(name)) {
			return 'absent';
		}

		const inUse = [...this.containers.values()].some(container => container.details.mounts.some(mount => mount.type === 'volume' && mount.source === name));
		if (inUse) {
			return 'in-use';
		}

		this.volumes.delete(name);
		return 'removed';
	}

	async createContainer(spec: NodeSpec): Promise<string> {
		this.check('createContainer');
		if (!this.images.has(spec.image)) {
			throw new EngineError('image-missing', `Image ${spec.image} is not on this host. Pull or load it, or choose another with --image or images.node.`);
		}

		if ([...this.containers.values()].some(container => container.details.name === spec.containerName)) {
			throw new EngineError('conflict', `Container ${spec.containerName}: the name is already in use.`);
		}

		const id = randomBytes(32).toString('hex');
		for (const mount of spec.mounts) {
			if (mount.type === 'volume') {
				this.volumes.add(mount.source);
			}
		}

		const details: ContainerDetails = {
			id,
			name: spec.containerName,
			image: spec.image,
			imageId: `sha256:${spec.image}`,
			created: new Date().toISOString(),
			state: {status: 'created', running: false, exitCode: 0, oomKilled: false},
			restartCount: 0,
			cmd: [...spec.cmd],
			entrypoint: [],
			tty: spec.tty,
			autoRemove: spec.autoRemove,
			restartPolicy: '',
			binds: spec.mounts.map(mount => mount.bind),
			mounts: spec.mounts.map(mount => ({type: mount.type, source: mount.source, destination: mount.destination, rw: !mount.readOnly})),
			env: [...(this.images.get(spec.image) ?? []), ...envStrings(spec.env)],
			labels: {...spec.labels},
			extraHosts: [...spec.extraHosts],
			ports: [],
			networks: ['bridge'],
		};
		this.containers.set(id, {details, lines: [], followers: new Set(), waiters: []});
		this.emitContainer('create', details);
		return id;
	}

	async startContainer(id: string): Promise<void> {
		this.check('startContainer');
		const container = this.find(id);
		const {details} = container;
		details.state = {status: 'running', running: true, exitCode: 0, oomKilled: false, startedAt: new Date().toISOString()};
		this.emitContainer('start', details);
		const behaviour = this.behaviour(details);
		for (const line of behaviour.lines ?? []) {
			this.print(id, line);
		}

		if (behaviour.exitAfterMs !== undefined) {
			container.timer = setTimeout(() => this.exit(container, behaviour.exitCode ?? 1), behaviour.exitAfterMs);
		}
	}

	async stopContainer(id: string): Promise<void> {
		this.check('stopContainer');
		const container = this.find(id);
		if (container.details.state.running) {
			this.exit(container, 0);
		}
	}

	async removeContainer(id: string, options: {force?: boolean} = {}): Promise<void> {
		this.check('removeContainer');
		const container = this.find(id);
		if (container.details.state.running && !options.force) {
			throw new EngineError('conflict', `Container ${container.details.name}: You cannot remove a running container. Stop the container before attempting removal or force remove`);
		}

		this.destroy(container);
	}

	async waitContainer(id: string, condition: 'next-exit' | 'removed', signal?: AbortSignal): Promise<number> {
		this.check('waitContainer');
		const container = this.containers.get(id) ?? [...this.containers.values()].find(candidate => candidate.details.name === id);
		if (!container) {
			if (condition === 'removed') {
				return 0;
			}

			throw new EngineError('not-found', `No such container ${id}.`);
		}

		return new Promise((resolve, reject) => {
			container.waiters.push({condition, resolve});
			signal?.addEventListener('abort', () => reject(new EngineError('failed', 'aborted')), {once: true});
		});
	}

	attachOutput(id: string, signal: AbortSignal): AsyncIterable<LogLine> {
		return this.stream(this.find(id), true, signal, false);
	}

	logs(idOrName: string, options: LogOptions = {}): AsyncIterable<LogLine> {
		this.check('logs');
		const container = this.find(idOrName);
		const since = options.since === undefined ? undefined : options.since * 1000;
		const recent = since === undefined ? container.lines : container.lines.filter(line => Date.parse(line.time) >= since);
		const all = recent.slice(options.tail === undefined ? 0 : Math.max(0, recent.length - options.tail));
		const stamped = Boolean(options.timestamps);
		if (!options.follow) {
			return (async function* () {
				yield* all.map(line => ({text: stamped ? `${line.time} ${line.text}` : line.text, stream: 'stdout' as const}));
			})();
		}

		return this.stream(container, false, options.signal, stamped, all);
	}

	async *stats(id: string, signal: AbortSignal): AsyncIterable<ContainerStats> {
		this.check('stats');
		const container = this.find(id);
		const containerId = container.details.id;
		this.statsOpened.push(containerId);
		this.statsStreams.set(containerId, (this.statsStreams.get(containerId) ?? 0) + 1);
		try {
			// As Docker: the first sample has nothing to compare the CPU time with; a stopped container ends the stream.
			let first = true;
			while (!signal.aborted && container.details.state.running && this.containers.has(containerId)) {
				this.check('stats');
				const {cpuPercent, ...memory} = this.usage(container.details);
				yield {read: new Date().toISOString(), ...(first ? {} : {cpuPercent}), ...memory};
				first = false;
				await new Promise<void>(resolve => {
					const timer = setTimeout(done, this.statsIntervalMs);
					signal.addEventListener('abort', done, {once: true});
					function done() {
						clearTimeout(timer);
						signal.removeEventListener('abort', done);
						resolve();
					}
				});
			}
		} finally {
			const open = (this.statsStreams.get(containerId) ?? 1) - 1;
			if (open > 0) {
				this.statsStreams.set(containerId, open);
			} else {
				this.statsStreams.delete(containerId);
			}
		}
	}

	async statsOnce(id: string): Promise<ContainerStats | undefined> {
		this.check('statsOnce');
		const {details} = this.find(id);
		return details.state.running ? {read: new Date().toISOString(), ...this.usage(details)} : undefined;
	}

	async *events(signal: AbortSignal): AsyncIterable<EngineEvent> {
		const queue: EngineEvent[] = [];
		let wake: (() => void) | undefined;
		const listener = (event: EngineEvent) => {
			queue.push(event);
			wake?.();
		};

		this.listeners.add(listener);
		signal.addEventListener('abort', () => wake?.(), {once: true});
		// Like the real stream: it says when it listens, so what changed before can be listed again.
		queue.push(this.down ? {type: 'engine', status: 'disconnected', message: this.down, kind: this.downKind} : {type: 'engine', status: 'connected', message: 'Listening to the fake Docker engine.'});

		try {
			while (!signal.aborted) {
				if (queue.length === 0) {
					await new Promise<void>(resolve => {
						wake = resolve;
					});
					wake = undefined;
					continue;
				}

				yield queue.shift()!;
			}
		} finally {
			this.listeners.delete(listener);
		}
	}

	// ---- internals ----------------------------------------------------------

	private summary(details: ContainerDetails): ContainerSummary {
		return {
			id: details.id,
			name: details.name,
			image: details.image,
			state: details.state.status,
			status: details.state.running ? 'Up 2 minutes' : details.state.status === 'created' ? 'Created' : `Exited (${details.state.exitCode}) 1 second ago`,
			created: Math.floor(Date.parse(details.created) / 1000),
			labels: details.labels,
		};
	}

	private async *stream(
		container: FakeContainer,
		fromStart: boolean,
		signal: AbortSignal | undefined,
		stamped: boolean,
		history: FakeContainer['lines'] = [],
	): AsyncIterable<LogLine> {
		type Line = {text: string; time: string} | undefined;
		const queue: Line[] = fromStart ? [...container.lines] : [...history];
		const format = (line: {text: string; time: string}) => ({text: stamped ? `${line.time} ${line.text}` : line.text, stream: 'stdout' as const});
		let wake: (() => void) | undefined;
		const follower = (line: Line) => {
			queue.push(line);
			wake?.();
		};

		if (!container.details.state.running && !fromStart) {
			yield* queue.map(line => format(line!));
			return;
		}

		container.followers.add(follower);
		signal?.addEventListener('abort', () => wake?.(), {once: true});
		try {
			while (!signal?.aborted) {
				if (queue.length === 0) {
					await new Promise<void>(resolve => {
						wake = resolve;
					});
					wake = undefined;
					continue;
				}

				const line = queue.shift();
				if (line === undefined) {
					return;
				}

				yield format(line);
			}
		} finally {
			container.followers.delete(follower);
		}
	}

	private exit(container: FakeContainer, code: number): void {
		clearTimeout(container.timer);
		const {details} = container;
		details.state = {...details.state, status: 'exited', running: false, exitCode: code, finishedAt: new Date().toISOString()};
		for (const follower of container.followers) {
			follower(undefined);
		}

		this.emitContainer('die', details);
		for (const waiter of container.waiters.filter(candidate => candidate.condition === 'next-exit')) {
			waiter.resolve(code);
		}

		container.waiters = container.waiters.filter(candidate => candidate.condition !== 'next-exit');
		if (details.autoRemove) {
			this.destroy(container);
		}
	}

	private destroy(container: FakeContainer): void {
		clearTimeout(container.timer);
		this.containers.delete(container.details.id);
		this.emitContainer('destroy', container.details);
		for (const waiter of container.waiters) {
			waiter.resolve(container.details.state.exitCode);
		}

		container.waiters = [];
	}

	private find(idOrName: string): FakeContainer {
		const container = this.containers.get(idOrName) ?? [...this.containers.values()].find(candidate => candidate.details.name === idOrName);
		if (!container) {
			throw new EngineError('not-found', `No such container ${idOrName}.`);
		}

		return container;
	}

	private check(call: string): void {
		this.calls.push(call);
		if (this.down) {
			throw new EngineError(this.downKind, this.down);
		}
	}

	private emitContainer(action: string, details: ContainerDetails): void {
		this.emit({type: 'container', action, id: details.id, name: details.name, labels: {...details.labels}, timeNano: Date.now() * 1e6});
	}

	private emit(event: EngineEvent): void {
		if (this.dropEvents && event.type === 'container') {
			return;
		}

		for (const listener of this.listeners) {
			listener(event);
		}
	}
}
