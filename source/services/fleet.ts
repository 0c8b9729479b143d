/**
 * Many hosts as one: each host (its own HostStack: engine, configs, services) is
 * listed on its own clock with its own timeout, and the listings are merged into
 * one table whose rows carry their `host`. A host that does not answer never
 * holds back the others: its last rows stay, marked `hostDown`, and it is asked
 * again in the background until it answers. Every action goes to the row's own
 * host: node actions by `NodeRef.host`, container actions (logs, stats, shell,
 * inspect of a run) by the container id, which the listings tell.
 */
import {isDeepStrictEqual} from 'node:util';
import {EngineError, type DockerEngine, type EngineErrorKind, type EngineEvent, type LogOptions} from '../docker/engine.js';
import type {NodeRow} from '../domain/node-row.js';
import type {NewNodeFields} from '../domain/new-node.js';
import type {Scope} from '../domain/node-config.js';
import type {Leftover} from '../domain/node-world.js';
import {ActionError} from './action-error.js';
import type {ConfigActions} from './config-actions.js';
import type {HostState, NodeListing, NodeRef, NodeService} from './node-service.js';
import type {StartOptions} from './start-node.js';

/** Node actions of one host (NodeService, or a fake). */
export type HostNodes = Pick<NodeService, 'list' | 'start' | 'stop' | 'restart' | 'remove' | 'inspect' | 'inspectContainer' | 'clean'>;

/** Config actions; in a fleet the last argument names the node's host (one host's ConfigActions ignores it). */
export type HostConfigActions = {
	create(fields: NewNodeFields, host?: string): ReturnType<ConfigActions['create']>;
	edit(before: NewNodeFields, after: NewNodeFields, resolve?: 'overwrite' | 'keep-theirs', host?: string): ReturnType<ConfigActions['edit']>;
	delete(name: string, scope: Scope, host?: string): ReturnType<ConfigActions['delete']>;
	setApiKey(name: string, scope: Scope, apiKey: string, host?: string): ReturnType<ConfigActions['setApiKey']>;
	fieldsOf(name: string, scope: Scope, host?: string): ReturnType<ConfigActions['fieldsOf']>;
};

/** One host as the fleet uses it (cli.tsx builds it from openHost). */
export type FleetMember = {
	name: string;
	/** The engine's address as shown. */
	address: string;
	nodes: HostNodes;
	engine: Pick<DockerEngine, 'events' | 'logs' | 'stats'>;
	configs: Pick<ConfigActions, 'create' | 'edit' | 'delete' | 'setApiKey' | 'fieldsOf'>;
	close?: () => void;
};

/** The fleet's clocks; the README quotes them, tests shorten them. */
export const fleetTiming = {
	/** How long the first listing waits for a host (an SSH handshake on a busy or far host takes seconds). */
	connectTimeoutMs: 20_000,
	/** How long a listing waits for a host that was answering; then it counts as unreachable. */
	listTimeoutMs: 5000,
	/** How long a listing waits for a host that is down (a refused connection answers at once). */
	downWaitMs: 250,
	/** How often a down host is asked again, whatever its event stream says. */
	retryMs: 2000,
};

type Member = FleetMember & {
	state: HostState;
	last?: NodeListing;
	inflight?: Promise<void>;
	/** Listings waiting on this host now: a listing that lands unwaited is told to the UI. */
	awaiting: number;
	ids: Set<string>;
	retry?: NodeJS.Timeout;
};

const isUp = (state: HostState) => state.state === 'connected' || state.state === 'connecting';

export class Fleet {
	private readonly members: Member[];
	private readonly listeners = new Set<() => void>();
	private live = false;
	private closed = false;

	constructor(
		members: readonly FleetMember[],
		private readonly timing: typeof fleetTiming = fleetTiming,
	) {
		this.members = members.map(member => ({...member, state: {name: member.name, address: member.address, state: 'connecting'}, awaiting: 0, ids: new Set()}));
	}

	/** The hosts and their states now. */
	hostStates(): HostState[] {
		return this.members.map(member => member.state);
	}

	/** Every host's rows: those that answered in time as they are, the others as last known. */
	async list(): Promise<NodeListing> {
		await Promise.all(this.members.map(async member => this.settle(member)));
		return this.merged();
	}

	readonly nodes: HostNodes = {
		list: async () => this.list(),
		start: async (ref: NodeRef, options?: StartOptions) => this.usable(ref.host).nodes.start(plain(ref), options),
		stop: async (ref: NodeRef, onProgress?: (message: string) => void) => this.usable(ref.host).nodes.stop(plain(ref), onProgress),
		restart: async (ref: NodeRef, options?: StartOptions) => this.usable(ref.host).nodes.restart(plain(ref), options),
		remove: async (ref: NodeRef, options?: {volumes?: boolean}) => this.usable(ref.host).nodes.remove(plain(ref), options),
		inspect: async (ref: NodeRef) => this.usable(ref.host).nodes.inspect(plain(ref)),
		inspectContainer: async (id: string) => this.byId(id).nodes.inspectContainer(id),
		clean: async (items: readonly Leftover[], ref?: NodeRef) => this.usable(ref?.host).nodes.clean(items, ref ? plain(ref) : undefined),
	};

