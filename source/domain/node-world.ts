/**
 * A node's world: the containers, network and volumes a running vantage6 4.14
 * node creates itself through the Docker socket, attached to its table row,
 * and what of it is left over. Names and labels as the node makes them
 * (vantage6/vantage6 at release 4.14, commit 5857d11):
 * - run `vantage6-<node>-run-<run_id>`, helper `<run>-helper`:
 *   vantage6-node/vantage6/node/docker/task_manager.py:332-333;
 *   labels `vantage6-type=algorithm|algorithm-helper`, `node`, `run_id`: task_manager.py:130-136.
 * - `vantage6-<node>-vpn-client`: vpn_manager.py:73; `vantage6-<node>-squid`: squid.py:78;
 *   `vantage6-<node>-ssh-tunnel`: ssh_tunnel.py:121 (no labels, no scope).
 * - network `vantage6-<node>-<scope>-net`: vantage6/vantage6/cli/context/node.py:172.
 * - tmp volume `vantage6-<node>-<scope>-<job_id>-tmpvol`: cli/context/node.py:249
 *   (`v6 node clean` removes every `*tmpvol`: vantage6/vantage6/cli/node/clean.py:24).
 * Run and helper names carry no scope: when two rows share a node name, their
 * runs and helpers are marked ambiguous and shown under both.
 */
import type {ContainerStateName, ContainerSummary} from './container.js';
import type {NodeRow} from './node-row.js';
import {containerNameOf, volumeNamesOf} from './node-spec.js';

/** A container as the world listing reports it: with the volumes it mounts and the networks it is on. */
export type WorldContainer = ContainerSummary & {volumes: string[]; networks: string[]};

/** A network and the ids of the containers attached to it. */
export type NetworkSummary = {id: string; name: string; containers: string[]};

/** Everything of every node on the engine: containers, networks and volume names starting with `vantage6-`. */
export type World = {containers: readonly WorldContainer[]; networks: readonly NetworkSummary[]; volumes: readonly string[]};

export type RunInfo = {
	runId: string;
	/** Container name. */
	container: string;
	id: string;
	state: ContainerStateName;
	/** For an exited run (from Docker's status text). */
	exitCode?: number;
	/** Known only from an inspect; the listing does not say. */
	oomKilled?: boolean;
	image: string;
	/** Unix seconds. */
	created: number;
	/** Another node of the same name in the other scope: this run may be that node's. */
	ambiguous: boolean;
};

export type HelperKind = 'vpn-client' | 'squid' | 'ssh-tunnel' | 'algorithm-helper';

export type HelperInfo = {
	kind: HelperKind;
	container: string;
	id: string;
	state: ContainerStateName;
	exitCode?: number;
	/** For an algorithm helper: the run it serves. */
	runId?: string;
	ambiguous: boolean;
};

export type LeftoverKind = 'container' | 'volume' | 'network';

export type Leftover = {
	kind: LeftoverKind;
	name: string;
	/** Container id (removal by id); undefined for volumes and networks. */
	id?: string;
	/** Why it counts as left over, for the operator. */
	reason: string;
	ambiguous: boolean;
};

export type NodeWorld = {runs: RunInfo[]; helpers: HelperInfo[]; leftovers: Leftover[]};

const helperPattern = /^vantage6-(.+)-(vpn-client|squid|ssh-tunnel)$/;
const tmpVolumePattern = /^vantage6-(.+)-(user|system)-(\d+)-tmpvol$/;
const activeStates = new Set<ContainerStateName>(['created', 'running', 'paused', 'restarting']);

/** A node container, run or helper that counts as in use (not exited, not dead). */
export function isActiveState(state: ContainerStateName): boolean {
	return activeStates.has(state);
}

type Classified = {node: string; helper?: HelperKind; runId?: string; container: WorldContainer};

