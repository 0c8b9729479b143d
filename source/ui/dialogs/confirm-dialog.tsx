import React from 'react';
import {Text} from '../text.js';
import type {Dialog} from '../../state/app-state.js';
import type {Theme} from '../theme.js';
import {DialogFrame} from './dialog-frame.js';

type ConfirmProps = {
	dialog: Extract<Dialog, {type: 'confirm'}>;
	width: number;
	height: number;
	theme: Theme;
};

const verbs = {stop: 'Stop', restart: 'Restart'} as const;
const effects = {
	stop: 'Its container stops (SIGTERM, up to 10 s) and is removed, and its four volumes are deleted.',
	restart: 'It stops (its volumes are deleted) and starts again from the config as it is on disk now.',
} as const;

/** y confirms; n, Esc and Enter cancel: the default answer is the safe one. */
export function ConfirmDialog({dialog, width, height, theme}: ConfirmProps) {
	return (
		<DialogFrame title={`${verbs[dialog.action]} ${dialog.target.name} (${dialog.target.scope})?`} tone="warn" width={width} height={height} theme={theme}>
			{dialog.reason ? <Text wrap="wrap">{dialog.reason}</Text> : null}
			<Text wrap="wrap">{effects[dialog.action]}</Text>
			<Text color={theme.color('muted')} wrap="truncate">{`Same as: ${dialog.commandLine}`}</Text>
			<Text bold>{'[y] yes   [N] no (Enter, Esc)'}</Text>
		</DialogFrame>
	);
}
