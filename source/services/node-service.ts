/**
 * What an operator does to a node (list, start, stop, restart, remove,
 * inspect), composed from the config store and the Docker engine. The CLI and
 * the TUI both call this; neither talks to Docker directly.
 */
import type {ConfigStore, HostFiles, StoreProblem} from '../config/config-store.js';
import {maskConfig} from '../domain/mask.js';
import type {ContainerDetails} from '../domain/container.js';
import {formatProblem, type NodeConfigEntry, type Scope} from '../domain/node-config.js';
import {joinNodes, type NodeRow} from '../domain/node-row.js';
import {attachWorld, cleanPlan, type Leftover, type World} from '../domain/node-world.js';
import {buildNodeSpec, containerNameOf, needsServerVersion, volumeNamesOf, type SpecResult} from '../domain/node-spec.js';
import {checkSpec, type CheckItem} from '../domain/spec-check.js';
import {isEngineError, worldPrefix, type DockerEngine, type EngineErrorKind, type EngineInfo} from '../docker/engine.js';
import {removeLeftovers, rowsNamed, type CleanResult} from './clean-nodes.js';
import {ActionError, requireNodeName, requireScopeAccess} from './action-error.js';
import {Accountable, type Accountability} from './accountable.js';
import {shellCommand, v6Command} from '../domain/audit-entry.js';
import {startNode, type StartOptions, type StartOutcome} from './start-node.js';
import {stopNode, type StopOutcome} from './stop-node.js';

/** A node; `host` names its host in a fleet (services/fleet.ts routes on it; one host's service ignores it). */
export type NodeRef = {name: string; scope?: Scope; host?: string};

export type NodeServiceDeps = {
	engine: DockerEngine;
	store: ConfigStore;
	files: HostFiles;
	/** Host environment (volume name and private key overrides). */
	hostEnv: Readonly<Record<string, string | undefined>>;
	/** Where relative database paths resolve, as for the official CLI (an ssh:// host's: the SSH user's home there). */
	cwd: string | (() => string);
	/** Asks the server which node image to use; omitted means never ask. */
	serverVersion?: (entry: NodeConfigEntry) => Promise<string | undefined>;
	/** How long a started node is watched for an early exit. @default 5 */
	verifySeconds?: number;
	/**
	 * The engine's address when it is on another host whose files vnode-tui cannot reach (tcp:// to a
	 * non-loopback address: an ssh:// engine's configs are read over SFTP on that host). Configs and the paths
	 * a node mounts are read on this machine then, so a start there would bind this machine's paths on that
	 * host: start and restart are refused.
	 */
	remoteEngine?: string;
	/** SIGTERM grace before SIGKILL, as `docker stop`. @default 10 */
	stopGraceSeconds?: number;
	/** The audit log and read-only mode; omitted: nothing logged, nothing refused. */
	accountability?: Accountability;
};

/**
 * Every config and node container. When the engine cannot be asked, the configs
 * are still listed (status unknown: no container facts) and `engineDown` says why.
 */
export type NodeListing = {
	rows: NodeRow[];
	problems: StoreProblem[];
	engine?: EngineInfo;
	engineDown?: string;
	/** Why the engine could not be asked: `permission` when it runs but this user may not use it. */
	engineDownKind?: EngineErrorKind;
	/** The engine answered for node containers but not for their runs, networks or volumes: rows have no `runs`/`leftovers`. */
	worldDown?: string;
	/** A fleet's hosts, each with its state (services/fleet.ts); undefined on a single-host run. */
	hosts?: HostState[];
};

/** One host of a fleet as the hosts line shows it. */
export type HostState = {
	name: string;
	/** The engine's address as shown (`ssh://vt@pi-1`, `/var/run/docker.sock`). */
	address: string;
	state: 'connecting' | 'connected' | 'reconnecting' | 'unreachable';
	/** Why it is not connected (sanitized by whoever shows it). */
	reason?: string;
	/** Its engine, once it answered. */
	engine?: EngineInfo;
	/** What its engine said when it could not be asked (`permission`, `unreachable`...). */
	kind?: EngineErrorKind;
};

