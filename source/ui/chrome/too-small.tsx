import {Box} from 'ink';
import React from 'react';
import {Text} from '../text.js';

export const minimumSize = {columns: 60, rows: 16};

/** Instead of a broken layout; the app comes back when the window grows. */
export function TooSmall({columns, rows}: {columns: number; rows: number}) {
	return (
		<Box flexDirection="column" width={columns} height={Math.max(1, rows - 1)}>
			{/* Short lines: they must read whole in a 20-column terminal too. */}
			<Text wrap="truncate">{`Too small: ${columns}x${rows}`}</Text>
			<Text wrap="truncate">{`Need ${minimumSize.columns}x${minimumSize.rows}.`}</Text>
			<Text wrap="truncate">Enlarge, or q quits.</Text>
		</Box>
	);
}
