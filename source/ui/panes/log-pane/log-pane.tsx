import {Box, Text} from 'ink';
import React from 'react';
import type {Theme} from '../../theme.js';
import {fit} from '../../text-fit.js';
import {TextWindow} from '../text-window.js';

export type LogPaneProps = {
	title: string;
	lines: string[];
	dropped: number;
	/** First line shown; ignored while following. */
	offset: number;
	follow: boolean;
	/** Why there is nothing to show, when there is nothing. */
	emptyText?: string;
	width: number;
	height: number;
	focused: boolean;
	theme: Theme;
};

/** The selected node's log: the last lines while following, a window when scrolled. */
export function LogPane({title, lines, dropped, offset, follow, emptyText, width, height, focused, theme}: LogPaneProps) {
	const bodyHeight = height - 1;
	const start = follow ? Math.max(0, lines.length - bodyHeight) : offset;
	const state = follow ? 'following' : `paused at ${start + 1}/${lines.length} (f or G follows)`;
	const droppedText = dropped > 0 ? `, ${dropped} older lines dropped` : '';
	const body = lines.length === 0 && emptyText ? [{text: emptyText, tone: 'muted' as const}] : lines.map(text => ({text}));
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold color={theme.color(focused ? 'accent' : undefined)}>
				{fit(`─ Log ${title} ─ ${state}${droppedText}`, width)}
			</Text>
			<TextWindow lines={body} offset={lines.length === 0 ? 0 : start} width={width} height={bodyHeight} theme={theme} />
		</Box>
	);
}
