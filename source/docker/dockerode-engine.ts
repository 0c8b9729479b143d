/**
 * The DockerEngine on a real Docker daemon, through dockerode. The only file
 * that imports dockerode; every error leaves it as an EngineError.
 */
import Docker from 'dockerode';
import type {Readable} from 'node:stream';
import {envStrings, type NodeSpec} from '../domain/node-spec.js';
import {
	EngineError,
	type ContainerDetails,
	type ContainerEvent,
	type ContainerStateName,
	type ContainerSummary,
	type DockerEngine,
	type EngineEvent,
	type EngineInfo,
	type LogLine,
	type LogOptions,
	type VolumeRemoval,
} from './engine.js';
import {toEngineError} from './engine-errors.js';
import {LogDecoder} from './log-decoder.js';

const nodeLabelFilter = {label: ['vantage6-type=node']};

export type DockerodeEngineOptions = {
	/** Socket path; defaults to DOCKER_HOST or /var/run/docker.sock. */
	socketPath?: string;
	/** How long to wait before calling a disconnected engine again. @default 1000 */
	reconnectMs?: number;
};

export class DockerodeEngine implements DockerEngine {
	private readonly docker: Docker;
	readonly host: string;
	private readonly reconnectMs: number;

	constructor(options: DockerodeEngineOptions = {}) {
		this.docker = options.socketPath ? new Docker({socketPath: options.socketPath}) : new Docker();
		const modem = this.docker.modem as {socketPath?: unknown; host?: string; port?: string | number; protocol?: string};
		// docker-modem's default socketPath is a function that looks for ~/.docker/run/docker.sock first.
		this.host =
			typeof modem.socketPath === 'string'
				? modem.socketPath
				: modem.host
					? `${modem.protocol ?? 'http'}://${modem.host}:${modem.port ?? ''}`
					: '/var/run/docker.sock';
		this.reconnectMs = options.reconnectMs ?? 1000;
	}

	private fail(error: unknown, subject?: string): never {
		throw toEngineError(error, this.host, subject);
	}

	async info(): Promise<EngineInfo> {
		try {
			const version = await this.docker.version();
			return {host: this.host, version: version.Version, apiVersion: version.ApiVersion};
		} catch (error) {
			this.fail(error);
		}
	}

