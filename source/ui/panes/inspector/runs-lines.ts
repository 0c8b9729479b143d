/**
 * The Runs tab as lines: the node's runs and helpers (a cursor over them),
 * then what of its world is left over; or, once a run is opened, that run's
 * container. Pure, like inspector-lines.ts.
 */
import {formatUptime} from '../../../domain/duration.js';
import {maskSecrets} from '../../../domain/mask.js';
import type {NodeRow} from '../../../domain/node-row.js';
import {runFailed, runItems, type RunItem} from '../../../domain/run-items.js';
import {sanitizeLine} from '../../../domain/sanitize.js';
import type {InspectReport} from '../../../services/node-service.js';
import {fit} from '../../text-fit.js';
import {containerLines, envLines, mountLines, type Line} from './inspector-lines.js';

/** `exited (1), OOM-killed`, `running`; `dead` and non-zero exits read as failed. */
export function runStateText(item: Pick<RunItem, 'state' | 'exitCode' | 'oomKilled'>): string {
	const exit = item.state === 'exited' && item.exitCode !== undefined ? `exited (${item.exitCode})` : item.state;
	return `${exit}${item.oomKilled ? ', OOM-killed' : ''}`;
}

/** What an item is called in titles: `run 12`, `vpn-client`, `algorithm-helper of run 12`. */
export function runItemName(item: RunItem): string {
	if (item.kind === 'run') {
		return `run ${sanitizeLine(item.runId ?? '?')}`;
	}

	return item.runId === undefined ? item.kind : `${item.kind} of run ${sanitizeLine(item.runId)}`;
}

const header = `  ${fit('KIND', 11)} ${fit('RUN', 8)} ${fit('STATE', 20)} ${fit('AGE', 7)} IMAGE / CONTAINER`;
/** Short words for the list's KIND column. */
const kindWord: Record<RunItem['kind'], string> = {run: 'run', 'algorithm-helper': 'run helper', 'vpn-client': 'vpn-client', squid: 'squid', 'ssh-tunnel': 'ssh-tunnel'};

/** The list; its first item is on line `runsListTop` (app-reducer.ts), item i on the line after item i-1. */
export function runsTabLines(row: NodeRow, cursor: number, nowMs: number): Line[] {
	if (!row.runs || !row.helpers || !row.leftovers) {
		return [
			{text: row.status === 'unknown' ? 'The engine cannot be asked: runs and helpers unknown.' : 'Runs, helpers and leftovers unknown: the engine did not list them.', tone: 'warn'},
		];
	}

	const items = runItems(row);
	const failed = row.runs.filter(run => runFailed(run)).length;
	const lines: Line[] = [
		{
			text: `${row.runs.length} run${row.runs.length === 1 ? '' : 's'}${failed > 0 ? ` (${failed} failed)` : ''} · ${row.helpers.length} helper${row.helpers.length === 1 ? '' : 's'} · ${row.leftovers.length} left over${items.length > 0 ? '   Enter opens one' : ''}${row.leftovers.length > 0 ? '   c cleans' : ''}`,
			tone: 'muted',
		},
		{text: header, tone: 'muted'},
	];
	if (items.length === 0) {
		lines.push({text: '  No algorithm runs and no helpers.', tone: 'muted'});
	}

	for (const [index, item] of items.entries()) {
		const age = item.created === undefined ? '-' : formatUptime(nowMs / 1000 - item.created);
		const what = item.kind === 'run' ? sanitizeLine(item.image ?? '') : sanitizeLine(item.container);
		const text = `${index === cursor ? '▸' : ' '} ${fit(kindWord[item.kind], 11)} ${fit(sanitizeLine(item.runId ?? '-'), 8)} ${fit(runStateText(item), 20)} ${fit(age, 7)} ${what}${item.ambiguous ? '  (ambiguous)' : ''}`;
		const tone = runFailed(item) || (item.kind !== 'run' && item.state !== 'running') ? 'error' : item.state === 'running' ? 'ok' : undefined;
		lines.push({text, ...(tone ? {tone} : {}), ...(index === cursor ? {bold: true} : {})});
	}

	lines.push({text: ''});
	if (row.leftovers.length === 0) {
		lines.push({text: 'Nothing left over.', tone: 'muted'});
	} else {
		lines.push({text: `Left over (c removes them, asks first):`, bold: true});
		for (const leftover of row.leftovers) {
			lines.push({text: `  ${fit(leftover.kind, 9)} ${sanitizeLine(leftover.name)}  ${leftover.reason}${leftover.ambiguous ? ' (ambiguous)' : ''}`, tone: 'warn'});
		}
	}

	if (items.some(item => item.ambiguous)) {
		lines.push({text: ''}, {text: '(ambiguous): a node of this name is in both scopes, and run names carry no scope: either may own it.', tone: 'muted'});
	}

	return lines;
}

/** An opened run or helper: its container (image, command, exit code, finished at), mounts and environment. */
export function openRunLines(row: NodeRow, item: RunItem, report: InspectReport | undefined, reveal: boolean, nowMs: number, width: number): Line[] {
	const head: Line = {text: `${runItemName(item)} of ${sanitizeLine(row.name)}: ${sanitizeLine(item.container)}   (Esc: back to the node)`, bold: true};
	if (!report) {
		return [head, {text: 'Inspecting…', tone: 'muted'}];
	}

	const lines = [
		head,
		...containerLines(report, nowMs),
		{text: ''},
		{text: 'Mounts', bold: true},
		...mountLines(report, width),
		{text: ''},
		{text: `Env${reveal ? '' : ' (secrets masked: v shows them)'}`, bold: true},
		...envLines(report, reveal),
	];
	return reveal ? lines : lines.map(line => ({...line, text: maskSecrets(line.text)}));
}
