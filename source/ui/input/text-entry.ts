/**
 * Text entry: the node filter, the log search, a form field and the API key
 * dialog. Printable characters are typed; Enter, Esc, Backspace and the few
 * other bound keys end or edit the text. A pasted or coalesced chunk is taken
 * in one go.
 */
import type {TextContext} from '../keymap/bindings.js';
import type {TextCommand} from '../keymap/commands.js';
import type {KeyPress} from '../keymap/match.js';
import {saveApiKey} from './config-actions.js';
import {dialogOf, type Act, type CommandContext, type EditKey, type InputContext} from './input-context.js';

/** A text field: its text now, how to change it, how to end it (`keep`: Enter, else Esc). */
type TextField = {
	value: (context: InputContext) => string;
	set: (context: InputContext, value: string) => void;
	end: (context: InputContext, keep: boolean) => void;
};

const fields: Record<TextContext, TextField> = {
	filter: {
		value: context => context.state.filter,
		set: (context, value) => context.dispatch({type: 'filter-input', value}),
		end: (context, keep) => context.dispatch({type: 'filter-end', keep}),
	},
	search: {
		value: context => context.state.log.draft ?? '',
		set: (context, value) => context.dispatch({type: 'log-search-input', value}),
		end: (context, keep) => context.dispatch({type: 'log-search-end', keep}),
	},
	field: {
		value: context => context.state.form?.draft ?? '',
		set: (context, value) => context.dispatch({type: 'form-edit-input', value}),
		end: (context, keep) => context.dispatch({type: 'form-edit-end', keep}),
	},
	'api-key': {
		value: context => dialogOf(context, 'api-key')?.draft ?? '',
		set(context, draft) {
			const dialog = dialogOf(context, 'api-key');
			if (dialog) {
				context.dispatch({type: 'open-dialog', dialog: {...dialog, draft}});
			}
		},
		end(context, keep) {
			const dialog = dialogOf(context, 'api-key');
			context.dispatch({type: 'close-dialog'});
			if (keep && dialog) {
				saveApiKey(dialog, context);
			}
		},
	},
	'audit-filter': {
		value: context => dialogOf(context, 'audit')?.filter ?? '',
		set(context, filter) {
			const dialog = dialogOf(context, 'audit');
			if (dialog) {
				context.dispatch({type: 'open-dialog', dialog: {...dialog, filter, offset: 0}});
			}
		},
		// Enter keeps the filter, Esc clears it; the list stays open either way.
		end(context, keep) {
			const dialog = dialogOf(context, 'audit');
			if (dialog) {
				context.dispatch({type: 'open-dialog', dialog: {...dialog, filterEditing: false, ...(keep ? {} : {filter: '', offset: 0})}});
			}
		},
	},
};

const isText = (where: string): where is TextContext => where in fields;

/** A handler for the text field keys are read in now. */
function inField(run: (field: TextField, context: CommandContext) => void): Act {
	return context => {
		if (isText(context.where)) {
			run(fields[context.where], context);
		}
	};
}

export const textKeys: Record<TextCommand, Act> = {
	submit: inField((field, context) => field.end(context, true)),
	'cancel-text': inField((field, context) => field.end(context, false)),
	erase: inField((field, context) => field.set(context, field.value(context).slice(0, -1))),
	'clear-line': inField((field, context) => field.set(context, '')),
	'show-key'(context) {
		const dialog = dialogOf(context, 'api-key');
		if (dialog) {
			context.dispatch({type: 'open-dialog', dialog: {...dialog, show: !dialog.show}});
		}
	},
};

// eslint-disable-next-line no-control-regex
const printable = (input: string, key: EditKey) => input.length > 0 && !key.ctrl && !key.meta && !/[\u0000-\u001F\u007F]/.test(input);

/** A key no binding took, in a text field: typed when it is printable, else ignored. */
export function typeKey(input: string, key: EditKey, context: InputContext, where: TextContext): void {
	if (printable(input, key)) {
		fields[where].set(context, fields[where].value(context) + input);
	}
}

/**
 * A pasted or coalesced chunk in a text field: printable text at once, Enter/Esc/Backspace as keys.
 * Returns what follows the Enter or Esc that ended the field (`name\re`: the `e`), for the caller to
 * route as keys: they were typed after the field closed.
 */
export function editChunk(chunk: string, context: InputContext): string {
	const stop = chunk.search(/[\r\n\u001B]/);
	editUntilEnd(chunk, context);
	return stop < 0 ? '' : chunk.slice(stop + 1);
}

/** The text of a chunk up to the first Enter or Esc, then that key. */
function editUntilEnd(chunk: string, context: InputContext): void {
	const {state, dispatch} = context;
	if (state.dialog?.type === 'audit') {
		// One dispatch with the end result: the dialog in `context` does not see the ones before.
		let filter = state.dialog.filter;
		let filterEditing = true;
		for (const char of chunk) {
			if (char === '\r' || char === '\n' || char === '\u001B') {
				filterEditing = false;
				filter = char === '\u001B' ? '' : filter;
				break;
			}

			filter = char === '\u007F' || char === '\b' ? filter.slice(0, -1) : char >= ' ' ? filter + char : filter;
		}

		dispatch({type: 'open-dialog', dialog: {...state.dialog, filter, filterEditing, offset: 0}});
		return;
	}

	if (state.form?.draft !== undefined || state.dialog?.type === 'api-key') {
		// The form and the key dialog: the text up to Enter or Esc in one go, then that key.
		const stop = chunk.search(/[\r\n\u001B]/);
		const typed = [...(stop < 0 ? chunk : chunk.slice(0, stop))].filter(char => char >= ' ' && char !== '\u007F').join('');
		const end: KeyPress | undefined = stop < 0 ? undefined : chunk[stop] === '\u001B' ? {escape: true} : {return: true};
		if (state.form?.draft !== undefined) {
			dispatch({type: 'form-edit-input', value: state.form.draft + typed});
			if (end) {
				dispatch({type: 'form-edit-end', keep: !end.escape});
			}
		} else if (state.dialog?.type === 'api-key') {
			const dialog = {...state.dialog, draft: state.dialog.draft + typed};
			dispatch({type: 'open-dialog', dialog});
			if (end) {
				dispatch({type: 'close-dialog'});
				if (end.return) {
					saveApiKey(dialog, context);
				}
			}
		}

		return;
	}

	const search = state.log.draft !== undefined;
	let value = search ? (state.log.draft ?? '') : state.filter;
	const set = () => dispatch(search ? {type: 'log-search-input', value} : {type: 'filter-input', value});
	for (const char of chunk) {
		if (char === '\r' || char === '\n' || char === '\u001B') {
			set();
			const keep = char !== '\u001B';
			dispatch(search ? {type: 'log-search-end', keep} : {type: 'filter-end', keep});
			return;
		}

		if (char === '\u007F' || char === '\b') {
			value = value.slice(0, -1);
		} else if (char >= ' ') {
			value += char;
		}
	}

	set();
}