	async listNodeContainers(): Promise<ContainerSummary[]> {
		try {
			const list = await this.docker.listContainers({all: true, filters: nodeLabelFilter});
			return list.map(item => ({
				id: item.Id,
				name: (item.Names[0] ?? '').replace(/^\//, ''),
				image: item.Image,
				state: item.State as ContainerStateName,
				status: item.Status,
				created: item.Created,
				labels: item.Labels ?? {},
			}));
		} catch (error) {
			this.fail(error);
		}
	}

	async inspectContainer(idOrName: string): Promise<ContainerDetails> {
		try {
			return toDetails(await this.docker.getContainer(idOrName).inspect());
		} catch (error) {
			this.fail(error, `container ${idOrName}`);
		}
	}

	async imageEnv(image: string): Promise<string[] | undefined> {
		try {
			const details = await this.docker.getImage(image).inspect();
			return details.Config?.Env ?? [];
		} catch (error) {
			const engineError = toEngineError(error, this.host);
			if (engineError.kind === 'not-found') {
				return undefined;
			}

			throw engineError;
		}
	}

	async imageExists(image: string): Promise<boolean> {
		return (await this.imageEnv(image)) !== undefined;
	}

	async pullImage(image: string, signal?: AbortSignal): Promise<void> {
		try {
			const stream = (await this.docker.pull(image, {abortSignal: signal})) as Readable;
			await new Promise<void>((resolve, reject) => {
				this.docker.modem.followProgress(stream, (error: Error | null, output: Array<{error?: string}>) => {
					const failed = error ?? output.find(event => event.error)?.error;
					if (failed) {
						reject(failed instanceof Error ? failed : new Error(failed));
					} else {
						resolve();
					}
				});
			});
		} catch (error) {
			const reason = toEngineError(error, this.host);
			if (reason.kind === 'daemon-unreachable' || reason.kind === 'permission') {
				throw reason;
			}

			throw new EngineError(
				'image-missing',
				`Image ${image} is not on this host and could not be pulled (${firstLine(reason.message)}). Load it onto this host, or choose another image with --image or images.node in the config.`,
			);
		}
	}

	async createVolume(name: string): Promise<void> {
		try {
			await this.docker.createVolume({Name: name});
		} catch (error) {
			this.fail(error, `volume ${name}`);
		}
	}

	async volumeExists(name: string): Promise<boolean> {
		try {
			await this.docker.getVolume(name).inspect();
			return true;
		} catch (error) {
			const engineError = toEngineError(error, this.host);
			if (engineError.kind === 'not-found') {
				return false;
			}

			throw engineError;
		}
	}

	async removeVolume(name: string): Promise<VolumeRemoval> {
		try {
			await this.docker.getVolume(name).remove();
			return 'removed';
		} catch (error) {
			const engineError = toEngineError(error, this.host, `volume ${name}`);
			if (engineError.kind === 'not-found') {
				return 'absent';
			}

			if (engineError.kind === 'conflict') {
				return 'in-use';
			}

			throw engineError;
		}
	}

	async createContainer(spec: NodeSpec): Promise<string> {
		try {
			const container = await this.docker.createContainer({
				name: spec.containerName,
				Image: spec.image,
				Cmd: spec.cmd,
				Tty: spec.tty,
				Labels: spec.labels,
				Env: envStrings(spec.env),
				HostConfig: {
					Binds: spec.mounts.map(mount => mount.bind),
					AutoRemove: spec.autoRemove,
					ExtraHosts: spec.extraHosts,
				},
			});
			return container.id;
		} catch (error) {
			const engineError = toEngineError(error, this.host, `container ${spec.containerName}`);
			// Create answers 404 only for a missing image (the container does not exist yet).
			if (engineError.kind === 'not-found') {
				throw new EngineError('image-missing', `Image ${spec.image} is not on this host. Pull or load it, or choose another with --image or images.node.`);
			}

			throw engineError;
		}
	}

	async startContainer(id: string): Promise<void> {
		try {
			await this.docker.getContainer(id).start();
		} catch (error) {
			this.fail(error, `container ${id}`);
		}
	}

	async stopContainer(id: string, graceSeconds: number): Promise<void> {
		try {
			await this.docker.getContainer(id).stop({t: graceSeconds});
		} catch (error) {
			// 304: already stopped.
			if ((error as {statusCode?: number}).statusCode === 304) {
				return;
			}

			this.fail(error, `container ${id}`);
		}
	}

	async removeContainer(id: string, options: {force?: boolean} = {}): Promise<void> {
		try {
			await this.docker.getContainer(id).remove({force: options.force ?? false});
		} catch (error) {
			this.fail(error, `container ${id}`);
		}
	}

	async waitContainer(id: string, condition: 'next-exit' | 'removed', signal?: AbortSignal): Promise<number> {
		try {
			const result = (await this.docker.getContainer(id).wait({condition, abortSignal: signal})) as {StatusCode: number};
			return result.StatusCode;
		} catch (error) {
			const engineError = toEngineError(error, this.host, `container ${id}`);
			if (condition === 'removed' && engineError.kind === 'not-found') {
				return 0;
			}

			throw engineError;
		}
	}

	async *attachOutput(id: string, signal: AbortSignal): AsyncIterable<LogLine> {
		let stream: Readable;
		try {
			const container = this.docker.getContainer(id);
			const details = await container.inspect();
			stream = (await container.attach({stream: true, stdout: true, stderr: true, logs: true})) as unknown as Readable;
			yield* decodeStream(stream, details.Config.Tty, signal);
		} catch (error) {
			if (!signal.aborted) {
				this.fail(error, `container ${id}`);
			}
		}
	}

	async *logs(id: string, options: LogOptions = {}): AsyncIterable<LogLine> {
		const container = this.docker.getContainer(id);
		let tty: boolean;
		let source: Readable | Buffer;
		try {
			tty = (await container.inspect()).Config.Tty;
			const common = {
				stdout: true,
				stderr: true,
				timestamps: options.timestamps ?? false,
				...(options.tail === undefined ? {} : {tail: options.tail}),
				...(options.since === undefined ? {} : {since: options.since}),
			};
			source = options.follow
				? ((await container.logs({...common, follow: true, abortSignal: options.signal})) as unknown as Readable)
				: ((await container.logs({...common, follow: false})) as unknown as Buffer);
		} catch (error) {
			if (options.signal?.aborted) {
				return;
			}

			this.fail(error, `container ${id}`);
		}

		if (Buffer.isBuffer(source)) {
			const decoder = new LogDecoder(tty);
			yield* decoder.push(source);
			yield* decoder.end();
			return;
		}

		yield* decodeStream(source, tty, options.signal);
	}

	async *events(signal: AbortSignal): AsyncIterable<EngineEvent> {
		let since: number | undefined;
		let connected = true;
		while (!signal.aborted) {
			let stream: Readable | undefined;
			try {
				await this.docker.ping();
				stream = (await this.docker.getEvents({
					filters: {type: ['container'], ...nodeLabelFilter},
					...(since === undefined ? {} : {since}),
					abortSignal: signal,
				})) as unknown as Readable;
				if (!connected) {
					connected = true;
					yield {type: 'engine', status: 'connected', message: `Docker engine at ${this.host} is back.`};
				}

				for await (const line of jsonLines(stream, signal)) {
					const event = toContainerEvent(line);
					if (event) {
						since = Math.floor(event.timeNano / 1e9);
						yield event;
					}
				}
			} catch (error) {
				if (signal.aborted) {
					return;
				}

				if (connected) {
					connected = false;
					yield {type: 'engine', status: 'disconnected', message: toEngineError(error, this.host).message};
				}
			} finally {
				stream?.destroy();
			}

			if (!signal.aborted) {
				if (connected) {
					// The stream ended without an error: the daemon is going away.
					connected = false;
					yield {type: 'engine', status: 'disconnected', message: `The Docker engine at ${this.host} closed the connection.`};
				}

				await sleep(this.reconnectMs, signal);
			}
		}
	}
}

async function* decodeStream(stream: Readable, tty: boolean, signal?: AbortSignal): AsyncIterable<LogLine> {
	const decoder = new LogDecoder(tty);
	const abort = () => stream.destroy();
	signal?.addEventListener('abort', abort, {once: true});
	try {
		for await (const chunk of stream) {
			yield* decoder.push(chunk as Buffer);
		}

		yield* decoder.end();
	} catch (error) {
		if (!signal?.aborted) {
			throw error;
		}
	} finally {
		signal?.removeEventListener('abort', abort);
		stream.destroy();
	}
}

async function* jsonLines(stream: Readable, signal: AbortSignal): AsyncIterable<unknown> {
	let buffer = '';
	const abort = () => stream.destroy();
	signal.addEventListener('abort', abort, {once: true});
	try {
		for await (const chunk of stream) {
			buffer += String(chunk);
			let newline = buffer.indexOf('\n');
			while (newline >= 0) {
				const line = buffer.slice(0, newline).trim();
				buffer = buffer.slice(newline + 1);
				if (line) {
					try {
						yield JSON.parse(line) as unknown;
					} catch {
						// A torn line from a dying daemon; the reconnect replays from `since`.
					}
				}

				newline = buffer.indexOf('\n');
			}
		}
	} finally {
		signal.removeEventListener('abort', abort);
	}
}

function toContainerEvent(raw: unknown): ContainerEvent | undefined {
	const event = raw as {Type?: string; Action?: string; Actor?: {ID?: string; Attributes?: Record<string, string>}; timeNano?: number};
	if (event.Type !== 'container' || !event.Actor?.ID || !event.Action) {
		return undefined;
	}

	const {name = '', ...labels} = event.Actor.Attributes ?? {};
	return {
		type: 'container',
		action: event.Action,
		id: event.Actor.ID,
		name,
		// Docker mixes labels with attributes (image, exitCode); the node's `name` label is shadowed by the container name.
		labels,
		timeNano: event.timeNano ?? Date.now() * 1e6,
	};
}

function toDetails(raw: Docker.ContainerInspectInfo): ContainerDetails {
	const state = raw.State as Docker.ContainerInspectInfo['State'] & {Health?: {Status?: string}; Error?: string};
	const host = raw.HostConfig as Docker.HostConfig & {ExtraHosts?: string[] | null};
	return {
		id: raw.Id,
		name: raw.Name.replace(/^\//, ''),
		image: raw.Config.Image,
		imageId: raw.Image,
		created: raw.Created,
		state: {
			status: state.Status as ContainerStateName,
			running: state.Running,
			exitCode: state.ExitCode,
			...(state.StartedAt && !state.StartedAt.startsWith('0001') ? {startedAt: state.StartedAt} : {}),
			...(state.FinishedAt && !state.FinishedAt.startsWith('0001') ? {finishedAt: state.FinishedAt} : {}),
			...(state.Health?.Status ? {health: state.Health.Status} : {}),
			...(state.Error ? {error: state.Error} : {}),
			oomKilled: state.OOMKilled,
		},
		restartCount: raw.RestartCount,
		cmd: toArray(raw.Config.Cmd),
		entrypoint: toArray(raw.Config.Entrypoint),
		tty: raw.Config.Tty,
		autoRemove: host.AutoRemove ?? false,
		restartPolicy: host.RestartPolicy?.Name ?? '',
		binds: host.Binds ?? [],
		mounts: (raw.Mounts ?? []).map(mount => ({
			type: mount.Type,
			source: mount.Type === 'volume' ? (mount.Name ?? mount.Source) : mount.Source,
			destination: mount.Destination,
			rw: mount.RW,
		})),
		env: raw.Config.Env ?? [],
		labels: raw.Config.Labels ?? {},
		extraHosts: host.ExtraHosts ?? [],
		ports: Object.keys(raw.NetworkSettings?.Ports ?? {}),
		networks: Object.keys(raw.NetworkSettings?.Networks ?? {}),
	};
}

function toArray(value: string | string[] | null | undefined): string[] {
	if (value === null || value === undefined) {
		return [];
	}

	return Array.isArray(value) ? value : [value];
}

function firstLine(text: string): string {
	return text.split('\n')[0]!.trim();
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise(resolve => {
		const timer = setTimeout(done, ms);
		signal.addEventListener('abort', done, {once: true});
		function done() {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		}
	});
}
