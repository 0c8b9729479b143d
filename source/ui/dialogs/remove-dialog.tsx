import {Text, useInput} from 'ink';
import React from 'react';
import type {Dialog} from '../../state/app-state.js';
import type {Theme} from '../theme.js';
import {DialogFrame} from './dialog-frame.js';

type RemoveProps = {
	dialog: Extract<Dialog, {type: 'remove'}>;
	width: number;
	height: number;
	theme: Theme;
	onRemove: (volumes: boolean) => void;
	onCancel: () => void;
};

/** c removes the container, v also its volumes (the node's data); anything else cancels. */
export function RemoveDialog({dialog, width, height, theme, onRemove, onCancel}: RemoveProps) {
	useInput((input, key) => {
		if (input === 'c') {
			onRemove(false);
		} else if (input === 'v') {
			onRemove(true);
		} else if (input === 'n' || input === 'N' || key.escape || key.return || input === 'q') {
			onCancel();
		}
	});
	return (
		<DialogFrame title={`Remove the stopped container of ${dialog.target.name} (${dialog.target.scope})?`} tone="error" width={width} height={height} theme={theme}>
			<Text wrap="truncate">{`Volumes: ${dialog.volumes.join(', ')}`}</Text>
			<Text color={theme.color('muted')} wrap="truncate">{`Same as: ${dialog.commandLine}`}</Text>
			<Text bold wrap="truncate">{'[c] container only   [v] container and its volumes (data is lost)   [N] cancel (Enter, Esc)'}</Text>
		</DialogFrame>
	);
}
