/**
 * The Docker engine as vnode-tui uses it: plain data in and out, a small set of
 * error kinds. The UI gets an implementation passed in; only
 * dockerode-engine.ts talks to dockerode.
 */
import type {ContainerDetails, ContainerSummary} from '../domain/container.js';
import type {ContainerStats} from '../domain/container-stats.js';
import type {NodeSpec} from '../domain/node-spec.js';

import type {NetworkSummary, WorldContainer} from '../domain/node-world.js';

export type {ContainerDetails, ContainerStateName, ContainerSummary, MountInfo} from '../domain/container.js';
export type {NetworkSummary, WorldContainer} from '../domain/node-world.js';
export type {ContainerStats} from '../domain/container-stats.js';

export type EngineErrorKind = 'not-found' | 'daemon-unreachable' | 'conflict' | 'permission' | 'image-missing' | 'failed';

/** The only error an engine throws; `message` is meant for the operator. */
export class EngineError extends Error {
	override readonly name = 'EngineError';

	constructor(
		readonly kind: EngineErrorKind,
		message: string,
	) {
		super(message);
	}
}

export const isEngineError = (error: unknown, kind?: EngineErrorKind): error is EngineError =>
	error instanceof EngineError && (kind === undefined || error.kind === kind);

export type EngineInfo = {
	/** Where the engine is reached: a socket path or tcp URL. */
	host: string;
	version: string;
	apiVersion: string;
	/** The Docker context it was chosen by (`--context`, DOCKER_CONTEXT, the current context), when one was named. */
	context?: string;
};

export type LogOptions = {
	follow?: boolean;
	/** Lines from the end; undefined for all. */
	tail?: number;
	/** Unix seconds. */
	since?: number;
	timestamps?: boolean;
	signal?: AbortSignal;
};

export type LogLine = {
	/** Raw text of the line, without its newline; untrusted (sanitize before showing). */
	text: string;
	stream: 'stdout' | 'stderr';
};

export type ContainerEvent = {
	type: 'container';
	/** Docker's action: create, start, die, stop, destroy, health_status: healthy, ... */
	action: string;
	id: string;
	name: string;
	labels: Record<string, string>;
	/** Unix nanoseconds. */
	timeNano: number;
};

/** The event stream also says when the engine goes away (again on every failed reconnect) and comes back. */
export type EngineEvent = ContainerEvent | {type: 'engine'; status: 'disconnected' | 'connected'; message: string; /** Why it is disconnected, when known (`permission`: the engine runs, this user may not use it). */ kind?: EngineErrorKind};

export type VolumeRemoval = 'removed' | 'absent' | 'in-use';

/** A terminal's size in character cells. */
export type TerminalSize = {rows: number; columns: number};

/** A process to run inside a running container (`docker exec`). */
export type ExecRequest = {
	/** The command and its arguments, e.g. `['sh']`. */
	cmd: readonly string[];
	/** Give it a TTY: one raw output stream, its size set by `resize`. */
	tty: boolean;
	/** Attach its stdin (`write`, `endInput`). */
	stdin: boolean;
	/** The TTY's size from the start. */
	size?: TerminalSize;
	/** Aborting ends the session: the output ends, the connection is closed. */
	signal?: AbortSignal;
};

/** A piece of what the process wrote: untrusted bytes, as they came. With a TTY all of it is `stdout`. */
export type ExecOutput = {stream: 'stdout' | 'stderr'; data: Uint8Array};

/** A started exec: its output until the process exits, its input, its size, then its exit code. */
export type ExecSession = {
	/** Ends when the process exited (or the session was closed). */
	output: AsyncIterable<ExecOutput>;
	/** Bytes for the process's stdin; nothing when stdin is not attached or the session ended. */
	write(data: Uint8Array): void;
	/** End of input (the process reads EOF). */
	endInput(): void;
	/** Sets the TTY's size; a failure (the process is gone) is ignored. */
	resize(size: TerminalSize): Promise<void>;
	/** After the output ended: the exit code (126/127: the command could not be run). */
	exitCode(): Promise<number>;
	close(): void;
};

/** What a node's world listing asks: names start with this (node-world.ts). */
export const worldPrefix = 'vantage6-';

export type DockerEngine = {
	info(): Promise<EngineInfo>;
	/** Containers labelled `vantage6-type=node`, in every state. */
	listNodeContainers(): Promise<ContainerSummary[]>;
	/**
	 * Node containers plus what a node starts itself: containers labelled `vantage6-type=algorithm` or
	 * `algorithm-helper`, and those named `vantage6-*-vpn-client|squid|ssh-tunnel`; each with its volumes.
	 */
	listWorldContainers(): Promise<WorldContainer[]>;
	/** Networks whose name starts with `prefix`, each with the ids of the containers attached. */
	listNetworks(prefix: string): Promise<NetworkSummary[]>;
	/** Names of the volumes that start with `prefix`. */
	listVolumes(prefix: string): Promise<string[]>;
	/** `in-use`: a container is still attached. */
	removeNetwork(name: string): Promise<VolumeRemoval>;
	/** Throws `not-found` when there is no such container. */
	inspectContainer(idOrName: string): Promise<ContainerDetails>;
	/** Env the image itself sets (to tell it apart from what the node was given). */
	imageEnv(image: string): Promise<string[] | undefined>;
	imageExists(image: string): Promise<boolean>;
	/** Throws `image-missing` when the image cannot be pulled. */
	pullImage(image: string, signal?: AbortSignal): Promise<void>;
	createVolume(name: string): Promise<void>;
	volumeExists(name: string): Promise<boolean>;
	removeVolume(name: string): Promise<VolumeRemoval>;
	createContainer(spec: NodeSpec): Promise<string>;
	startContainer(id: string): Promise<void>;
	/** SIGTERM, then SIGKILL after the grace period; a stopped container is fine. */
	stopContainer(id: string, graceSeconds: number): Promise<void>;
	removeContainer(id: string, options?: {force?: boolean}): Promise<void>;
	/** Resolves with the exit code; `removed` also resolves when the container is already gone. */
	waitContainer(id: string, condition: 'next-exit' | 'removed', signal?: AbortSignal): Promise<number>;
	/** Output of a created container from before it starts (for the start check), until it exits or the signal aborts. */
	attachOutput(id: string, signal: AbortSignal): AsyncIterable<LogLine>;
	logs(id: string, options?: LogOptions): AsyncIterable<LogLine>;
	/**
	 * Resource use of a running container, about one sample a second (`docker stats`), until the signal
	 * aborts or the container stops (then the stream ends). The first sample has no CPU % yet. Throws
	 * `not-found` for no such container.
	 */
	stats(id: string, signal: AbortSignal): AsyncIterable<ContainerStats>;
	/** One sample, CPU % measured over about a second (`docker stats --no-stream`); undefined when the container is not running. */
	statsOnce(id: string, signal?: AbortSignal): Promise<ContainerStats | undefined>;
	/** Container events of node containers; reconnects by itself when the engine comes back. */
	events(signal: AbortSignal): AsyncIterable<EngineEvent>;
	/** Starts a process in a running container. Throws `not-found` (no container) or `conflict` (not running). */
	exec(container: string, request: ExecRequest): Promise<ExecSession>;
};
