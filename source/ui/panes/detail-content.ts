/** What the detail pane holds for the selected node: title, inspector lines, why a log is empty. */
import {statusText, type NodeRow} from '../../domain/node-row.js';
import {maskSecrets} from '../../domain/mask.js';
import {sanitizeLine} from '../../domain/sanitize.js';
import type {StatsCell} from '../../services/stats-watch.js';
import type {AppState} from '../../state/app-state.js';
import type {InspectState} from '../hooks/use-inspect.js';
import type {LogTail} from '../hooks/use-log-tail.js';
import type {Layout} from '../layout.js';
import {inspectorLines} from './inspector/inspector-lines.js';
import type {WindowLine} from './text-window.js';

export type DetailContent = {title: string; inspectorLines: WindowLine[]; logEmptyText?: string; lineCount: number};

/** `stats`: the latest resource use of the selected container, when it runs. */
type Input = {state: AppState; layout: Layout; selected?: NodeRow; inspect: InspectState; log: LogTail; nowMs: number; stats?: StatsCell};

export function detailContent({state, layout, selected, inspect, log, nowMs, stats}: Input): DetailContent {
	if (!selected) {
		return {title: '', inspectorLines: [{text: 'No node selected.', tone: 'muted'}], lineCount: 1};
	}

	const title = `${sanitizeLine(selected.name)} (${selected.scope ?? '?'})`;
	const lines: WindowLine[] = inspect.report
		? inspectorLines(inspect.report, state.inspectorTab, state.revealedKey === selected.key, nowMs, layout.inspectorWidth, stats)
		: inspect.error
			? [{text: maskSecrets(inspect.error), tone: 'error'}]
			: inspect.loading
				? [{text: 'Inspecting…', tone: 'muted'}]
				: [{text: 'Nothing to inspect: this row has no config and no container.', tone: 'muted'}];
	const logEmptyText = !selected.container
		? selected.problems.length > 0
			? 'No container, and the config is invalid: fix it (see the inspector) to start this node.'
			: `No container: the node is ${statusText(selected)}. Press s to start it.`
		: log.state === 'streaming' && log.entries.length === 0
			? 'No output in this range yet; following.'
			: log.entries.length === 0
				? 'Waiting for the log…'
				: undefined;
	const lineCount = lines.length;
	return {title, inspectorLines: lines, ...(logEmptyText ? {logEmptyText} : {}), lineCount};
}
