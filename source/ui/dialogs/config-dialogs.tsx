import React from 'react';
import {Text} from '../text.js';
import type {Dialog} from '../../state/app-state.js';
import type {Theme} from '../theme.js';
import {truncate} from '../text-fit.js';
import {volumeNamesOf} from '../../domain/node-spec.js';
import {DialogFrame} from './dialog-frame.js';

type Props<T extends Dialog['type']> = {dialog: Extract<Dialog, {type: T}>; width: number; height: number; theme: Theme};

/** D: the file is moved to a backup, never deleted; v also removes the node's volumes (its data). */
export function DeleteConfigDialog({dialog, width, height, theme}: Props<'delete-config'>) {
	return (
		<DialogFrame title={`Delete the config of ${dialog.target.name} (${dialog.target.scope})?`} tone="error" width={width} height={height} theme={theme}>
			<Text wrap="wrap">The file moves to .deleted/ beside it (move it back to restore it); nothing is lost.</Text>
			<Text color={theme.color('muted')} wrap="truncate">{`Its volumes, if any are left: ${Object.values(volumeNamesOf(dialog.target.name, dialog.target.scope)).join(', ')}`}</Text>
			<Text bold wrap="truncate">{'[y] yes   [v] yes, and remove its volumes (its data is lost)   [N] no (Enter, Esc)'}</Text>
		</DialogFrame>
	);
}

/** K: a new API key, masked while typed (Tab shows it); only the api_key line of the file changes. */
export function ApiKeyDialog({dialog, width, height, theme}: Props<'api-key'>) {
	const shown = dialog.show ? dialog.draft : '•'.repeat(dialog.draft.length);
	return (
		<DialogFrame title={`New API key for ${dialog.target.name} (${dialog.target.scope})`} width={width} height={height} theme={theme}>
			<Text wrap="truncate">{`key: ${shown}█`}</Text>
			<Text color={theme.color('muted')} wrap="truncate">
				Enter saves · Tab shows or hides · Esc cancels
			</Text>
		</DialogFrame>
	);
}

/** e on a file that does not parse: its problems and text, read only. */
export function RawConfigDialog({dialog, width, height, theme}: Props<'raw-config'>) {
	const room = Math.max(1, Math.min(height, 40) - 3);
	return (
		<DialogFrame title={`${dialog.title}${dialog.reveal ? ' · secrets shown: v hides them' : ' · secrets masked: v shows them'}`} tone="warn" width={width} height={Math.min(height, 40)} theme={theme} maxHeight={40}>
			{(dialog.reveal ? dialog.plain : dialog.lines).slice(dialog.offset, dialog.offset + room).map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={index}>{truncate(line, width - 4)}</Text>
			))}
		</DialogFrame>
	);
}