/** Which node a run or helper container belongs to; undefined for anything else. */
export function classifyContainer(container: WorldContainer): Classified | undefined {
	const type = container.labels['vantage6-type'];
	const node = container.labels['node'];
	const runId = container.labels['run_id'];
	if ((type === 'algorithm' || type === 'algorithm-helper') && node && runId !== undefined) {
		return {node, runId, container, ...(type === 'algorithm-helper' ? {helper: 'algorithm-helper' as const} : {})};
	}

	const match = type === undefined ? helperPattern.exec(container.name) : undefined;
	return match ? {node: match[1]!, helper: match[2] as HelperKind, container} : undefined;
}

function exitCodeOf(container: ContainerSummary): number | undefined {
	const code = /^Exited \((-?\d+)\)/.exec(container.status)?.[1];
	return code === undefined ? undefined : Number(code);
}

/**
 * The rows, each with its runs, helpers and leftovers. A node name found only on run or
 * helper containers (no config, no node container) gets a `(no config)` row of its own;
 * networks and volumes only join a row that has a scope (their names carry one).
 */
export function attachWorld(rows: readonly NodeRow[], world: World, hostEnv: Readonly<Record<string, string | undefined>> = {}): NodeRow[] {
	const classified = world.containers.map(container => classifyContainer(container)).filter(item => item !== undefined);
	const extra = new Map<string, NodeRow>();
	const addRow = (name: string) => {
		if (!rows.some(row => row.name === name)) {
			extra.set(name, {key: `world/${name}`, name, problems: [], status: 'not-created'});
		}
	};

	// Only containers make a row of their own: the volumes a deleted config left (`delete` says so) are not news.
	for (const item of classified) {
		addRow(item.node);
	}

	const all = [...rows, ...[...extra.values()].sort((a, b) => a.key.localeCompare(b.key, 'en'))];
	const leftoverIds = new Set<string>();
	const worlds = new Map<NodeRow, NodeWorld>();
	for (const row of all) {
		const namesakes = all.filter(other => other.name === row.name);
		const ambiguous = namesakes.length > 1;
		const nodeActive = namesakes.some(other => other.container !== undefined && isActiveState(other.container.state));
		const mine = classified.filter(item => item.node === row.name);
		const runs: RunInfo[] = mine
			.filter(item => !item.helper)
			.map(({runId, container}) => ({
				runId: runId!,
				container: container.name,
				id: container.id,
				state: container.state,
				...withExitCode(container),
				image: container.image,
				created: container.created,
				ambiguous,
			}))
			.sort((a, b) => compareRunIds(a.runId, b.runId) || a.container.localeCompare(b.container, 'en'));
		const activeRuns = new Set(runs.filter(run => isActiveState(run.state)).map(run => run.runId));
		const helpers: HelperInfo[] = mine
			.filter(item => item.helper)
			.map(({helper, runId, container}) => ({
				kind: helper!,
				container: container.name,
				id: container.id,
				state: container.state,
				...withExitCode(container),
				...(runId === undefined ? {} : {runId}),
				ambiguous,
			}))
			.sort((a, b) => a.container.localeCompare(b.container, 'en'));
		const leftovers: Leftover[] = [];
		for (const {helper, runId, container} of mine) {
			const serving = helper === 'algorithm-helper' && runId !== undefined && activeRuns.has(runId);
			if (!nodeActive) {
				leftovers.push({kind: 'container', name: container.name, id: container.id, reason: `${helper ?? 'run'} of a node that is not running`, ambiguous});
			} else if (helper && !isActiveState(container.state) && !serving) {
				leftovers.push({kind: 'container', name: container.name, id: container.id, reason: `${helper} that is ${container.state}`, ambiguous});
			}
		}

		worlds.set(row, {runs, helpers, leftovers});
		for (const leftover of leftovers) {
			leftoverIds.add(leftover.id!);
		}
	}

	// A volume or network is left over only when nothing that stays uses it.
	const staying = world.containers.filter(container => !leftoverIds.has(container.id));
	const mountedByStaying = new Set(staying.flatMap(container => container.volumes));
	const volumes = new Set(world.volumes);
	for (const row of all) {
		if (!row.scope) {
			continue;
		}

		const leftovers = worlds.get(row)!.leftovers;
		const nodeActive = row.container !== undefined && isActiveState(row.container.state);
		const prefix = `${containerNameOf(row.name, row.scope)}-`;
		const network = world.networks.find(candidate => candidate.name === `${prefix}net`);
		if (network && network.containers.every(id => leftoverIds.has(id))) {
			leftovers.push({kind: 'network', name: network.name, reason: 'no container attached', ambiguous: false});
		}

		for (const name of world.volumes) {
			const tmp = tmpVolumePattern.exec(name);
			if (tmp && `vantage6-${tmp[1]}-${tmp[2]}-` === prefix && !mountedByStaying.has(name)) {
				leftovers.push({kind: 'volume', name, reason: 'tmp volume no run uses', ambiguous: false});
			}
		}

		if (!nodeActive) {
			for (const name of Object.values(volumeNamesOf(row.name, row.scope, hostEnv))) {
				// A kept (exited) node container still holds them: they go with `remove --volumes`, not here.
				if (volumes.has(name) && !mountedByStaying.has(name)) {
					leftovers.push({kind: 'volume', name, reason: 'volume of a node that is not running', ambiguous: false});
				}
			}
		}
	}

	return all.map(row => ({...row, ...worlds.get(row)!}));
}

