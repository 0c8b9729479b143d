/**
 * The DockerEngine on a real Docker daemon. The only file that imports
 * dockerode, and only for docker-modem's transport (DOCKER_HOST, TLS, ssh):
 * every request is built, bounded and read by engine-request.ts, every answer
 * checked by engine-answers.ts, every error leaves as an EngineError.
 */
import Docker from 'dockerode';
import type {Readable} from 'node:stream';
import {containerStats} from '../domain/container-stats.js';
import {envStrings, type NodeSpec} from '../domain/node-spec.js';
import {
	EngineError,
	isEngineError,
	type ContainerDetails,
	type ContainerStats,
	type ContainerSummary,
	type DockerEngine,
	type EngineEvent,
	type EngineInfo,
	type ExecRequest,
	type ExecSession,
	type LogLine,
	type LogOptions,
	type NetworkSummary,
	type VolumeRemoval,
	type WorldContainer,
} from './engine.js';
import {dockerHostProblem, shownDockerHost} from './docker-host.js';
import {toEngineError} from './engine-errors.js';
import {LogDecoder} from './log-decoder.js';
import {isContainerRef, isImageRef, isVolumeName, record, text, textList, toContainerEvent, toDetails, toNetwork, toSummary, toWorldContainer, toStatsSample, count, quoted} from './engine-answers.js';
import {engineLimits, EngineRequester, seconds, unreadable, type Dialer} from './engine-request.js';
import type {EngineTarget} from './engine-target.js';
import {SshTransport, type SshEnvironment} from './ssh-transport.js';
import {lazyHttps} from '../lazy-builtin.js';
import {openExec} from './exec-stream.js';
import {abortableSleep as sleep} from '../domain/abortable-sleep.js';

export type DockerodeEngineOptions = {
	/** Socket path; defaults to DOCKER_HOST or /var/run/docker.sock. */
	socketPath?: string;
	/** The engine as resolveEngineTarget found it (`--context`, DOCKER_HOST, the current context); beats socketPath. */
	target?: EngineTarget;
	/** What an `ssh://` target connects with (home, env for SSH_AUTH_SOCK, the bounded file reader). */
	ssh?: SshEnvironment;
	/** The SSH connection to use for an `ssh://` target (host-stack.ts makes it, so the file access rides it too); beats `ssh`. */
	sshTransport?: SshTransport;
	/** How long to wait before calling a disconnected engine again. @default 1000 */
	reconnectMs?: number;
	/** Timeouts and caps; tests shorten them. */
	limits?: Partial<EngineLimits>;
};

type EngineLimits = {-readonly [Key in keyof typeof engineLimits]: number};

const nodeFilters = {label: ['vantage6-type=node']};
/** Docker ANDs label filters, so each type is its own request; helpers carry no labels and are found by name. */
const worldFilters = [nodeFilters, {label: ['vantage6-type=algorithm']}, {label: ['vantage6-type=algorithm-helper']}, {name: ['^/vantage6-.+-(vpn-client|squid|ssh-tunnel)$']}];
/** How many networks are inspected for their containers; a host with more `vantage6-` networks is not normal. */
const maxNetworks = 200;

export class DockerodeEngine implements DockerEngine {
	readonly host: string;
	/** The Docker context the engine came from, when one was named. */
	readonly context: string | undefined;
	/** The one SSH connection of an `ssh://` engine. */
	private readonly sshTransport: SshTransport | undefined;
	private readonly requests: EngineRequester;
	private readonly reconnectMs: number;
	private readonly limits: EngineLimits;

