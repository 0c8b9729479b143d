import {Box} from 'ink';
import React, {memo, useSyncExternalStore} from 'react';
import {Text} from '../../text.js';
import {visibleRows, type LogRow} from '../../../domain/log-view.js';
import type {LogSource} from '../../hooks/log-feed.js';
import {logModelOf} from '../../hooks/use-log-model.js';
import {logRanges, type LogViewState} from '../../../state/log-state.js';
import type {Theme} from '../../theme.js';
import {fit} from '../../text-fit.js';

export type LogPaneProps = {
	title: string;
	/** The entries and the count dropped; a flush renews them and renders this pane alone. */
	source: LogSource;
	view: LogViewState;
	/** Why there is nothing to show, when there is nothing. */
	emptyText?: string;
	width: number;
	height: number;
	focused: boolean;
	theme: Theme;
};

/** The selected node's log: the last lines while following, a window when scrolled. */
export const LogPane = memo(function LogPane({title, source, view, emptyText, width, height, focused, theme}: LogPaneProps) {
	const {entries, dropped} = useSyncExternalStore(source.subscribe, source.get);
	const {shown, matchPositions} = logModelOf(entries, view);
	const matchCount = matchPositions.length;
	const bodyHeight = Math.max(1, height - 1);
	const top = view.follow ? 'end' : view.top;
	const droppedRow = dropped > 0 && !view.follow && view.top === 0;
	const rows = visibleRows(entries, shown, top, droppedRow ? bodyHeight - 1 : bodyHeight, {
		query: view.query,
		filterOnly: view.filterOnly,
		timestamps: view.timestamps,
		wrap: view.wrap,
		width,
	});
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold color={theme.color(focused ? 'accent' : undefined)}>
				{fit(titleText(title, view, shown.length, matchCount, dropped), width)}
			</Text>
			{droppedRow ? <Text color={theme.color('muted')}>{fit(`… ${dropped} older lines dropped (the pane keeps the newest) …`, width)}</Text> : null}
			{entries.length === 0 && emptyText ? <Text color={theme.color('muted')}>{fit(emptyText, width)}</Text> : null}
			{rows.map((row, index) => (
				// Keyed by the entry (counted from the first line the pane ever held) and the piece of it: a
				// followed log moves up a few rows per flush, and the rows that only moved are not drawn again.
				<LogRowText key={rowKey(rows, index, dropped)} row={row} width={width} theme={theme} />
			))}
		</Box>
	);
});

/** `entry:piece`; a wrapped entry is several rows, one after the other. */
function rowKey(rows: readonly LogRow[], index: number, dropped: number): string {
	const {entry} = rows[index]!;
	let piece = 0;
	while (index - piece > 0 && rows[index - piece - 1]!.entry === entry) {
		piece++;
	}

	return `${dropped + entry}:${piece}`;
}

/** A row's segments are cut once per entry and kept (log-view.ts): the same array is the same row. */
const LogRowText = memo(LogRowTextView, (before, after) => before.row.segments === after.row.segments && before.row.marker === after.row.marker && before.width === after.width && before.theme === after.theme);

function LogRowTextView({row, width, theme}: {row: LogRow; width: number; theme: Theme}) {
	if (row.marker) {
		return <Text color={theme.color('muted')}>{fit(row.segments.map(segment => segment.text).join(''), width)}</Text>;
	}

	if (row.segments.length === 1 && !row.segments[0]!.match) {
		// Already cut to the width (colour codes kept); Ink measures codes as zero width.
		return (
			<Text colors wrap="truncate">
				{row.segments[0]!.text}
			</Text>
		);
	}

	return (
		<Text colors wrap="truncate">
			{row.segments.map((segment, index) =>
				segment.match ? (
					// eslint-disable-next-line react/no-array-index-key
					<Text key={index} colors inverse color={theme.color('warn')}>
						{segment.text}
					</Text>
				) : (
					segment.text
				),
			)}
		</Text>
	);
}

function titleText(title: string, view: LogViewState, shown: number, matches: number, dropped: number): string {
	const parts = [`─ Log ${title}`];
	if (view.draft !== undefined) {
		parts.push(`search: ${view.draft}█ (Enter keeps, Esc cancels)`);
	} else {
		parts.push(view.follow ? 'following' : `paused at ${view.top + 1}/${shown} (G follows)`);
		parts.push(logRanges[view.range].label);
		if (view.query) {
			parts.push(`"${view.query}": ${matches} match${matches === 1 ? '' : 'es'}${view.filterOnly ? ', only matches shown' : ''}`);
		}

		if (dropped > 0) {
			parts.push(`${dropped} older lines dropped`);
		}
	}

	return `${parts.join(' · ')} `;
}
