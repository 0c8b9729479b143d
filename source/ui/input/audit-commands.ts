/** A: the audit log as a list (newest first), read through the services; / filters it, j/k scroll. */
import {auditText} from '../../domain/audit-entry.js';
import type {PaneCommand} from '../keymap/commands.js';
import {errorText, sayer, type Act} from './input-context.js';

const showAudit: Act = context => {
	const say = sayer(context);
	const read = context.services.readAudit;
	if (!read) {
		say('No audit log here.');
		return;
	}

	read().then(
		reading => {
			const note = [
				...reading.problems,
				...(reading.unreadable > 0 ? [`${reading.unreadable} line${reading.unreadable === 1 ? ' is' : 's are'} not audit entries`] : []),
			].join('; ');
			const lines = reading.entries.map(entry => auditText(entry)).reverse();
			context.dispatch({type: 'open-dialog', dialog: {type: 'audit', lines, filter: '', filterEditing: false, offset: 0, ...(note ? {note} : {})}});
		},
		(error: unknown) => say(`The audit log could not be read: ${errorText(error)}`, 'error'),
	);
};

export const auditCommands = {'show-audit': showAudit} satisfies Record<Extract<PaneCommand, 'show-audit'>, Act>;

/** The lines the audit dialog shows for its filter (case-insensitive, anywhere in the line). */
export function auditLinesShown(lines: readonly string[], filter: string): string[] {
	const needle = filter.trim().toLowerCase();
	return needle === '' ? [...lines] : lines.filter(line => line.toLowerCase().includes(needle));
}