	constructor(options: DockerodeEngineOptions = {}) {
		const {target} = options;
		this.context = target?.context;
		this.sshTransport = target?.kind !== 'ssh' ? undefined : options.sshTransport ?? (options.ssh ? new SshTransport({host: target.host, address: target.address, ...(target.user === undefined ? {} : {user: target.user}), ...(target.port === undefined ? {} : {port: target.port})}, options.ssh) : undefined);
		const hostProblem = target || options.socketPath ? undefined : dockerHostProblem(process.env['DOCKER_HOST']);
		if (target) {
			this.host = target.address;
			const problem = target.kind === 'invalid' ? target.problem : target.kind === 'ssh' && !this.sshTransport ? `${target.address}: no SSH settings were given` : undefined;
			const transport = this.sshTransport;
			this.requests = new EngineRequester(
				problem !== undefined || target.kind === 'invalid' ? refusingDialer(problem ?? '') : (modemFor(target, transport).modem as unknown as Dialer),
				this.host,
				transport ? () => transport.recentDialFailure() : undefined,
			);
		} else if (hostProblem) {
			// Every call fails with the reason, so the configs are still listed under an engine banner that says it.
			this.host = `DOCKER_HOST=${shownDockerHost(process.env['DOCKER_HOST'] ?? '')}`;
			this.requests = new EngineRequester(refusingDialer(hostProblem), this.host);
		} else {
			const docker = options.socketPath ? new Docker({socketPath: options.socketPath}) : new Docker();
			const modem = docker.modem as {socketPath?: unknown; host?: string; port?: string | number; protocol?: string};
			// docker-modem's default socketPath is a function that looks for ~/.docker/run/docker.sock first.
			this.host =
				typeof modem.socketPath === 'string'
					? modem.socketPath
					: modem.host
						? `${modem.protocol ?? 'http'}://${modem.host}:${modem.port ?? ''}`
						: '/var/run/docker.sock';
			this.requests = new EngineRequester(docker.modem as unknown as Dialer, this.host);
		}

		this.reconnectMs = options.reconnectMs ?? 1000;
		this.limits = {...engineLimits, ...options.limits};
	}

	/** Ends the SSH connection of an `ssh://` engine (nothing to do for a socket or TCP). */
	close(): void {
		this.sshTransport?.close();
	}

	async info(): Promise<EngineInfo> {
		const {body} = await this.requests.json({method: 'GET', path: ['version'], timeoutMs: this.limits.readMs});
		const version = record(body);
		if (typeof version['Version'] !== 'string') {
			throw unreadable(this.host, 'GET /version', 'no Version');
		}

		return {host: this.host, version: text(version['Version']), apiVersion: text(version['ApiVersion']), ...(this.context === undefined ? {} : {context: this.context})};
	}

	/** Resolves when the engine answers `/_ping` within the read timeout. */
	async ping(signal?: AbortSignal): Promise<void> {
		await this.requests.json({method: 'GET', path: ['_ping'], timeoutMs: this.limits.readMs, answer: 'text', ...(signal ? {signal} : {})});
	}

	async listNodeContainers(): Promise<ContainerSummary[]> {
		const {body} = await this.requests.json({method: 'GET', path: ['containers', 'json'], query: {all: true, filters: nodeFilters}, timeoutMs: this.limits.readMs});
		if (!Array.isArray(body)) {
			throw unreadable(this.host, 'GET /containers/json', 'not a list');
		}

		return body.map(item => toSummary(item)).filter(item => item !== undefined);
	}

	async listWorldContainers(): Promise<WorldContainer[]> {
		const lists = await Promise.all(
			worldFilters.map(async filters => {
				const {body} = await this.requests.json({method: 'GET', path: ['containers', 'json'], query: {all: true, filters}, timeoutMs: this.limits.readMs});
				if (!Array.isArray(body)) {
					throw unreadable(this.host, 'GET /containers/json', 'not a list');
				}

				return body.map(item => toWorldContainer(item)).filter(item => item !== undefined);
			}),
		);
		return [...new Map(lists.flat().map(container => [container.id, container])).values()];
	}

	async listNetworks(prefix: string): Promise<NetworkSummary[]> {
		const start = this.volumeName(prefix);
		const {body} = await this.requests.json({method: 'GET', path: ['networks'], query: {filters: {name: [start]}}, timeoutMs: this.limits.readMs});
		if (!Array.isArray(body)) {
			throw unreadable(this.host, 'GET /networks', 'not a list');
		}

		// The list leaves `Containers` empty (API 1.28+): each network is inspected.
		const listed = body.map(item => toNetwork(item)).filter(item => item !== undefined && item.name.startsWith(start) && isContainerRef(item.id));
		const networks = await Promise.all(
			listed.slice(0, maxNetworks).map(async network => {
				try {
					const {body: details} = await this.requests.json({method: 'GET', path: ['networks', network!.id], timeoutMs: this.limits.readMs, subject: `network ${network!.name}`});
					return toNetwork(details);
				} catch (error) {
					if (isEngineError(error, 'not-found')) {
						return undefined;
					}

					throw error;
				}
			}),
		);
		return networks.filter(item => item !== undefined);
	}

