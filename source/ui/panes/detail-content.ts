/** What the detail pane holds for the selected node: title, inspector lines, why a log is empty (the pane says it only while it is). */
import {statusText, type NodeRow} from '../../domain/node-row.js';
import {maskSecrets} from '../../domain/mask.js';
import {sanitizeLine} from '../../domain/sanitize.js';
import type {AppState} from '../../state/app-state.js';
import type {InspectState} from '../hooks/use-inspect.js';
import type {LogTail} from '../hooks/use-log-tail.js';
import type {Layout} from '../layout.js';
import {inspectorLines} from './inspector/inspector-lines.js';
import type {WindowLine} from './text-window.js';

export type DetailContent = {title: string; inspectorLines: WindowLine[]; logEmptyText?: string; lineCount: number};

type Input = {state: AppState; layout: Layout; selected?: NodeRow; inspect: InspectState; log: Pick<LogTail, 'state'>; nowMs: number};

export function detailContent({state, layout, selected, inspect, log, nowMs}: Input): DetailContent {
	if (!selected) {
		return {title: '', inspectorLines: [{text: 'No node selected.', tone: 'muted'}], lineCount: 1};
	}

	const title = `${sanitizeLine(selected.name)} (${selected.scope ?? '?'})`;
	const lines: WindowLine[] = inspect.report
		? inspectorLines(inspect.report, state.inspectorTab, state.revealedKey === selected.key, nowMs, layout.inspectorWidth)
		: inspect.error
			? [{text: maskSecrets(inspect.error), tone: 'error'}]
			: inspect.loading
				? [{text: 'Inspecting…', tone: 'muted'}]
				: [{text: 'Nothing to inspect: this row has no config and no container.', tone: 'muted'}];
	const logEmptyText = !selected.container
		? selected.problems.length > 0
			? 'No container, and the config is invalid: fix it (see the inspector) to start this node.'
			: `No container: the node is ${statusText(selected)}. Press s to start it.`
		: log.state === 'streaming'
			? 'No output in this range yet; following.'
			: 'Waiting for the log…';
	const lineCount = lines.length;
	return {title, inspectorLines: lines, ...(logEmptyText ? {logEmptyText} : {}), lineCount};
}
