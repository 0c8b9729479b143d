import {Box, Text} from 'ink';
import React from 'react';

export const minimumSize = {columns: 60, rows: 16};

/** Instead of a broken layout; the app comes back when the window grows. */
export function TooSmall({columns, rows}: {columns: number; rows: number}) {
	return (
		<Box flexDirection="column" width={columns} height={Math.max(1, rows - 1)}>
			<Text wrap="truncate">{`Terminal too small (need ${minimumSize.columns}x${minimumSize.rows}, have ${columns}x${rows}).`}</Text>
			<Text wrap="truncate">Make the window larger, or press q to quit.</Text>
		</Box>
	);
}