export type InspectReport = {
	entry?: NodeConfigEntry;
	containerName: string;
	container?: ContainerDetails;
	expected?: SpecResult;
	check?: CheckItem[];
	/** The config as YAML, with secrets masked and as written (shown only on an explicit key). */
	configYaml?: {masked: string; plain: string};
};

export type RemoveOutcome = {containerRemoved: boolean; volumesRemoved: string[]; volumesLeft: Array<{name: string; reason: string}>};

export class NodeService {
	/** Read-only refusals and the audit log of every changing action here. */
	readonly guard: Accountable;

	constructor(readonly deps: NodeServiceDeps) {
		this.guard = new Accountable(deps.accountability);
	}

	async list(): Promise<NodeListing> {
		const {engine: docker} = this.deps;
		const world: Promise<World | {down: string}> = Promise.all([docker.listWorldContainers(), docker.listNetworks(worldPrefix), docker.listVolumes(worldPrefix)]).then(
			([containers, networks, volumes]) => ({containers, networks, volumes}),
			(error: unknown) => {
				if (!isEngineError(error)) {
					throw error;
				}

				return {down: error.message};
			},
		);
		const engineSide = Promise.all([docker.info(), docker.listNodeContainers(), world]).then(
			([info, containers, world]) => ({info, containers, world}),
			(error: unknown) => {
				if (!isEngineError(error)) {
					throw error;
				}

				return {down: error.message, kind: error.kind};
			},
		);
		const [listing, engine] = await Promise.all([this.deps.store.list(), engineSide]);
		if ('down' in engine) {
			return {rows: this.withAccess(joinNodes(listing.nodes, undefined)), problems: listing.problems, engineDown: engine.down, engineDownKind: engine.kind};
		}

		const rows = this.withAccess(joinNodes(listing.nodes, engine.containers));
		if ('down' in engine.world) {
			return {rows, problems: listing.problems, engine: engine.info, worldDown: engine.world.down};
		}

		return {rows: attachWorld(rows, engine.world, this.deps.hostEnv), problems: listing.problems, engine: engine.info};
	}

	/** Rows this user may not act on say so before any action is tried. */
	private withAccess(rows: NodeRow[]): NodeRow[] {
		const reasons = new Map<Scope, string | undefined>();
		return rows.map(row => {
			if (!row.scope) {
				return row;
			}

			if (!reasons.has(row.scope)) {
				reasons.set(row.scope, this.deps.store.needsRoot(row.scope));
			}

			const reason = reasons.get(row.scope);
			return reason ? {...row, needsRoot: reason} : row;
		});
	}

	/**
	 * Refuses, before any request, an action this user may not do on a node of this scope (a system node
	 * without root): said as what to run instead, not as a failure half-way.
	 */
	requireAccess(name: string, scope: Scope, command: string): void {
		requireScopeAccess(this.deps.store, name, scope, command);
	}

	/** What `clean` would remove, for one node name (both scopes unless given) or every node. */
	async cleanPlan(ref?: NodeRef): Promise<Leftover[]> {
		if (ref) {
			requireNodeName(ref.name);
		}

		const listing = await this.list();
		const down = listing.engineDown ?? listing.worldDown;
		if (down !== undefined) {
			throw new ActionError('engine', `Nothing was removed: ${down}`);
		}

		if (!ref) {
			return cleanPlan(listing.rows);
		}

		const rows = rowsNamed(listing.rows, ref.name, ref.scope);
		if (rows.length === 0) {
			throw new ActionError('config-missing', `No node, run or leftover named '${ref.name}'. 'vnode-tui list' shows the nodes there are.`);
		}

		return cleanPlan(rows);
	}

