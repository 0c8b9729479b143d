import {Box} from 'ink';
import React from 'react';
import {Text} from '../text.js';
import {sanitizeLine} from '../../domain/sanitize.js';
import type {Theme, Tone} from '../theme.js';
import {fit} from '../text-fit.js';

export type WindowLine = {text: string; tone?: Tone; bold?: boolean};

/** A fixed-size window onto lines of text; each line is cut or padded to the width. */
export function TextWindow({lines, offset, width, height, theme}: {lines: WindowLine[]; offset: number; width: number; height: number; theme: Theme}) {
	const visible = lines.slice(offset, offset + height);
	return (
		<Box flexDirection="column" width={width} height={height}>
			{visible.map((line, index) => (
				// Index keys are right here: a window row is a screen row, not an item.
				// eslint-disable-next-line react/no-array-index-key
				<Text key={index} color={theme.color(line.tone)} bold={line.bold}>
					{fit(sanitizeLine(line.text), width)}
				</Text>
			))}
		</Box>
	);
}

/** The largest useful scroll offset for this many lines in this height. */
export function maxOffset(lineCount: number, height: number): number {
	return Math.max(0, lineCount - height);
}
