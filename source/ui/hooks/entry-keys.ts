/**
 * Keys of text entry (the node filter, the log search, pasted or coalesced
 * chunks) and of the node dialogs (confirm, remove, help, error).
 */
import type {Dialog} from '../../state/app-state.js';
import type {KeyPress} from '../keymap/match.js';
import {configDialogKey} from './config-keys.js';
import type {InputContext} from './use-app-input.js';

/** One character of a coalesced chunk as Ink would have reported it alone. */
export function singleKey(char: string): [string, KeyPress] {
	switch (char) {
		case '\t': {
			return ['', {tab: true}];
		}

		case '\r':
		case '\n': {
			return ['', {return: true}];
		}

		case '\u001B': {
			return ['', {escape: true}];
		}

		default: {
			return [char, /[A-Z]/.test(char) ? {shift: true} : {}];
		}
	}
}

const isNo = (input: string, key: KeyPress) => input === 'n' || input === 'N' || input === 'q' || Boolean(key.escape) || Boolean(key.return);

/** Dialog keys: the safe answer is the default (Enter, Esc, n all cancel). */
export function dialogKey(dialog: Dialog, input: string, key: KeyPress, context: InputContext): void {
	const close = () => context.dispatch({type: 'close-dialog'});
	switch (dialog.type) {
		case 'confirm': {
			if (input === 'y' || input === 'Y') {
				close();
				context.actions[dialog.action](dialog.target);
			} else if (isNo(input, key)) {
				close();
			}

			return;
		}

		case 'remove': {
			if (input === 'c' || input === 'v') {
				close();
				context.actions.remove(dialog.target, input === 'v');
			} else if (isNo(input, key)) {
				close();
			}

			return;
		}

		case 'help': {
			if (input === 'j' || key.downArrow) {
				context.dispatch({type: 'open-dialog', dialog: {type: 'help', offset: dialog.offset + 1}});
			} else if (input === 'k' || key.upArrow) {
				context.dispatch({type: 'open-dialog', dialog: {type: 'help', offset: Math.max(0, dialog.offset - 1)}});
			} else if (input === '?' || key.escape || key.return || input === 'q') {
				close();
			}

			return;
		}

		case 'error': {
			if (key.escape || key.return || input === 'q') {
				close();
			}
		}
	}
}

type EditKey = KeyPress & {backspace?: boolean; delete?: boolean};

/** Line editing shared by the node filter and the log search: the new text, or done/cancel. */
function editText(value: string, input: string, key: EditKey): string | 'done' | 'cancel' | undefined {
	if (key.return) {
		return 'done';
	}

	if (key.escape) {
		return 'cancel';
	}

	if (key.backspace || key.delete) {
		return value.slice(0, -1);
	}

	// eslint-disable-next-line no-control-regex
	return input && !key.ctrl && !key.meta && !/[\u0000-\u001F]/.test(input) ? value + input : undefined;
}

/** Typing into the filter: text narrows the table as it is typed; Enter keeps it, Esc clears it. */
export function filterKey(input: string, key: EditKey, context: InputContext): void {
	const edit = editText(context.state.filter, input, key);
	if (edit === 'done' || edit === 'cancel') {
		context.dispatch({type: 'filter-end', keep: edit === 'done'});
	} else if (edit !== undefined) {
		context.dispatch({type: 'filter-input', value: edit});
	}
}

/** A pasted or coalesced chunk in a text field: printable text at once, Enter/Esc/Backspace as keys. */
export function editChunk(chunk: string, context: InputContext): void {
	const {state, dispatch} = context;
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
				configDialogKey(dialog, '', end, context);
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

/** Typing the log search: Enter keeps it (and jumps to the first match), Esc cancels. */
export function searchKey(input: string, key: EditKey, context: InputContext): void {
	const edit = editText(context.state.log.draft ?? '', input, key);
	if (edit === 'done' || edit === 'cancel') {
		context.dispatch({type: 'log-search-end', keep: edit === 'done'});
	} else if (edit !== undefined) {
		context.dispatch({type: 'log-search-input', value: edit});
	}
}