function withExitCode(container: ContainerSummary): {exitCode?: number} {
	const code = exitCodeOf(container);
	return code === undefined ? {} : {exitCode: code};
}

function compareRunIds(a: string, b: string): number {
	return Number(a) - Number(b) || a.localeCompare(b, 'en');
}

/** The rows `clean NAME` (and `c` in the UI) is about: every row of that name, or of that name and scope. */
export function rowsNamed(rows: readonly NodeRow[], name: string, scope?: 'user' | 'system'): NodeRow[] {
	return rows.filter(row => row.name === name && (scope === undefined || row.scope === scope || row.scope === undefined));
}

const kindOrder: Record<LeftoverKind, number> = {container: 0, network: 1, volume: 2};

/**
 * What `clean` removes, in removal order (containers, then networks, then volumes:
 * each frees the next), each thing once even when two rows list it.
 */
export function cleanPlan(rows: readonly NodeRow[]): Leftover[] {
	const seen = new Map<string, Leftover>();
	for (const leftover of rows.flatMap(row => row.leftovers ?? [])) {
		seen.set(`${leftover.kind}/${leftover.name}`, leftover);
	}

	return [...seen.values()].sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.name.localeCompare(b.name, 'en'));
}

/** A node's world in numbers, for its table row and the `list` text. */
export type WorldSummary = {runs: number; running: number; failed: number; helpersDown: number; leftovers: number};

/** Undefined when the world was not asked for this row. A run failed when it exited non-zero or is dead. */
export function worldSummary(row: NodeRow): WorldSummary | undefined {
	if (!row.runs || !row.helpers || !row.leftovers) {
		return undefined;
	}

	return {
		runs: row.runs.length,
		running: row.runs.filter(run => run.state === 'running').length,
		failed: row.runs.filter(run => run.state === 'dead' || (run.exitCode !== undefined && run.exitCode !== 0)).length,
		helpersDown: row.helpers.filter(helper => !isActiveState(helper.state)).length,
		leftovers: row.leftovers.length,
	};
}

/** E.g. `2 runs (1 running, 1 failed), 1 helper down, 3 leftovers`; undefined when there is nothing to say. */
export function worldSummaryText(row: NodeRow): string | undefined {
	const summary = worldSummary(row);
	if (!summary || summary.runs + summary.helpersDown + summary.leftovers === 0) {
		return undefined;
	}

	const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
	const detail = [summary.running > 0 ? `${summary.running} running` : '', summary.failed > 0 ? `${summary.failed} failed` : ''].filter(Boolean).join(', ');
	const parts = [
		summary.runs > 0 ? `${plural(summary.runs, 'run')}${detail ? ` (${detail})` : ''}` : '',
		summary.helpersDown > 0 ? `${plural(summary.helpersDown, 'helper')} down` : '',
		summary.leftovers > 0 ? plural(summary.leftovers, 'leftover') : '',
	];
	return parts.filter(Boolean).join(', ');
}
