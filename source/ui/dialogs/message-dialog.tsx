import React from 'react';
import {Text} from '../text.js';
import {maskSecrets} from '../../domain/mask.js';
import {safeLine} from '../../domain/safe-text.js';
import type {Dialog} from '../../state/app-state.js';
import type {Theme} from '../theme.js';
import {truncate} from '../text-fit.js';
import {DialogFrame} from './dialog-frame.js';

/** A failure with detail lines (a crashed node's last log lines); any of Esc, Enter, q closes it. */
export function MessageDialog({dialog, width, height, theme}: {dialog: Extract<Dialog, {type: 'error'}>; width: number; height: number; theme: Theme}) {
	const room = Math.max(1, height - 4);
	const lines = dialog.lines.slice(-room);
	return (
		<DialogFrame title={maskSecrets(dialog.title)} tone="error" width={width} height={height} theme={theme}>
			{lines.map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={index}>{truncate(safeLine(line), width - 4)}</Text>
			))}
			<Text color={theme.color('muted')}>Esc or Enter closes</Text>
		</DialogFrame>
	);
}
