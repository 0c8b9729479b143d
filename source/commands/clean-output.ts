/**
 * `vnode-tui clean`: what would be removed, by kind and name, and what was;
 * `--json` with a stable shape (docs/json.md, "clean --json").
 */
import type {Leftover} from '../domain/node-world.js';
import type {CleanResult} from '../services/clean-nodes.js';
import {textTable} from './text-table.js';

export function formatPlan(plan: readonly Leftover[]): string {
	if (plan.length === 0) {
		return 'Nothing to clean: no leftovers.';
	}

	const rows = plan.map(item => [item.kind, item.name, item.reason + (item.ambiguous ? ' (a user and a system node share this name)' : '')]);
	return [`These ${plan.length} would be removed:`, textTable(['KIND', 'NAME', 'WHY'], rows)].join('\n');
}

export function formatResults(results: readonly CleanResult[]): string {
	const words: Record<CleanResult['outcome'], string> = {removed: 'removed', absent: 'already gone', 'in-use': 'left (in use)', skipped: 'left (no longer left over)', failed: 'failed'};
	return results.map(result => `${words[result.outcome]} ${result.kind} ${result.name}${result.outcome === 'failed' && result.message ? `: ${result.message}` : ''}`).join('\n');
}

/** Version 1 of the `clean --json` shape. Add fields; never rename or remove them. */
export function cleanJson(plan: readonly Leftover[], dryRun: boolean, results: readonly CleanResult[] | undefined): unknown {
	return {
		version: 1,
		dryRun,
		planned: plan.map(item => ({kind: item.kind, name: item.name, reason: item.reason, ambiguous: item.ambiguous})),
		results: results ? results.map(result => ({kind: result.kind, name: result.name, outcome: result.outcome, ...(result.message ? {message: result.message} : {})})) : null,
	};
}
