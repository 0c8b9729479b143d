import {Box} from 'ink';
import React from 'react';
import {Text} from '../../text.js';
import {visibleRows, type Entries, type LogRow, type Shown} from '../../../domain/log-view.js';
import {logRanges, type LogViewState} from '../../../state/log-state.js';
import type {Theme} from '../../theme.js';
import {fit} from '../../text-fit.js';

export type LogPaneProps = {
	title: string;
	entries: Entries;
	/** The entries shown (all, or the matches in filter mode). */
	shown: Shown;
	matchCount: number;
	dropped: number;
	view: LogViewState;
	/** Why there is nothing to show, when there is nothing. */
	emptyText?: string;
	width: number;
	height: number;
	focused: boolean;
	theme: Theme;
};

/** The selected node's log: the last lines while following, a window when scrolled. */
export function LogPane({title, entries, shown, matchCount, dropped, view, emptyText, width, height, focused, theme}: LogPaneProps) {
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
				// A screen row, not an item: index keys are right.
				// eslint-disable-next-line react/no-array-index-key
				<LogRowText key={index} row={row} width={width} theme={theme} />
			))}
		</Box>
	);
}

function LogRowText({row, width, theme}: {row: LogRow; width: number; theme: Theme}) {
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
