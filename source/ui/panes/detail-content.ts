/** What the detail pane holds for the selected node: title, inspector lines, why a log is empty (the pane says it only while it is). */
import {statusText, type NodeRow} from '../../domain/node-row.js';
import {maskSecrets} from '../../domain/mask.js';
import {sanitizeLine} from '../../domain/sanitize.js';
import type {StatsCell} from '../../services/stats-watch.js';
import type {AppState} from '../../state/app-state.js';
import type {InspectState} from '../hooks/use-inspect.js';
import type {LogTail} from '../hooks/use-log-tail.js';
import type {Layout} from '../layout.js';
import type {RunItem} from '../../domain/run-items.js';
import {inspectorLines, type Line} from './inspector/inspector-lines.js';
import {openRunLines, runItemName, runsTabLines} from './inspector/runs-lines.js';
import type {WindowLine} from './text-window.js';

export type DetailContent = {title: string; inspectorLines: WindowLine[]; logEmptyText?: string; lineCount: number};

/**
 * `run`: the run or helper opened from the Runs tab; the inspect report and the log are its container's.
 * `stats`: the latest resource use of the selected container, when it runs.
 */
type Input = {state: AppState; layout: Layout; selected?: NodeRow; run?: RunItem; inspect: InspectState; log: Pick<LogTail, 'state'>; nowMs: number; stats?: StatsCell};

export function detailContent({state, layout, selected, run, inspect, log, nowMs, stats}: Input): DetailContent {
	if (!selected) {
		return {title: '', inspectorLines: [{text: 'No node selected.', tone: 'muted'}], lineCount: 1};
	}

	const title = `${sanitizeLine(selected.name)} (${selected.scope ?? '?'}${selected.needsRoot ? ', needs root' : ''})${run ? ` › ${runItemName(run)}` : ''}`;
	// Said on every tab, above what the tab shows: the keys that change this node are refused.
	const access: WindowLine[] = selected.needsRoot ? [{text: `! Needs root: run 'sudo vnode-tui' to start, stop, edit or remove it (${sanitizeLine(selected.needsRoot)}).`, tone: 'warn'}] : [];
	const lines = [...access, ...tabLines({state, layout, selected, ...(run ? {run} : {}), inspect, nowMs, ...(stats ? {stats} : {})})];
	const logEmptyText = run
		? log.state === 'streaming'
			? `No output from ${runItemName(run)} yet; following.`
			: 'Waiting for the log…'
		: !selected.container && !selected.configPath
			? `${sanitizeLine(selected.name)} has no config here and no node container; its runs and helpers are on the Runs tab (]).`
			: logEmptyTextOf(selected, log);
	const lineCount = lines.length;
	return {title, inspectorLines: lines, ...(logEmptyText ? {logEmptyText} : {}), lineCount};
}

function tabLines({state, layout, selected, run, inspect, nowMs, stats}: Omit<Input, 'log' | 'selected'> & {selected: NodeRow}): Line[] {
	const reveal = state.revealedKey === selected.key;
	if (state.inspectorTab === 'runs') {
		// An image or container name could hold a password too: masked here as on every tab.
		return run ? openRunLines(selected, run, inspect.report, reveal, nowMs, layout.inspectorWidth) : runsTabLines(selected, state.runCursor, nowMs).map(line => (reveal ? line : {...line, text: maskSecrets(line.text)}));
	}

	if (run && (state.inspectorTab === 'spec' || state.inspectorTab === 'config')) {
		return [{text: `${runItemName(run)} is started by the node itself: no config, no spec to check. Container, Mounts, Env, Labels and Runs show it.`, tone: 'muted'}];
	}

	return inspect.report
		? inspectorLines(inspect.report, state.inspectorTab, reveal, nowMs, layout.inspectorWidth, stats)
		: inspect.error
			? [{text: maskSecrets(inspect.error), tone: 'error'}]
			: inspect.loading
				? [{text: 'Inspecting…', tone: 'muted'}]
				: [{text: `Nothing to inspect: this row has no config and no node container${selected.runs?.length || selected.helpers?.length ? '; its runs and helpers are on the Runs tab' : ''}.`, tone: 'muted'}];
}

function logEmptyTextOf(selected: NodeRow, log: Pick<LogTail, 'state'>): string | undefined {
	return !selected.container
		? selected.problems.length > 0
			? 'No container, and the config is invalid: fix it (see the inspector) to start this node.'
			: `No container: the node is ${statusText(selected)}. ${selected.needsRoot ? 'Starting it needs root.' : 'Press s to start it.'}`
		: log.state === 'streaming'
			? 'No output in this range yet; following.'
			: 'Waiting for the log…';
}
