/** A: the audit log, newest first, scrollable (j/k), filtered by any text (/). */
import {Box} from 'ink';
import React from 'react';
import type {Dialog} from '../../state/app-state.js';
import {auditLinesShown} from '../input/audit-commands.js';
import {Text} from '../text.js';
import {truncate} from '../text-fit.js';
import type {Theme} from '../theme.js';

export function AuditDialog({dialog, width, height, theme}: {dialog: Extract<Dialog, {type: 'audit'}>; width: number; height: number; theme: Theme}) {
	const shown = auditLinesShown(dialog.lines, dialog.filter);
	// Border (2), title, filter line, and the note when there is one.
	const room = Math.max(1, height - 4 - (dialog.note ? 1 : 0));
	const offset = Math.min(dialog.offset, Math.max(0, shown.length - room));
	const count = dialog.filter ? `${shown.length} of ${dialog.lines.length}` : `${dialog.lines.length}`;
	const filterLine = dialog.filterEditing ? `filter: ${dialog.filter}█  (Enter keeps, Esc clears)` : dialog.filter ? `filter: ${dialog.filter}  (/ changes it)` : '/ filters · j/k scroll · Esc closes';
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={theme.color('accent')} width={width} height={height} paddingX={1}>
			<Text bold wrap="truncate">{truncate(`Audit log · ${count} entries, newest first${shown.length > room ? ` · ${offset + 1}-${Math.min(shown.length, offset + room)}` : ''}`, width - 4)}</Text>
			<Text color={theme.color('muted')} wrap="truncate">{truncate(filterLine, width - 4)}</Text>
			{dialog.note ? <Text color={theme.color('warn')} wrap="truncate">{truncate(dialog.note, width - 4)}</Text> : null}
			{shown.length === 0 ? (
				<Text color={theme.color('muted')}>{dialog.lines.length === 0 ? 'No audit entries yet: every start, stop, edit... is written here.' : 'No entry matches the filter.'}</Text>
			) : (
				shown.slice(offset, offset + room).map((line, index) => (
					<Text key={offset + index} wrap="truncate" color={theme.color(line.includes('  FAILED: ') ? 'error' : undefined)}>
						{truncate(line, width - 4)}
					</Text>
				))
			)}
		</Box>
	);
}
