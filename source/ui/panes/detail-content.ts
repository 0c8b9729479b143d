/** What the detail pane holds for the selected node: title, inspector lines, why a log is empty. */
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

type Input = {state: AppState; layout: Layout; selected?: NodeRow; inspect: InspectState; log: LogTail; nowMs: number};

export function detailContent({state, layout, selected, inspect, log, nowMs}: Input): DetailContent {
	if (!selected) {
		return {title: '', inspectorLines: [{text: 'No node selected.', tone: 'muted'}], lineCount: 1};
	}

	const title = `${sanitizeLine(selected.name)} (${selected.scope ?? '?'}${selected.needsRoot ? ', needs root' : ''})`;
	// Said on every tab, above what the tab shows: the keys that change this node are refused.
	const access: WindowLine[] = selected.needsRoot ? [{text: `! Needs root: run 'sudo vnode-tui' to start, stop, edit or remove it (${sanitizeLine(selected.needsRoot)}).`, tone: 'warn'}] : [];
	const shown: WindowLine[] = inspect.report
		? inspectorLines(inspect.report, state.inspectorTab, state.revealedKey === selected.key, nowMs, layout.inspectorWidth)
		: inspect.error
			? [{text: maskSecrets(inspect.error), tone: 'error'}]
			: inspect.loading
				? [{text: 'Inspecting…', tone: 'muted'}]
				: [{text: 'Nothing to inspect: this row has no config and no container.', tone: 'muted'}];
	const lines = [...access, ...shown];
	const logEmptyText = !selected.container
		? selected.problems.length > 0
			? 'No container, and the config is invalid: fix it (see the inspector) to start this node.'
			: `No container: the node is ${statusText(selected)}. ${selected.needsRoot ? 'Starting it needs root.' : 'Press s to start it.'}`
		: log.state === 'streaming' && log.entries.length === 0
			? 'No output in this range yet; following.'
			: log.entries.length === 0
				? 'Waiting for the log…'
				: undefined;
	const lineCount = lines.length;
	return {title, inspectorLines: lines, ...(logEmptyText ? {logEmptyText} : {}), lineCount};
}
