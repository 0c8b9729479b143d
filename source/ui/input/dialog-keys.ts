/**
 * Answers and moves inside the dialogs (confirm, remove, delete config, help,
 * read-only config, error). The safe answer is the default: Enter and Esc cancel.
 */
import type {DialogCommand} from '../keymap/commands.js';
import {deleteConfig} from './config-actions.js';
import {dialogOf, type Act, type CommandContext} from './input-context.js';

const close = (context: CommandContext) => context.dispatch({type: 'close-dialog'});

function removeAnswer(withVolumes: boolean): Act {
	return context => {
		const dialog = dialogOf(context, 'remove');
		if (dialog) {
			close(context);
			context.actions.remove(dialog.target, withVolumes);
		}
	};
}

function deleteAnswer(withVolumes: boolean): Act {
	return context => {
		const dialog = dialogOf(context, 'delete-config');
		if (dialog) {
			close(context);
			deleteConfig(dialog.target, withVolumes, context);
		}
	};
}

function scroll(delta: 1 | -1): Act {
	return context => {
		const help = dialogOf(context, 'help');
		const raw = dialogOf(context, 'raw-config');
		const clean = dialogOf(context, 'clean');
		if (clean) {
			context.dispatch({type: 'open-dialog', dialog: {...clean, offset: Math.max(0, Math.min(clean.items.length - 1, clean.offset + delta))}});
			return;
		}

		const audit = dialogOf(context, 'audit');
		if (audit) {
			context.dispatch({type: 'open-dialog', dialog: {...audit, offset: Math.max(0, audit.offset + delta)}});
		} else if (help) {
			context.dispatch({type: 'open-dialog', dialog: {...help, offset: Math.max(0, help.offset + delta)}});
		} else if (raw) {
			context.dispatch({type: 'open-dialog', dialog: {...raw, offset: Math.max(0, Math.min(raw.lines.length - 1, raw.offset + delta))}});
		}
	};
}

export const dialogKeys: Record<DialogCommand, Act> = {
	'confirm-action'(context) {
		const dialog = dialogOf(context, 'confirm');
		if (dialog) {
			close(context);
			context.actions[dialog.action](dialog.target);
		}
	},
	'confirm-clean'(context) {
		const dialog = dialogOf(context, 'clean');
		if (dialog) {
			close(context);
			context.actions.clean(dialog.target, dialog.items);
		}
	},
	cancel: close,
	'remove-container': removeAnswer(false),
	'remove-with-volumes': removeAnswer(true),
	'delete-keep-volumes': deleteAnswer(false),
	'delete-with-volumes': deleteAnswer(true),
	'scroll-down': scroll(1),
	'scroll-up': scroll(-1),
	'show-secrets'(context) {
		const dialog = dialogOf(context, 'raw-config');
		if (dialog) {
			context.dispatch({type: 'open-dialog', dialog: {...dialog, reveal: !dialog.reveal}});
		}
	},
	'audit-filter'(context) {
		const dialog = dialogOf(context, 'audit');
		if (dialog) {
			context.dispatch({type: 'open-dialog', dialog: {...dialog, filterEditing: true}});
		}
	},
	close,
};
