/**
 * The node table as text: which columns fit a width, and each row's cells.
 * Pure, so rows are byte-identical between renders unless something changed.
 */
import {formatCpu, formatMemory} from '../../../domain/container-stats.js';
import {formatUptime} from '../../../domain/duration.js';

/** Minutes at best: the clock that drives it ticks once a minute, so the row stays still in between. */
function coarseUptime(seconds: number): string {
	return seconds < 60 ? '<1m' : formatUptime(seconds);
}
import {statusText, type NodeRow} from '../../../domain/node-row.js';
import {runsCell, unseenFailedRuns} from '../../../domain/run-items.js';
import {sanitizeLine} from '../../../domain/sanitize.js';
import type {StatsCell} from '../../../services/stats-watch.js';
import type {PendingAction} from '../../../state/app-state.js';
import {statusSymbol} from '../../theme.js';
import {fit, truncate} from '../../text-fit.js';

export type ColumnId = 'host' | 'name' | 'scope' | 'status' | 'health' | 'uptime' | 'runs' | 'cpu' | 'mem' | 'image';

export type Column = {id: ColumnId; title: string; width: number};

/** From this width the table has a RUNS column (the node's runs, helpers and leftovers at a glance). */
export const runsColumnWidth = 140;

/**
 * From this width the table has CPU and MEM columns: they take their 17 columns from the image
 * alone (the name keeps its width, the image keeps at least 21 at 120 columns); narrower, they
 * would squeeze the name, so the inspector alone shows resource use.
 */
export const statsColumnsFrom = 120;

const cpuWidth = 7;
const memWidth = 10;

/** Whether a table this wide shows CPU and MEM, so whether its rows' stats streams are worth opening. */
export function showsStats(width: number): boolean {
	return width >= statsColumnsFrom;
}

/**
 * @param hostWidth a fleet's HOST column (the longest host name and a space, capped); 0 on one host.
 */
export function tableColumns(width: number, hostWidth = 0): Column[] {
	const showHealth = width >= 100;
	const showRuns = width >= runsColumnWidth;
	const runs = width >= 160 ? 42 : 32;
	const stats = showsStats(width);
	const fixed = 2 + hostWidth + 7 + 22 + (showHealth ? 10 : 0) + 9 + (showRuns ? runs : 0);
	const flexible = Math.max(16, width - fixed);
	const name = Math.max(10, Math.min(32, Math.floor(flexible * 0.5)));
	const image = Math.max(6, width - fixed - name - (stats ? cpuWidth + memWidth : 0));
	return [
		...(hostWidth > 0 ? [{id: 'host' as const, title: 'HOST', width: hostWidth}] : []),
		{id: 'name', title: 'NAME', width: name},
		{id: 'scope', title: 'SCOPE', width: 7},
		{id: 'status', title: 'STATUS', width: 22},
		...(showHealth ? [{id: 'health' as const, title: 'HEALTH', width: 10}] : []),
		{id: 'uptime', title: 'UPTIME', width: 9},
		...(showRuns ? [{id: 'runs' as const, title: 'RUNS', width: runs}] : []),
		...(stats ? [{id: 'cpu' as const, title: 'CPU', width: cpuWidth}, {id: 'mem' as const, title: 'MEM', width: memWidth}] : []),
		{id: 'image', title: 'IMAGE', width: image},
	];
}

/** The HOST column's width for these rows: none on one host, else the longest name (at least the title, at most 16). */
export function hostColumnWidth(rows: readonly NodeRow[]): number {
	const longest = Math.max(0, ...rows.map(row => row.host?.length ?? 0));
	return longest === 0 ? 0 : Math.min(16, Math.max(4, longest)) + 1;
}

/** The rows a table body of `bodyHeight` lines shows: a window that keeps the selection in view. */
export function tableWindow<Row extends {key: string}>(rows: readonly Row[], selectedKey: string | undefined, bodyHeight: number): {offset: number; visible: Row[]} {
	const selectedIndex = Math.max(0, rows.findIndex(row => row.key === selectedKey));
	const offset = Math.min(Math.max(0, selectedIndex - bodyHeight + 1), Math.max(0, rows.length - bodyHeight));
	return {offset, visible: rows.slice(offset, offset + bodyHeight)};
}

/** The container of a row whose resource use is worth streaming: a running one. */
export function statsTarget(row: NodeRow): string | undefined {
	return row.status === 'running' && row.container ? row.container.id : undefined;
}

export function headerText(columns: Column[]): string {
	return `  ${columns.map(column => fit(column.title, column.width - 1)).join(' ')}`;
}

/**
 * What the row says in each column; `pending` (starting, stopping...) wins over Docker's state.
 * A failed run not opened yet (`seenRuns`) puts ` !` after the name, at every width.
 * @param nameWidth room for the name cell: a mark after the name is kept whole, the name cut to fit.
 */
export function rowCells(row: NodeRow, pending: PendingAction | undefined, nowMs: number, showHealth: boolean, seenRuns: readonly string[] = [], stats?: StatsCell, nameWidth = Number.POSITIVE_INFINITY): Record<ColumnId, string> {
	// A row of a host that is down is its last known state (greyed): its status is not known now.
	const status = pending ? `${statusSymbol.pending} ${pending}` : row.hostDown === undefined ? `${statusSymbol[row.status]} ${statusText(row)}` : `${statusSymbol.unknown} unreachable`;
	const health = row.health ?? '-';
	const running = row.status === 'running' && row.container;
	return {
		host: sanitizeLine(row.host ?? ''),
		name: nameWith(row, (row.needsRoot ? ' (needs root)' : '') + (row.configPath ? '' : ' (no config)') + (unseenFailedRuns(row, seenRuns) > 0 ? ' !' : ''), nameWidth),
		scope: row.scope ?? '?',
		status: !showHealth && row.health && !pending ? `${status}, ${row.health}` : status,
		health,
		uptime: running ? coarseUptime(nowMs / 1000 - row.container!.created) : '-',
		runs: runsCell(row),
		// A stream that failed, or has no sample yet, is `-`: it retries quietly.
		cpu: running && stats?.state === 'ok' ? formatCpu(stats.stats.cpuPercent) : '-',
		mem: running && stats?.state === 'ok' ? formatMemory(stats.stats) : '-',
		image: row.container ? sanitizeLine(row.container.image) : '-',
	};
}

function nameWith(row: NodeRow, mark: string, width: number): string {
	return `${truncate(sanitizeLine(row.name), Math.max(4, width - mark.length))}${mark}`;
}

export function rowText(cells: Record<ColumnId, string>, columns: Column[], selected: boolean): string {
	return `${selected ? '▸ ' : '  '}${columns.map(column => fit(cells[column.id], column.width - 1)).join(' ')}`;
}