	async listVolumes(prefix: string): Promise<string[]> {
		const start = this.volumeName(prefix);
		const {body} = await this.requests.json({method: 'GET', path: ['volumes'], query: {filters: {name: [start]}}, timeoutMs: this.limits.readMs});
		const volumes = record(body)['Volumes'];
		if (volumes !== null && !Array.isArray(volumes)) {
			throw unreadable(this.host, 'GET /volumes', 'no Volumes list');
		}

		return (volumes ?? []).map(volume => text(record(volume)['Name'])).filter(name => isVolumeName(name) && name.startsWith(start));
	}

	async removeNetwork(name: string): Promise<VolumeRemoval> {
		try {
			await this.requests.json({method: 'DELETE', path: ['networks', this.volumeName(name)], timeoutMs: this.limits.changeMs, subject: `network ${name}`});
			return 'removed';
		} catch (error) {
			if (isEngineError(error, 'not-found')) {
				return 'absent';
			}

			// Docker 20 answers 403 "has active endpoints", later versions 409.
			if (isEngineError(error, 'conflict') || (isEngineError(error, 'permission') && /active endpoints/i.test(error.message))) {
				return 'in-use';
			}

			throw error;
		}
	}

	async inspectContainer(idOrName: string, signal?: AbortSignal): Promise<ContainerDetails> {
		const ref = this.containerRef(idOrName);
		const {body} = await this.requests.json({method: 'GET', path: ['containers', ref, 'json'], timeoutMs: this.limits.readMs, subject: `container ${ref}`, ...(signal ? {signal} : {})});
		const details = toDetails(body);
		if (!details) {
			throw unreadable(this.host, 'GET /containers/{id}/json', 'no Id');
		}

		return details;
	}

	async imageEnv(image: string): Promise<string[] | undefined> {
		if (!isImageRef(image)) {
			return undefined;
		}

		try {
			const {body} = await this.requests.json({method: 'GET', path: ['images', image, 'json'], timeoutMs: this.limits.readMs});
			return textList(record(record(body)['Config'])['Env']);
		} catch (error) {
			if (isEngineError(error, 'not-found')) {
				return undefined;
			}

			throw error;
		}
	}

	async imageExists(image: string): Promise<boolean> {
		return (await this.imageEnv(image)) !== undefined;
	}

	async pullImage(image: string, signal?: AbortSignal): Promise<void> {
		try {
			if (!isImageRef(image)) {
				throw new EngineError('failed', 'not a valid image reference');
			}

			// The engine answers once the registry did (a token, a manifest): that wait is the pull's, not a hung engine's.
			const stream = await this.requests.stream({method: 'POST', path: ['images', 'create'], query: parseRepoTag(image), timeoutMs: this.limits.pullSilenceMs, ...(signal ? {signal} : {})});
			const silence = new SilenceLimit(stream, this.limits.pullSilenceMs, `The pull of ${image} made no progress for ${seconds(this.limits.pullSilenceMs)} s.`);
			try {
				for await (const event of this.jsonLines(stream, signal)) {
					silence.touch();
					const failed = record(event)['error'];
					if (failed !== undefined) {
						throw new EngineError('failed', typeof failed === 'string' ? failed : 'the engine reported an error');
					}
				}
			} finally {
				silence.stop();
			}
		} catch (error) {
			if (isEngineError(error, 'daemon-unreachable') || isEngineError(error, 'permission') || signal?.aborted) {
				throw error;
			}

			const reason = error instanceof Error ? error.message : String(error);
			throw new EngineError(
				'image-missing',
				`Image ${image} is not on this host and could not be pulled (${firstLine(reason)}). Load it onto this host, or choose another image with --image or images.node in the config.`,
			);
		}
	}

	async createVolume(name: string): Promise<void> {
		await this.requests.json({method: 'POST', path: ['volumes', 'create'], body: {Name: this.volumeName(name)}, timeoutMs: this.limits.changeMs, subject: `volume ${name}`});
	}

	async volumeExists(name: string): Promise<boolean> {
		try {
			await this.requests.json({method: 'GET', path: ['volumes', this.volumeName(name)], timeoutMs: this.limits.readMs, subject: `volume ${name}`});
			return true;
		} catch (error) {
			if (isEngineError(error, 'not-found')) {
				return false;
			}

			throw error;
		}
	}

	async removeVolume(name: string): Promise<VolumeRemoval> {
		try {
			await this.requests.json({method: 'DELETE', path: ['volumes', this.volumeName(name)], timeoutMs: this.limits.changeMs, subject: `volume ${name}`});
			return 'removed';
		} catch (error) {
			if (isEngineError(error, 'not-found')) {
				return 'absent';
			}

			if (isEngineError(error, 'conflict')) {
				return 'in-use';
			}

			throw error;
		}
	}

