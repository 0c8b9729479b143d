import {Box} from 'ink';
import React from 'react';
import {Text} from '../../text.js';
import type {NodeRow} from '../../../domain/node-row.js';
import type {PendingAction} from '../../../state/app-state.js';
import {statusTone, type Theme} from '../../theme.js';
import {fit} from '../../text-fit.js';
import type {StatsSnapshot} from '../../../services/stats-watch.js';
import {headerText, hostColumnWidth, rowCells, rowText, tableColumns, tableWindow} from './table-layout.js';

export type NodeTableProps = {
	rows: NodeRow[];
	selectedKey?: string;
	pending: Readonly<Record<string, PendingAction>>;
	/** Run containers opened already: their failure no longer marks the row. */
	seenRuns: readonly string[];
	width: number;
	/** Lines available, title and header included. */
	height: number;
	focused: boolean;
	filter: string;
	filterEditing: boolean;
	/** Rows are stale: the engine is unreachable. */
	stale: boolean;
	loaded: boolean;
	nowMs: number;
	/** Latest resource use by container id (shown when the table is wide enough). */
	stats?: StatsSnapshot;
	theme: Theme;
};

/** The node table: a window of rows that keeps the selection in view. */
export function NodeTable(props: NodeTableProps) {
	const {rows, width, height, theme} = props;
	const columns = tableColumns(width, hostColumnWidth(rows));
	const showHealth = columns.some(column => column.id === 'health');
	const bodyHeight = Math.max(1, height - 2);
	const {offset, visible} = tableWindow(rows, props.selectedKey, bodyHeight);
	const titleTone = props.focused ? 'accent' : undefined;
	const more = rows.length > bodyHeight ? ` ${offset + 1}-${offset + visible.length} of ${rows.length}` : '';

	return (
		<Box flexDirection="column" height={height} width={width}>
			<Box>
				<Text bold color={theme.color(titleTone)}>
					{`─ Nodes${more} `}
				</Text>
				{props.filterEditing ? (
					<Text>{`/ ${props.filter}█  (Enter keeps, Esc clears)`}</Text>
				) : (
					<Text color={theme.color('muted')}>{props.filter ? `filter: ${props.filter} (Esc clears)` : ''}</Text>
				)}
			</Box>
			<Text color={theme.color('muted')}>{fit(headerText(columns), width)}</Text>
			{visible.map(row => {
				const selected = row.key === props.selectedKey;
				const nameColumn = columns.find(column => column.id === 'name')!;
				const cells = rowCells(row, props.pending[row.key], props.nowMs, showHealth, props.seenRuns, row.container ? props.stats?.get(row.container.id) : undefined, nameColumn.width - 1);
				return (
					<Text
						key={row.key}
						inverse={selected && props.focused}
						bold={selected}
						dimColor={(props.stale || row.hostDown !== undefined) && theme.dim}
						color={props.pending[row.key] ? theme.color('warn') : theme.color(row.hostDown === undefined ? statusTone(row.status, row.exitCode) : 'muted')}
					>
						{fit(rowText(cells, columns, selected), width)}
					</Text>
				);
			})}
			{rows.length === 0 ? <Text color={theme.color('muted')}>{emptyText(props)}</Text> : null}
		</Box>
	);
}

function emptyText(props: NodeTableProps): string {
	if (!props.loaded) {
		return '  Loading node configs and containers…';
	}

	if (props.filter) {
		return `  No node matches '${props.filter}'.`;
	}

	return '  No node configs or node containers yet. Configs live in ~/.config/vantage6/node and /etc/vantage6/node.';
}
