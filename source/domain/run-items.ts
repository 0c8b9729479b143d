/**
 * The Runs tab's list: a node's runs, then its helpers, as one list the
 * cursor moves over, and which failed runs still mark the node's row.
 */
import type {NodeRow} from './node-row.js';
import {isActiveState, type HelperKind, type RunInfo} from './node-world.js';
import type {ContainerStateName} from './container.js';

/** One run or helper container of a node. */
export type RunItem = {
	kind: 'run' | HelperKind;
	/** The run id (a run, or the run an algorithm helper serves). */
	runId?: string;
	container: string;
	id: string;
	state: ContainerStateName;
	exitCode?: number;
	oomKilled?: boolean;
	/** Runs only: the listing gives the helpers' image too, but the tab shows it for runs. */
	image?: string;
	/** Unix seconds; runs only. */
	created?: number;
	ambiguous: boolean;
};

/** Runs first (by run id), then helpers (by name), as attachWorld sorted them. */
export function runItems(row: NodeRow | undefined): RunItem[] {
	if (!row) {
		return [];
	}

	return [
		...(row.runs ?? []).map(run => ({kind: 'run' as const, ...run})),
		...(row.helpers ?? []).map(helper => ({...helper})),
	];
}

/** Exited non-zero, or dead. */
export function runFailed(run: Pick<RunInfo, 'state' | 'exitCode'>): boolean {
	return run.state === 'dead' || (run.exitCode !== undefined && run.exitCode !== 0);
}

/** The failed runs of a row the operator has not opened yet. */
export function unseenFailedRuns(row: NodeRow, seen: readonly string[]): number {
	return (row.runs ?? []).filter(run => runFailed(run) && !seen.includes(run.id)).length;
}

/** The open run or helper of the selected row; undefined when none is open or it is gone. */
export function openRunItem(row: NodeRow | undefined, open: {nodeKey: string; id: string} | undefined): RunItem | undefined {
	if (!row || !open || open.nodeKey !== row.key) {
		return undefined;
	}

	return runItems(row).find(item => item.id === open.id);
}

/** What the table's RUNS column says: `2 runs, 1 failed · 1 helper down · 3 left`, `1 run, 1 running`, or `-`. */
export function runsCell(row: NodeRow): string {
	if (!row.runs || !row.helpers || !row.leftovers) {
		return row.status === 'unknown' ? '?' : '-';
	}

	const failed = row.runs.filter(run => runFailed(run)).length;
	const running = row.runs.filter(run => run.state === 'running').length;
	const down = row.helpers.filter(helper => !isActiveState(helper.state)).length;
	// A failure is news; otherwise how many still run.
	const detail = failed > 0 ? `, ${failed} failed` : running > 0 ? `, ${running} running` : '';
	const parts = [
		row.runs.length > 0 ? `${row.runs.length} run${row.runs.length === 1 ? '' : 's'}${detail}` : '',
		down > 0 ? `${down} helper${down === 1 ? '' : 's'} down` : '',
		row.leftovers.length > 0 ? `${row.leftovers.length} left` : '',
	];
	return parts.filter(Boolean).join(' · ') || '-';
}