	async createContainer(spec: NodeSpec): Promise<string> {
		const name = this.containerRef(spec.containerName);
		if (!isImageRef(spec.image)) {
			throw new EngineError('image-missing', `${quoted(spec.image)} is not a valid image reference. Choose another with --image or images.node.`);
		}

		try {
			const {body} = await this.requests.json({
				method: 'POST',
				path: ['containers', 'create'],
				query: {name},
				body: {
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
				},
				timeoutMs: this.limits.changeMs,
				subject: `container ${name}`,
			});
			const id = text(record(body)['Id']);
			if (!isContainerRef(id)) {
				throw unreadable(this.host, 'POST /containers/create', 'no Id');
			}

			return id;
		} catch (error) {
			// Create answers 404 only for a missing image (the container does not exist yet).
			if (isEngineError(error, 'not-found')) {
				throw new EngineError('image-missing', `Image ${spec.image} is not on this host. Pull or load it, or choose another with --image or images.node.`);
			}

			throw error;
		}
	}

	async startContainer(id: string): Promise<void> {
		const ref = this.containerRef(id);
		// 304: already started.
		await this.requests.json({method: 'POST', path: ['containers', ref, 'start'], timeoutMs: this.limits.changeMs, subject: `container ${ref}`});
	}

	async stopContainer(id: string, graceSeconds: number): Promise<void> {
		const ref = this.containerRef(id);
		// 304: already stopped.
		await this.requests.json({
			method: 'POST',
			path: ['containers', ref, 'stop'],
			query: {t: graceSeconds},
			timeoutMs: graceSeconds * 1000 + this.limits.stopMarginMs,
			subject: `container ${ref}`,
		});
	}

	async removeContainer(id: string, options: {force?: boolean} = {}): Promise<void> {
		const ref = this.containerRef(id);
		await this.requests.json({method: 'DELETE', path: ['containers', ref], query: {force: options.force ?? false}, timeoutMs: this.limits.changeMs, subject: `container ${ref}`});
	}

	async waitContainer(id: string, condition: 'next-exit' | 'removed', signal?: AbortSignal): Promise<number> {
		const ref = this.containerRef(id);
		try {
			// No deadline: a node may run for months; the caller's signal ends the wait.
			const {body} = await this.requests.json({method: 'POST', path: ['containers', ref, 'wait'], query: {condition}, timeoutMs: undefined, subject: `container ${ref}`, ...(signal ? {signal} : {})});
			return count(record(body)['StatusCode']);
		} catch (error) {
			if (condition === 'removed' && isEngineError(error, 'not-found')) {
				return 0;
			}

			throw error;
		}
	}

	async *attachOutput(id: string, signal: AbortSignal): AsyncIterable<LogLine> {
		try {
			const details = await this.inspectContainer(id, signal);
			const stream = await this.requests.stream({
				method: 'POST',
				path: ['containers', details.id, 'attach'],
				query: {stream: true, stdout: true, stderr: true, logs: true},
				timeoutMs: this.limits.readMs,
				signal,
			});
			yield* this.decodeStream(stream, details.tty, signal);
		} catch (error) {
			if (!signal.aborted) {
				throw error;
			}
		}
	}

	async *logs(id: string, options: LogOptions = {}): AsyncIterable<LogLine> {
		const {signal} = options;
		let tty: boolean;
		let stream: Readable;
		try {
			const details = await this.inspectContainer(id, signal);
			tty = details.tty;
			stream = await this.requests.stream({
				method: 'GET',
				path: ['containers', details.id, 'logs'],
				query: {
					stdout: true,
					stderr: true,
					follow: options.follow ?? false,
					timestamps: options.timestamps ?? false,
					...(options.tail === undefined ? {} : {tail: options.tail}),
					...(options.since === undefined ? {} : {since: options.since}),
				},
				timeoutMs: this.limits.readMs,
				...(signal ? {signal} : {}),
			});
		} catch (error) {
			if (signal?.aborted) {
				return;
			}

			throw error;
		}

		yield* this.decodeStream(stream, tty, signal);
	}