	readonly configs: HostConfigActions = {
		create: async (fields, host) => this.usable(host).configs.create(fields),
		edit: async (before, after, resolve, host) => this.usable(host).configs.edit(before, after, resolve),
		delete: async (name, scope, host) => this.usable(host).configs.delete(name, scope),
		setApiKey: async (name, scope, apiKey, host) => this.usable(host).configs.setApiKey(name, scope, apiKey),
		fieldsOf: async (name, scope, host) => this.usable(host).configs.fieldsOf(name, scope),
	};

	readonly engine: Pick<DockerEngine, 'events' | 'logs' | 'stats'> = {
		events: (signal: AbortSignal) => this.events(signal),
		logs: (id: string, options?: LogOptions) => routed(() => this.byId(id).engine.logs(id, options)),
		stats: (id: string, signal: AbortSignal) => routed(() => this.byId(id).engine.stats(id, signal)),
	};

	/** The name of the host whose container this is (a shell is opened on that host's engine). */
	hostOfContainer(id: string): string {
		return this.byId(id).name;
	}

	/**
	 * Every host's container events, merged. A host's engine going away is not the fleet's: it marks
	 * that host (and tells the listener, which lists again), while the others' events flow on.
	 */
	async *events(signal: AbortSignal): AsyncIterable<EngineEvent> {
		this.live = true;
		const queue: EngineEvent[] = [];
		let wake: (() => void) | undefined;
		const push = (event: EngineEvent) => {
			// A waiting event already brings a listing: a flood is not queued without bound.
			if (queue.length < maxQueued) {
				queue.push(event);
			}

			wake?.();
		};

		const changed = () => push(changeEvent());
		this.listeners.add(changed);
		for (const member of this.members) {
			if (!isUp(member.state)) {
				this.retryLater(member);
			}

			void (async () => {
				for await (const event of member.engine.events(signal)) {
					if (event.type === 'engine' && event.status === 'disconnected') {
						this.markDown(member, event.message, event.kind, 'reconnecting');
					} else {
						push(event);
					}
				}
			})().catch(() => undefined);
		}

		try {
			while (!signal.aborted) {
				if (queue.length === 0) {
					// eslint-disable-next-line no-await-in-loop -- one event at a time, as the engines give them
					await new Promise<void>(resolve => {
						const onAbort = () => resolve();
						// Taken off again when an event wakes the loop: one wait must not leave a listener behind.
						wake = () => {
							signal.removeEventListener('abort', onAbort);
							resolve();
						};

						signal.addEventListener('abort', onAbort, {once: true});
					});
					wake = undefined;
				}

				while (queue.length > 0 && !signal.aborted) {
					yield queue.shift()!;
				}
			}
		} finally {
			this.listeners.delete(changed);
		}
	}

	/** Stops the retries and closes every host's connections. */
	close(): void {
		this.closed = true;
		for (const member of this.members) {
			clearInterval(member.retry);
			member.close?.();
		}
	}

	private async settle(member: Member): Promise<void> {
		const wait = member.state.state === 'connecting' ? this.timing.connectTimeoutMs : member.state.state === 'connected' ? this.timing.listTimeoutMs : this.timing.downWaitMs;
		member.awaiting++;
		let timer: NodeJS.Timeout | undefined;
		const timedOut = await Promise.race([
			this.refresh(member).then(() => false),
			new Promise<boolean>(resolve => {
				timer = setTimeout(() => resolve(true), wait);
			}),
		]);
		clearTimeout(timer);
		member.awaiting--;
		if (timedOut && isUp(member.state)) {
			this.markDown(member, `no answer within ${wait / 1000} s`, 'daemon-unreachable', 'unreachable', false);
		}
	}

	/** One listing of one host at a time; what it finds becomes the host's state. */
	private async refresh(member: Member): Promise<void> {
		member.inflight ??= member.nodes
			.list()
			.then(
				listing => {
					const before = member.last;
					if (listing.engineDown === undefined) {
						member.last = listing;
						member.ids = idsOf(listing.rows);
						this.setState(member, {name: member.name, address: member.address, state: 'connected', ...(listing.engine ? {engine: listing.engine} : {})}, !isDeepStrictEqual(before, listing));
						clearInterval(member.retry);
						member.retry = undefined;
					} else {
						// The configs alone, until the host has answered once; after, its last rows (greyed).
						member.last ??= listing;
						this.markDown(member, listing.engineDown, listing.engineDownKind, 'unreachable');
					}
				},
				(error: unknown) => {
					this.markDown(member, error instanceof Error ? error.message : String(error), error instanceof EngineError ? error.kind : undefined, 'unreachable');
				},
			)
			.finally(() => {
				member.inflight = undefined;
			});
		return member.inflight;
	}

