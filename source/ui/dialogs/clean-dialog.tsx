import React from 'react';
import {Text} from '../text.js';
import type {Dialog} from '../../state/app-state.js';
import type {Theme} from '../theme.js';
import {fit} from '../text-fit.js';
import {DialogFrame} from './dialog-frame.js';

type CleanProps = {
	dialog: Extract<Dialog, {type: 'clean'}>;
	width: number;
	height: number;
	theme: Theme;
};

const maxHeight = 16;

/** Lines of the list the dialog shows at once: the frame less its border, title, intro, "more" and answer lines. */
export function cleanListRows(height: number): number {
	return Math.max(1, Math.min(height, maxHeight) - 5);
}

/** Exactly what `c` removes, by kind and name (j/k scroll a long list); y removes, anything else cancels. */
export function CleanDialog({dialog, width, height, theme}: CleanProps) {
	const {items, offset} = dialog;
	// As tall as the list needs, at most the frame's limit.
	const frameHeight = Math.min(height, items.length + 5);
	const rows = cleanListRows(frameHeight);
	const start = Math.min(offset, Math.max(0, items.length - rows));
	const shown = items.slice(start, start + rows);
	const below = items.length - start - shown.length;
	const scope = dialog.target.scope ? ` (${dialog.target.scope})` : '';
	return (
		<DialogFrame title={`Clean up after ${dialog.target.name}${scope}? Removes ${items.length === 1 ? 'this one' : `these ${items.length}`}:`} tone="error" width={width} height={frameHeight} theme={theme} maxHeight={maxHeight}>
			{shown.map(item => (
				<Text key={`${item.kind}/${item.name}`} wrap="truncate">
					{`${fit(item.kind, 10)}${item.name}  (${item.reason}${item.ambiguous ? '; a user and a system node share this name' : ''})`}
				</Text>
			))}
			<Text color={theme.color('muted')} wrap="truncate">
				{start > 0 || below > 0 ? `${start > 0 ? `${start} above, ` : ''}${below} more below (j/k scroll)` : 'Nothing a running node uses is in this list.'}
			</Text>
			<Text bold wrap="truncate">{'[y] remove these   [N] no (Enter, Esc)'}</Text>
		</DialogFrame>
	);
}