	async *stats(id: string, signal: AbortSignal): AsyncIterable<ContainerStats> {
		const ref = this.containerRef(id);
		let stream: Readable;
		try {
			stream = await this.requests.stream({method: 'GET', path: ['containers', ref, 'stats'], query: {stream: true}, timeoutMs: this.limits.readMs, subject: `container ${ref}`, signal});
		} catch (error) {
			if (signal.aborted) {
				return;
			}

			throw error;
		}

		// One JSON object a line, a second apart; the heartbeat ends a stream that goes quiet with an engine that no longer answers.
		for await (const answer of this.jsonLines(stream, signal, this.limits.maxStatsBytes)) {
			const sample = toStatsSample(answer);
			if (sample === undefined) {
				stream.destroy();
				throw unreadable(this.host, 'GET /containers/{id}/stats', 'not a stats answer');
			}

			// Docker goes on sending zeroed answers for a container that stopped.
			if (sample === 'not-running') {
				stream.destroy();
				return;
			}

			yield containerStats(sample);
		}
	}

	async statsOnce(id: string, signal?: AbortSignal): Promise<ContainerStats | undefined> {
		const ref = this.containerRef(id);
		// Docker waits for a second sample before it answers, so CPU % is measured: a read deadline more.
		const {body} = await this.requests.json({
			method: 'GET',
			path: ['containers', ref, 'stats'],
			query: {stream: false},
			timeoutMs: this.limits.readMs * 2,
			subject: `container ${ref}`,
			maxBytes: this.limits.maxStatsBytes,
			...(signal ? {signal} : {}),
		});
		const sample = toStatsSample(body);
		if (sample === undefined) {
			throw unreadable(this.host, 'GET /containers/{id}/stats', 'not a stats answer');
		}

		return sample === 'not-running' ? undefined : containerStats(sample);
	}

