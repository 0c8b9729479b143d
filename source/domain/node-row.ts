/**
 * The node table: every config on disk joined with its container by exact
 * name (`vantage6-NAME-SCOPE`; the official CLI matches by substring, which
 * confuses `a` with `a-b`), plus node containers that have no config.
 */
import type {ContainerSummary} from './container.js';
import type {ConfigProblem, NodeConfigEntry, Scope} from './node-config.js';
import {containerNameOf} from './node-spec.js';
import type {HelperInfo, Leftover, RunInfo} from './node-world.js';

export type NodeStatus =
	| 'running'
	| 'exited'
	| 'created'
	| 'paused'
	| 'restarting'
	| 'removing'
	| 'dead'
	| 'not-created'
	| 'invalid'
	/** The engine could not be asked: whether a container exists is not known. */
	| 'unknown';

export type NodeRow = {
	/** Stable identity: `scope/name`, or `container/<name>` for a container without config. */
	key: string;
	name: string;
	/** Undefined for a container whose `system` label is missing or odd. */
	scope?: Scope;
	/** The config file; undefined when the container has no config on disk. */
	configPath?: string;
	problems: ConfigProblem[];
	status: NodeStatus;
	container?: ContainerSummary;
	/** From Docker's status text: healthy, unhealthy, starting. */
	health?: string;
	/** For an exited container. */
	exitCode?: number;
	/** The node's algorithm runs, its helpers and what of its world is left over (node-world.ts); undefined when not asked. */
	runs?: RunInfo[];
	helpers?: HelperInfo[];
	leftovers?: Leftover[];
	/**
	 * Why node actions are refused on a container without config: its labels do not name
	 * the node whose container it is (no scope, no name, or another node's name).
	 */
	unmanaged?: string;
	/** Why this user may not act on the node without root: a system-scope node when vnode-tui does not run as root (ConfigStore.needsRoot). */
	needsRoot?: string;
	/** The host the node is on, in a fleet (`--hosts`, hosts.yaml); undefined on a single-host run. */
	host?: string;
	/** Why the node's host cannot be reached now: the row is its last known state, its actions are refused. */
	hostDown?: string;
};

/** `unknown`: valid configs whose container state could not be asked (the engine is down). */
export type NodeCounts = {total: number; running: number; stopped: number; invalid: number; orphans: number; unknown: number};

/** `containers` undefined: the engine could not be asked, so a valid config's state is `unknown`, not `not-created`. */
export function joinNodes(entries: readonly NodeConfigEntry[], containers: readonly ContainerSummary[] | undefined): NodeRow[] {
	const byName = new Map((containers ?? []).map(container => [container.name, container]));
	const absent: NodeStatus = containers ? 'not-created' : 'unknown';
	const rows: NodeRow[] = entries.map(entry => {
		const container = byName.get(containerNameOf(entry.name, entry.scope));
		if (container) {
			byName.delete(container.name);
		}

		return {
			key: `${entry.scope}/${entry.name}`,
			name: entry.name,
			scope: entry.scope,
			configPath: entry.path,
			problems: entry.problems,
			...containerFacts(container, entry.problems.length > 0 ? 'invalid' : absent),
		};
	});

	for (const container of byName.values()) {
		rows.push({key: `container/${container.name}`, ...identityOf(container), problems: [], ...containerFacts(container, 'not-created')});
	}

	return rows.sort(compareRows);
}

/**
 * A container without config is the node its labels name only when that node's container
 * name is its own: actions rebuild the container name from name and scope, and must reach
 * this container, never another node's.
 */
function identityOf(container: ContainerSummary): Pick<NodeRow, 'name' | 'scope' | 'unmanaged'> {
	const scope = scopeOfLabels(container.labels);
	const label = container.labels['name'];
	if (!scope) {
		return {name: container.name, unmanaged: 'its container has no scope label'};
	}

	if (!label) {
		return {name: container.name, unmanaged: 'its container has no name label'};
	}

	return containerNameOf(label, scope) === container.name ? {name: label, scope} : {name: container.name, unmanaged: 'its labels name another node'};
}

function containerFacts(container: ContainerSummary | undefined, fallback: NodeStatus) {
	if (!container) {
		return {status: fallback};
	}

	const health = /\((?:health: )?(healthy|unhealthy|starting)\)/.exec(container.status)?.[1];
	const exitCode = /^Exited \((-?\d+)\)/.exec(container.status)?.[1];
	return {
		status: container.state,
		container,
		...(health ? {health} : {}),
		...(exitCode === undefined ? {} : {exitCode: Number(exitCode)}),
	};
}

export function scopeOfLabels(labels: Record<string, string>): Scope | undefined {
	return labels['system'] === 'True' ? 'system' : labels['system'] === 'False' ? 'user' : undefined;
}

/** Configs first by name then scope (user before system); containers without config last. */
function compareRows(a: NodeRow, b: NodeRow): number {
	const orphanOrder = Number(a.configPath === undefined) - Number(b.configPath === undefined);
	if (orphanOrder !== 0) {
		return orphanOrder;
	}

	return a.name.localeCompare(b.name, 'en') || (a.scope ?? '').localeCompare(b.scope ?? '') * -1 || a.key.localeCompare(b.key);
}

export function countNodes(rows: readonly NodeRow[]): NodeCounts {
	const counts: NodeCounts = {total: rows.length, running: 0, stopped: 0, invalid: 0, orphans: 0, unknown: 0};
	for (const row of rows) {
		// A row of a host that is down is its last known state: what it is now is not known.
		if (row.hostDown !== undefined) {
			counts.unknown++;
		} else if (row.status === 'running') {
			counts.running++;
		} else if (row.status === 'invalid') {
			counts.invalid++;
		} else if (row.status === 'unknown') {
			counts.unknown++;
		} else {
			counts.stopped++;
		}

		if (row.configPath === undefined) {
			counts.orphans++;
		}
	}

	return counts;
}

/** One word for the status column; never colour alone. */
export function statusText(row: NodeRow): string {
	switch (row.status) {
		case 'exited': {
			const exited = row.exitCode === undefined ? 'exited' : `exited (${row.exitCode})`;
			return row.problems.length > 0 ? `${exited}, invalid config` : exited;
		}

		case 'not-created': {
			return 'not created';
		}

		case 'invalid': {
			return 'invalid config';
		}

		case 'unknown': {
			return 'unknown (no engine)';
		}

		default: {
			return row.problems.length > 0 ? `${row.status}, invalid config` : row.status;
		}
	}
}
