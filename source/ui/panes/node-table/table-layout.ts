/**
 * The node table as text: which columns fit a width, and each row's cells.
 * Pure, so rows are byte-identical between renders unless something changed.
 */
import {formatUptime} from '../../../domain/duration.js';

/** Minutes at best: the clock that drives it ticks once a minute, so the row stays still in between. */
function coarseUptime(seconds: number): string {
	return seconds < 60 ? '<1m' : formatUptime(seconds);
}
import {statusText, type NodeRow} from '../../../domain/node-row.js';
import {sanitizeLine} from '../../../domain/sanitize.js';
import type {PendingAction} from '../../../state/app-state.js';
import {statusSymbol} from '../../theme.js';
import {fit, truncate} from '../../text-fit.js';

export type ColumnId = 'name' | 'scope' | 'status' | 'health' | 'uptime' | 'image';

export type Column = {id: ColumnId; title: string; width: number};

export function tableColumns(width: number): Column[] {
	const showHealth = width >= 100;
	const fixed = 2 + 7 + 22 + (showHealth ? 10 : 0) + 9;
	const flexible = Math.max(16, width - fixed);
	const name = Math.max(10, Math.min(32, Math.floor(flexible * 0.5)));
	const image = Math.max(6, width - fixed - name);
	return [
		{id: 'name', title: 'NAME', width: name},
		{id: 'scope', title: 'SCOPE', width: 7},
		{id: 'status', title: 'STATUS', width: 22},
		...(showHealth ? [{id: 'health' as const, title: 'HEALTH', width: 10}] : []),
		{id: 'uptime', title: 'UPTIME', width: 9},
		{id: 'image', title: 'IMAGE', width: image},
	];
}

export function headerText(columns: Column[]): string {
	return `  ${columns.map(column => fit(column.title, column.width - 1)).join(' ')}`;
}

/** What the row says in each column; `pending` (starting, stopping...) wins over Docker's state. */
/** @param nameWidth room for the name cell: a mark after the name is kept whole, the name cut to fit. */
export function rowCells(row: NodeRow, pending: PendingAction | undefined, nowMs: number, showHealth: boolean, nameWidth = Number.POSITIVE_INFINITY): Record<ColumnId, string> {
	const status = pending ? `${statusSymbol.pending} ${pending}` : `${statusSymbol[row.status]} ${statusText(row)}`;
	const health = row.health ?? '-';
	const running = row.status === 'running' && row.container;
	return {
		name: row.needsRoot ? nameWith(row, ' (needs root)', nameWidth) : sanitizeLine(row.name) + (row.configPath ? '' : ' (no config)'),
		scope: row.scope ?? '?',
		status: !showHealth && row.health && !pending ? `${status}, ${row.health}` : status,
		health,
		uptime: running ? coarseUptime(nowMs / 1000 - row.container!.created) : '-',
		image: row.container ? sanitizeLine(row.container.image) : '-',
	};
}

function nameWith(row: NodeRow, mark: string, width: number): string {
	return `${truncate(sanitizeLine(row.name), Math.max(4, width - mark.length))}${mark}`;
}

export function rowText(cells: Record<ColumnId, string>, columns: Column[], selected: boolean): string {
	return `${selected ? '▸ ' : '  '}${columns.map(column => fit(cells[column.id], column.width - 1)).join(' ')}`;
}