	async *events(signal: AbortSignal): AsyncIterable<EngineEvent> {
		let since: number | undefined;
		let connected = false;
		let first = true;
		while (!signal.aborted) {
			try {
				await this.ping(signal);
				const stream = await this.requests.stream({
					method: 'GET',
					path: ['events'],
					query: {filters: {type: ['container'], ...nodeFilters}, ...(since === undefined ? {} : {since})},
					timeoutMs: this.limits.readMs,
					signal,
				});
				// Said on the first stream too: what changed before it (after a listing the caller made) is not replayed
				// without a `since`, so the caller lists again now that nothing more is missed.
				connected = true;
				yield {type: 'engine', status: 'connected', message: first ? `Listening to the Docker engine at ${this.host}.` : `Docker engine at ${this.host} is back.`};
				first = false;

				for await (const line of this.jsonLines(stream, signal)) {
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

				// Said on every failed attempt, not only the first: a listing may have answered in between.
				connected = false;
				const engineError = toEngineError(error, this.host);
				yield {type: 'engine', status: 'disconnected', message: engineError.message, kind: engineError.kind};
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

	async exec(container: string, request: ExecRequest): Promise<ExecSession> {
		const ref = this.containerRef(container);
		return openExec(this.requests, this.host, ref, request, this.limits);
	}

	/** Refuses what could never be a container id or name: it would be part of a request path. */
	private containerRef(value: string): string {
		if (!isContainerRef(value)) {
			throw new EngineError('not-found', `No such container: ${quoted(value)} is not a valid container name or id.`);
		}

		return value.replace(/^\//, '');
	}

	private volumeName(value: string): string {
		if (!isVolumeName(value)) {
			throw new EngineError('not-found', `No such volume: ${quoted(value)} is not a valid volume name.`);
		}

		return value;
	}

	/** A stream quiet for a heartbeat makes the engine be pinged; no answer ends the stream with that error. */
	private heartbeat(stream: Readable): {touch(): void; stop(): void} {
		let last = Date.now();
		let checking = false;
		const timer = setInterval(() => {
			if (checking || Date.now() - last < this.limits.heartbeatMs) {
				return;
			}

			checking = true;
			this.ping().then(
				() => {
					last = Date.now();
					checking = false;
				},
				(error: unknown) => {
					checking = false;
					stream.destroy(error instanceof Error ? error : new Error(String(error)));
				},
			);
		}, Math.max(50, Math.floor(this.limits.heartbeatMs / 5)));
		timer.unref();
		return {
			touch() {
				last = Date.now();
			},
			stop() {
				clearInterval(timer);
			},
		};
	}

	private async *decodeStream(stream: Readable, tty: boolean, signal?: AbortSignal): AsyncIterable<LogLine> {
		const decoder = new LogDecoder(tty);
		for await (const chunk of this.chunks(stream, signal)) {
			yield* decoder.push(chunk);
		}

		if (!signal?.aborted) {
			yield* decoder.end();
		}
	}

	private async *jsonLines(stream: Readable, signal?: AbortSignal, maxLineBytes = this.limits.maxEventLineBytes): AsyncIterable<unknown> {
		const decoder = new TextDecoder();
		let buffer = '';
		for await (const chunk of this.chunks(stream, signal)) {
			buffer += decoder.decode(chunk, {stream: true});
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

			if (buffer.length > maxLineBytes) {
				stream.destroy();
				throw unreadable(this.host, 'a stream of JSON lines', `a line over ${Math.round(maxLineBytes / 1024)} KB`);
			}
		}
	}

	/** The stream's chunks under a heartbeat; ends quietly when the signal aborts, with an EngineError when the engine fails. */
	private async *chunks(stream: Readable, signal?: AbortSignal): AsyncIterable<Buffer> {
		const beat = this.heartbeat(stream);
		try {
			for await (const chunk of stream) {
				beat.touch();
				yield chunk as Buffer;
			}
		} catch (error) {
			if (!signal?.aborted) {
				throw toEngineError(error, this.host);
			}
		} finally {
			beat.stop();
			stream.destroy();
		}
	}
}

/** Ends a stream that has sent nothing for `ms`. */
class SilenceLimit {
	private timer: NodeJS.Timeout;

	constructor(
		private readonly stream: Readable,
		private readonly ms: number,
		private readonly message: string,
	) {
		this.timer = this.arm();
	}

	touch(): void {
		clearTimeout(this.timer);
		this.timer = this.arm();
	}

	stop(): void {
		clearTimeout(this.timer);
	}

	private arm(): NodeJS.Timeout {
		return setTimeout(() => this.stream.destroy(new EngineError('failed', this.message)), this.ms);
	}
}

/** `name:tag` as the pull endpoint wants it: without a tag (or digest) the engine would pull every tag. */
function parseRepoTag(image: string): {fromImage: string; tag: string} {
	const digest = image.indexOf('@');
	if (digest >= 0) {
		return {fromImage: image.slice(0, digest), tag: image.slice(digest + 1)};
	}

	const colon = image.lastIndexOf(':');
	return colon > image.lastIndexOf('/') ? {fromImage: image.slice(0, colon), tag: image.slice(colon + 1)} : {fromImage: image, tag: 'latest'};
}

function firstLine(text: string): string {
	return text.split('\n')[0]!.trim();
}

/**
 * docker-modem for a resolved target, every option given, so none comes from
 * its own reading of DOCKER_HOST (which `--context` beats): that reading also
 * loads DOCKER_CERT_PATH's files unbounded, and may throw.
 */
function modemFor(target: Exclude<EngineTarget, {kind: 'invalid'}>, ssh: SshTransport | undefined): Docker {
	const none = {socketPath: undefined, host: undefined, port: undefined, protocol: 'http', username: undefined, ca: undefined, cert: undefined, key: undefined, pathPrefix: undefined, timeout: undefined, agent: undefined, sshOptions: {}} as const;
	// `agent` is passed on by docker-modem to every request, though @types/dockerode does not list it.
	const options: Docker.DockerOptions & {agent?: unknown} =
		target.kind === 'unix'
			? {...none, socketPath: target.socketPath}
			: target.kind === 'tcp'
				? {
						...none,
						host: target.host,
						port: target.port,
						protocol: target.tls ? 'https' : 'http',
						...(target.tls ? {agent: new (lazyHttps().Agent)({keepAlive: true, ca: target.tls.ca, cert: target.tls.cert, key: target.tls.key, rejectUnauthorized: target.tls.verify})} : {}),
					}
				: // The host name is not used: every connection is a dial-stdio channel of the one SSH connection.
					{...none, host: 'docker', port: 80, agent: ssh?.httpAgent()};
	const saved = process.env['DOCKER_HOST'];
	delete process.env['DOCKER_HOST'];
	try {
		return new Docker(options as Docker.DockerOptions);
	} finally {
		if (saved !== undefined) {
			process.env['DOCKER_HOST'] = saved;
		}
	}
}

/** A transport that answers every call with why there is none. */
function refusingDialer(problem: string): Dialer {
	return {
		dial(_options, callback) {
			queueMicrotask(() => callback(new EngineError('daemon-unreachable', problem), undefined));
		},
	};
}