	/** Removes what `planned` lists and a fresh plan still holds (a node started since keeps its things). */
	async clean(planned: readonly Leftover[], ref?: NodeRef): Promise<CleanResult[]> {
		const target = {action: 'clean' as const, ...(ref ? {node: ref.name} : {}), scope: ref?.scope ?? scopeOfPlan(planned), command: cleanCommand(planned)};
		return this.guard.run(
			target,
			async () => removeLeftovers(this.deps.engine, planned, await this.cleanPlan(ref)),
			results => {
				const removed = results.filter(result => result.outcome === 'removed');
				const failed = results.filter(result => result.outcome === 'failed' || result.outcome === 'in-use');
				return {
					command: cleanCommand(removed),
					detail: `removed ${removed.length} of ${results.length}${failed.length > 0 ? `; not removed: ${failed.map(result => `${result.kind} ${result.name} (${result.message ?? result.outcome})`).join(', ')}` : ''}`,
					...(failed.length > 0 ? {failed: `${failed.length} could not be removed`} : {}),
				};
			},
		);
	}

	/**
	 * The config for a name. Without a scope: the user scope (the official default),
	 * or the system scope when only that one has it.
	 */
	async findConfig(ref: NodeRef): Promise<NodeConfigEntry | undefined> {
		requireNodeName(ref.name);
		if (ref.scope) {
			return this.deps.store.read(ref.name, ref.scope);
		}

		return (await this.deps.store.read(ref.name, 'user')) ?? this.deps.store.read(ref.name, 'system');
	}

	/** The valid config for a start or restart; refused first when this user may not act on its scope. */
	async requireConfig(ref: NodeRef, command = 'start'): Promise<NodeConfigEntry> {
		if (ref.scope) {
			this.requireAccess(ref.name, ref.scope, command);
		}

		const entry = await this.findConfig(ref);
		if (entry) {
			this.requireAccess(entry.name, entry.scope, command);
		}

		if (!entry) {
			const where = ref.scope ? this.deps.store.configDir(ref.scope) : `${this.deps.store.configDir('user')} or ${this.deps.store.configDir('system')}`;
			throw new ActionError('config-missing', `No node config named '${ref.name}' in ${where}. 'vnode-tui list' shows the nodes there are.`);
		}

		if (!entry.config) {
			throw new ActionError(
				'config-invalid',
				`The config of ${entry.name} (${entry.path}) is not valid; nothing was changed:`,
				entry.problems.map(problem => formatProblem(problem)),
			);
		}

		return entry;
	}

	/** The spec `v6 node start` would use for this config now. */
	async expectedSpec(entry: NodeConfigEntry, options: Pick<StartOptions, 'image' | 'keep'> = {}): Promise<SpecResult> {
		const config = entry.config!;
		const serverVersion =
			this.deps.serverVersion && needsServerVersion(config, options.image) ? await this.deps.serverVersion(entry) : undefined;
		const {files} = this.deps;
		const asked = new Set<string>();
		const build = () =>
			buildNodeSpec(config, {
				name: entry.name,
				scope: entry.scope,
				paths: this.deps.store.hostPaths(entry),
				...(options.image ? {image: options.image} : {}),
				...(serverVersion ? {serverVersion} : {}),
				keep: options.keep ?? false,
				hostEnv: this.deps.hostEnv,
				cwd: typeof this.deps.cwd === 'function' ? this.deps.cwd() : this.deps.cwd,
				pathKind: path => (asked.add(path), files.pathKind(path)),
				realPath: path => (asked.add(path), files.realPath(path)),
			});
		if (!files.learn) {
			return build();
		}

		// The spec is pure and asks synchronously: its paths are fetched first (a remote host's, over SFTP),
		// and again for any path an answer led it to ask (a few rounds at most: key, then databases).
		const learnt = new Set<string>();
		for (let round = 0; ; round++) {
			asked.clear();
			const spec = build();
			const fresh = [...asked].filter(path => !learnt.has(path));
			if (fresh.length === 0 || round === 4) {
				return spec;
			}

			// eslint-disable-next-line no-await-in-loop
			await files.learn(fresh);
			fresh.forEach(path => learnt.add(path));
		}
	}

