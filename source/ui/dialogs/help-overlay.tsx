import {Box} from 'ink';
import React from 'react';
import {Text} from '../text.js';
import {bindings, contextTitles} from '../keymap/bindings.js';
import {commandInfo} from '../keymap/commands.js';
import type {Theme} from '../theme.js';
import {fit, truncate} from '../text-fit.js';

/** Every key of every context, from the same table the matcher uses; dangerous commands in the warning colour. */
export function HelpOverlay({offset, width, height, theme}: {offset: number; width: number; height: number; theme: Theme}) {
	const keys = bindings.map(binding => {
		const where = binding.contexts.map(context => contextTitles[context]).join(', ');
		const info = commandInfo(binding.command);
		return {text: `${fit(binding.label, 8)} ${fit(where, 26)} ${info.description}`, dangerous: Boolean(info.dangerous)};
	});
	const room = Math.max(1, height - 3);
	const columns = keys.length > room && width >= 160 ? 2 : 1;
	const perColumn = Math.ceil(keys.length / columns);
	const columnWidth = Math.floor((width - 4) / columns);
	const start = columns === 1 ? Math.min(offset, Math.max(0, keys.length - room)) : 0;
	const shown = keys.slice(start, start + room * columns);
	const scroll = shown.length < keys.length ? ` ${start + 1}-${start + shown.length} of ${keys.length}, j/k scrolls` : '';
	return (
		<Box flexDirection="column" borderStyle="round" width={width} height={height} paddingX={1}>
			<Text bold wrap="truncate">{`Keys (Esc or ? closes)${scroll}`}</Text>
			<Box>
				{Array.from({length: columns}, (_, column) => (
					<Box key={column} flexDirection="column" width={columnWidth}>
						{shown.slice(column * perColumn, (column + 1) * perColumn).map(line => (
							<Text key={line.text} color={theme.color(line.dangerous ? 'warn' : undefined)}>
								{truncate(line.text, columnWidth - 1)}
							</Text>
						))}
					</Box>
				))}
			</Box>
		</Box>
	);
}
