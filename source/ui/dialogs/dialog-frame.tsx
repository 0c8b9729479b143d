import {Box} from 'ink';
import React, {type ReactNode} from 'react';
import {Text} from '../text.js';
import type {Theme, Tone} from '../theme.js';

/** A bordered box for dialogs, drawn in place of the detail pane. */
export function DialogFrame({title, tone, width, height, theme, children, maxHeight = 12}: {title: string; tone?: Tone; width: number; height: number; theme: Theme; children: ReactNode; maxHeight?: number}) {
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={theme.color(tone ?? 'accent')} width={Math.min(width, 110)} height={Math.min(height, maxHeight)} paddingX={1}>
			<Text bold wrap="truncate">
				{title}
			</Text>
			{children}
		</Box>
	);
}