	/** Refuses a start on an engine of another host (see `remoteEngine`), before anything is done. */
	private refuseIfRemote(name: string, action: string): void {
		const remote = this.deps.remoteEngine;
		if (remote !== undefined) {
			throw new ActionError(
				'engine',
				`${name} was not ${action}: the Docker engine is on another host (${remote}), but node configs and the paths a node mounts are read on this machine, so the container would get this machine's paths there. Reach that engine over ssh:// (its configs are then read there), or run vnode-tui on that host to ${action === 'started' ? 'start' : 'restart'} it. Nothing was done.`,
			);
		}
	}

	async start(ref: NodeRef, options: StartOptions = {}): Promise<StartOutcome> {
		requireNodeName(ref.name);
		this.guard.refuseIfReadOnly('start');
		this.refuseIfRemote(ref.name, 'started');
		const scope = await this.scopeOf(ref);
		return this.guard.run({action: 'start', node: ref.name, scope, command: v6Command('start', ref.name, scope, options)}, async () => {
			const entry = await this.requireConfig(ref);
			const expected = await this.expectedSpec(entry, options);
			return startNode(this.deps, entry, expected, options);
		});
	}

	async stop(ref: NodeRef, onProgress?: (message: string) => void): Promise<StopOutcome> {
		requireNodeName(ref.name);
		this.guard.refuseIfReadOnly('stop');
		const scope = await this.scopeOf(ref);
		this.requireAccess(ref.name, scope, 'stop');
		return this.guard.run(
			{action: 'stop', node: ref.name, scope, command: v6Command('stop', ref.name, scope)},
			async () => stopNode(this.deps, ref.name, scope, onProgress),
			outcome => (outcome.stopped ? {} : {detail: outcome.reason}),
		);
	}

	async restart(ref: NodeRef, options: StartOptions = {}): Promise<{stop: StopOutcome; start: StartOutcome}> {
		requireNodeName(ref.name);
		this.guard.refuseIfReadOnly('restart');
		this.refuseIfRemote(ref.name, 'restarted');
		const scope = await this.scopeOf(ref);
		const command = `${v6Command('stop', ref.name, scope)} && ${v6Command('start', ref.name, scope, options)}`;
		return this.guard.run({action: 'restart', node: ref.name, scope, command}, async () => {
			// Check the config first, so a broken file does not leave the node stopped.
			const entry = await this.requireConfig(ref, 'restart');
			const expected = await this.expectedSpec(entry, options);
			if (expected.errors.length > 0) {
				throw new ActionError('spec-invalid', `${entry.name} cannot be started as configured; it was left running:`, expected.errors);
			}

			const stop = await stopNode(this.deps, entry.name, entry.scope, options.onProgress);
			const start = await startNode(this.deps, entry, expected, options);
			return {stop, start};
		});
	}

	async remove(ref: NodeRef, options: {volumes?: boolean} = {}): Promise<RemoveOutcome> {
		requireNodeName(ref.name);
		this.guard.refuseIfReadOnly('remove');
		const scope = await this.scopeOf(ref);
		this.requireAccess(ref.name, scope, 'remove');
		const name = containerNameOf(ref.name, scope);
		const volumes = Object.values(volumeNamesOf(ref.name, scope, this.deps.hostEnv));
		const command = shellCommand(['docker', 'rm', name]) + (options.volumes ? ` && ${shellCommand(['docker', 'volume', 'rm', ...volumes])}` : '');
		return this.guard.run({action: 'remove', node: ref.name, scope, command}, async () => this.removeNow(ref, scope, name, options));
	}

	/** The scope a name means: the given one, the config's (user first), or user. */
	private async scopeOf(ref: NodeRef): Promise<Scope> {
		return ref.scope ?? (await this.findConfig(ref))?.scope ?? 'user';
	}