	private markDown(member: Member, reason: string, kind: EngineErrorKind | undefined, state: 'reconnecting' | 'unreachable', tell = true): void {
		// An unreachable host stays so until it answers: its event stream's failed reconnects say nothing new.
		const next = state === 'reconnecting' && member.state.state === 'unreachable' ? 'unreachable' : state;
		this.setState(member, {name: member.name, address: member.address, state: next, reason, ...(kind ? {kind} : {}), ...(member.state.engine ? {engine: member.state.engine} : {})}, false, tell);
		this.retryLater(member);
	}

	private setState(member: Member, state: HostState, rowsChanged: boolean, tell = true): void {
		const changed = rowsChanged || !isDeepStrictEqual(member.state, state);
		member.state = state;
		// A listing that someone waits for is told by its answer; the others (late, retried, from an event) here.
		if (changed && tell && member.awaiting === 0) {
			this.listeners.forEach(listener => listener());
		}
	}

	/** A down host is asked again on its own clock while someone watches (the UI), never in a one-off command. */
	private retryLater(member: Member): void {
		if (!this.live || this.closed || member.retry) {
			return;
		}

		member.retry = setInterval(() => {
			if (!member.inflight) {
				void this.refresh(member);
			}
		}, this.timing.retryMs);
	}

	private merged(): NodeListing {
		const rows: NodeRow[] = [];
		const problems: NodeListing['problems'] = [];
		const worldDown: string[] = [];
		for (const member of this.members) {
			const down = isUp(member.state) ? undefined : (member.state.reason ?? member.state.state);
			for (const row of member.last?.rows ?? []) {
				rows.push({...row, key: `${member.name}/${row.key}`, host: member.name, ...(down === undefined ? {} : {hostDown: down})});
			}

			// A down host's config dirs fail for the reason the hosts line already gives, once per scope: said once there.
			for (const problem of down === undefined ? (member.last?.problems ?? []) : []) {
				const message = `${member.name}: ${problem.message}`;
				if (!problems.some(earlier => earlier.message === message)) {
					problems.push({...problem, message});
				}
			}

			if (member.last?.worldDown !== undefined && down === undefined) {
				worldDown.push(`${member.name}: ${member.last.worldDown}`);
			}
		}

		const hosts = this.hostStates();
		const up = hosts.find(host => host.state === 'connected');
		const listing: NodeListing = {rows, problems, hosts, ...(worldDown.length > 0 ? {worldDown: worldDown.join('; ')} : {})};
		if (up?.engine) {
			return {...listing, engine: up.engine};
		}

		const kind = hosts.find(host => host.kind)?.kind;
		return {...listing, engineDown: `No host answers: ${hosts.map(host => `${host.name}: ${host.reason ?? host.state}`).join('; ')}`, ...(kind ? {engineDownKind: kind} : {})};
	}

	private member(host: string | undefined): Member {
		if (host === undefined) {
			if (this.members.length === 1) {
				return this.members[0]!;
			}

			throw new ActionError('engine', `Which host? This fleet has ${this.members.map(member => member.name).join(', ')}. Nothing was done.`);
		}

		const member = this.members.find(candidate => candidate.name === host);
		if (!member) {
			throw new ActionError('engine', `No host named '${host}' in this fleet. Nothing was done.`);
		}

		return member;
	}

	/** The host, if it answers now; a down host's actions are refused with the reason. */
	private usable(host: string | undefined): Member {
		const member = this.member(host);
		if (!isUp(member.state)) {
			throw new ActionError('engine', `${member.name} is ${member.state.state}${member.state.reason ? `: ${member.state.reason}` : ''}. Nothing was done; it is retried by itself.`);
		}

		return member;
	}

	/** The host whose last listing holds this container (node, run or helper); the only host when there is one. */
	private byId(id: string): Member {
		const member = this.members.length === 1 ? this.members[0] : this.members.find(candidate => candidate.ids.has(id));
		if (!member) {
			throw new EngineError('not-found', `No host of this fleet has container ${id.slice(0, 12)} (listed again in a moment).`);
		}

		return member;
	}
}

const maxQueued = 256;

/** The ref as one host's service takes it. */
function plain(ref: NodeRef): NodeRef {
	return {name: ref.name, ...(ref.scope ? {scope: ref.scope} : {})};
}

/** Container ids of a host's rows: nodes, their runs and helpers. */
function idsOf(rows: readonly NodeRow[]): Set<string> {
	return new Set(rows.flatMap(row => [...(row.container ? [row.container.id] : []), ...(row.runs ?? []).map(run => run.id), ...(row.helpers ?? []).map(helper => helper.id)]));
}

/** Tells the listener that the fleet changed: it lists again (a container event is what it lists on). */
function changeEvent(): EngineEvent {
	return {type: 'container', action: 'fleet', id: '', name: '', labels: {}, timeNano: Date.now() * 1e6};
}

/** A stream from the host found when it is read (a host not found is an error of the stream, not of the call). */
async function* routed<T>(open: () => AsyncIterable<T>): AsyncIterable<T> {
	yield* open();
}
