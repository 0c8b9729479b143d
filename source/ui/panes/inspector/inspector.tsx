import {Box} from 'ink';
import React from 'react';
import {Text} from '../../text.js';
import {inspectorTabs, inspectorTabTitles, type InspectorTab} from '../../../state/app-state.js';
import type {Theme} from '../../theme.js';
import {fit} from '../../text-fit.js';
import {TextWindow, type WindowLine} from '../text-window.js';

export type InspectorProps = {
	tab: InspectorTab;
	lines: WindowLine[];
	offset: number;
	width: number;
	height: number;
	focused: boolean;
	title: string;
	theme: Theme;
};

/** The detail pane's inspector: a tab line and a window onto the tab's lines. */
export function Inspector({tab, lines, offset, width, height, focused, title, theme}: InspectorProps) {
	const tabs = inspectorTabs.map(name => (name === tab ? `[${inspectorTabTitles[name]}]` : ` ${inspectorTabTitles[name]} `)).join('');
	const position = lines.length > height - 1 ? ` ${offset + 1}/${lines.length}` : '';
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold color={theme.color(focused ? 'accent' : undefined)}>
				{fit(`─ ${title} ${tabs}${position}`, width)}
			</Text>
			<TextWindow lines={lines} offset={offset} width={width} height={height - 1} theme={theme} />
		</Box>
	);
}