	private async removeNow(ref: NodeRef, scope: Scope, name: string, options: {volumes?: boolean}): Promise<RemoveOutcome> {
		const {engine} = this.deps;
		let containerRemoved = false;
		try {
			const container = await engine.inspectContainer(name);
			if (container.state.running) {
				throw new ActionError('running', `${ref.name} is running; stop it first.`);
			}

			await engine.removeContainer(container.id);
			containerRemoved = true;
		} catch (error) {
			if (!isEngineError(error, 'not-found')) {
				throw error;
			}
		}

		const outcome: RemoveOutcome = {containerRemoved, volumesRemoved: [], volumesLeft: []};
		if (options.volumes) {
			for (const volume of Object.values(volumeNamesOf(ref.name, scope, this.deps.hostEnv))) {
				const result = await engine.removeVolume(volume);
				if (result === 'removed') {
					outcome.volumesRemoved.push(volume);
				} else if (result === 'in-use') {
					outcome.volumesLeft.push({name: volume, reason: 'in use'});
				}
			}
		}

		return outcome;
	}

	/** A container without config, by its own id or name (never rebuilt from labels). */
	async inspectContainer(idOrName: string): Promise<InspectReport> {
		const container = await this.deps.engine.inspectContainer(idOrName);
		return {containerName: container.name, container};
	}

	async inspect(ref: NodeRef): Promise<InspectReport> {
		requireNodeName(ref.name);
		const entry = await this.findConfig(ref);
		const scope = entry?.scope ?? ref.scope ?? 'user';
		const containerName = containerNameOf(ref.name, scope);
		const {engine} = this.deps;
		let container: ContainerDetails | undefined;
		try {
			container = await engine.inspectContainer(containerName);
		} catch (error) {
			if (!isEngineError(error, 'not-found')) {
				throw error;
			}
		}

		if (!entry && !container) {
			throw new ActionError('config-missing', `No node config and no container named '${ref.name}'. 'vnode-tui list' shows the nodes there are.`);
		}

		const report: InspectReport = {containerName, ...(entry ? {entry} : {}), ...(container ? {container} : {})};
		if (entry?.config) {
			// The YAML writer loads here, not at start-up: listing and the first frame do not need it.
			const {yamlText} = await import('../config/yaml-text.js');
			report.configYaml = {masked: yamlText(maskConfig(entry.config)), plain: yamlText(entry.config)};
			report.expected = await this.expectedSpec(entry);
			if (container) {
				const volumes = Object.fromEntries(
					await Promise.all(Object.values(report.expected.spec.volumes).map(async name => [name, await engine.volumeExists(name)] as const)),
				);
				const imageEnv = await engine.imageEnv(container.imageId);
				report.check = checkSpec({spec: report.expected.spec, container, volumes, ...(imageEnv ? {imageEnv} : {})});
			}
		}

		return report;
	}
}

/** `docker rm -f ... && docker network rm ... && docker volume rm ...` for these things. */
function cleanCommand(items: readonly Leftover[]): string {
	const byKind = (kind: Leftover['kind']) => items.filter(item => item.kind === kind).map(item => item.name);
	const parts = [
		...(byKind('container').length > 0 ? [shellCommand(['docker', 'rm', '-f', ...byKind('container')])] : []),
		...(byKind('network').length > 0 ? [shellCommand(['docker', 'network', 'rm', ...byKind('network')])] : []),
		...(byKind('volume').length > 0 ? [shellCommand(['docker', 'volume', 'rm', ...byKind('volume')])] : []),
	];
	return parts.length > 0 ? parts.join(' && ') : '(nothing to remove)';
}

/** The one scope every planned thing is named for (`vantage6-NAME-user-vol`), else `all`: where a clean is logged. */
function scopeOfPlan(items: readonly Leftover[]): Scope | 'all' {
	const scopes = new Set(items.map(item => (/-user(-|$)/.test(item.name) ? 'user' : /-system(-|$)/.test(item.name) ? 'system' : 'all')));
	const [only] = scopes;
	return scopes.size === 1 && only !== undefined ? only : 'all';
}
