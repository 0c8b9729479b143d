/** The lower part of the screen: inspector and log (one or both), or an open dialog. */
import {Box} from 'ink';
import React from 'react';
import type {AppState} from '../state/app-state.js';
import {CleanDialog} from './dialogs/clean-dialog.js';
import {ConfirmDialog} from './dialogs/confirm-dialog.js';
import {MessageDialog} from './dialogs/message-dialog.js';
import {ApiKeyDialog, DeleteConfigDialog, RawConfigDialog} from './dialogs/config-dialogs.js';
import {RemoveDialog} from './dialogs/remove-dialog.js';
import type {LogTail} from './hooks/use-log-tail.js';
import type {Layout} from './layout.js';
import {Inspector} from './panes/inspector/inspector.js';
import {LogPane} from './panes/log-pane/log-pane.js';
import type {WindowLine} from './panes/text-window.js';
import type {Theme} from './theme.js';

export type DetailAreaProps = {
	state: AppState;
	layout: Layout;
	title: string;
	inspectorLines: WindowLine[];
	log: LogTail;
	logEmptyText?: string;
	theme: Theme;
};

export function DetailArea({state, layout, title, inspectorLines, log, logEmptyText, theme}: DetailAreaProps) {
	const {dialog} = state;
	const height = layout.detailHeight;
	const dialogView = dialogOf(dialog, layout.width, height, theme);
	if (dialogView) {
		// A dialog is at most 12 rows; the area keeps its height so the status and hint lines stay at the bottom.
		return (
			<Box flexDirection="column" width={layout.width} height={height}>
				{dialogView}
			</Box>
		);
	}

	const focused = state.focus === 'detail';
	const inspector = (
		<Inspector
			tab={state.inspectorTab}
			lines={inspectorLines}
			offset={state.detailMode === 'inspector' ? state.detailScroll : 0}
			width={layout.inspectorWidth}
			height={height}
			focused={focused && state.detailMode === 'inspector'}
			title={title}
			theme={theme}
		/>
	);
	const logPane = (
		<LogPane
			title={title}
			source={log.source}
			view={state.log}
			{...(logEmptyText ? {emptyText: logEmptyText} : {})}
			width={state.log.fullScreen ? layout.width : layout.logWidth}
			height={height}
			focused={(focused || state.log.fullScreen) && state.detailMode === 'logs'}
			theme={theme}
		/>
	);
	if (!layout.sideBySide || state.log.fullScreen) {
		return state.detailMode === 'logs' ? logPane : inspector;
	}

	return (
		<Box width={layout.width} height={height}>
			{inspector}
			<Box width={1} />
			{logPane}
		</Box>
	);
}

function dialogOf(dialog: DetailAreaProps['state']['dialog'], width: number, height: number, theme: Theme) {
	switch (dialog?.type) {
		case 'confirm': {
			return <ConfirmDialog dialog={dialog} width={width} height={height} theme={theme} />;
		}

		case 'remove': {
			return <RemoveDialog dialog={dialog} width={width} height={height} theme={theme} />;
		}

		case 'clean': {
			return <CleanDialog dialog={dialog} width={width} height={height} theme={theme} />;
		}

		case 'delete-config': {
			return <DeleteConfigDialog dialog={dialog} width={width} height={height} theme={theme} />;
		}

		case 'api-key': {
			return <ApiKeyDialog dialog={dialog} width={width} height={height} theme={theme} />;
		}

		case 'raw-config': {
			return <RawConfigDialog dialog={dialog} width={width} height={height} theme={theme} />;
		}

		case 'error': {
			return <MessageDialog dialog={dialog} width={width} height={height} theme={theme} />;
		}

		default: {
			return undefined;
		}
	}
}
