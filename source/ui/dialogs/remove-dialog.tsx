import React from 'react';
import {Text} from '../text.js';
import type {Dialog} from '../../state/app-state.js';
import type {Theme} from '../theme.js';
import {DialogFrame} from './dialog-frame.js';

type RemoveProps = {
	dialog: Extract<Dialog, {type: 'remove'}>;
	width: number;
	height: number;
	theme: Theme;
};

/** c removes the container, v also its volumes (the node's data); anything else cancels. */
export function RemoveDialog({dialog, width, height, theme}: RemoveProps) {
	return (
		<DialogFrame title={`Remove the stopped container of ${dialog.target.name} (${dialog.target.scope})?`} tone="error" width={width} height={height} theme={theme}>
			<Text wrap="truncate">{`Volumes: ${dialog.volumes.join(', ')}`}</Text>
			<Text color={theme.color('muted')} wrap="truncate">{`Same as: ${dialog.commandLine}`}</Text>
			<Text bold wrap="truncate">{'[c] container only   [v] container and its volumes (data is lost)   [N] cancel (Enter, Esc)'}</Text>
		</DialogFrame>
	);
}
