/** Where keys are read now: the open dialog, the form, a text field, or a pane. */
import type {AppState} from '../../state/app-state.js';
import type {InputWhere, PaneContext} from '../keymap/bindings.js';

/** Which pane's bindings apply when no dialog, form or text field takes the keys. */
export function paneContext(state: AppState): PaneContext {
	if (state.log.fullScreen) {
		return 'log';
	}

	if (state.focus === 'table') {
		return 'table';
	}

	return state.detailMode === 'logs' ? 'log' : 'detail';
}

/** The one context whose bindings apply now, in the order the keys were always routed: dialog, form, filter, search, pane. */
export function keyContextOf(state: AppState): InputWhere {
	if (state.dialog) {
		return state.dialog.type === 'audit' && state.dialog.filterEditing ? 'audit-filter' : state.dialog.type;
	}

	if (state.form) {
		return state.form.draft !== undefined ? 'field' : state.form.conflict ? 'form-conflict' : state.form.confirmDiscard ? 'form-discard' : 'form';
	}

	if (state.filterEditing) {
		return 'filter';
	}

	if (state.log.draft !== undefined) {
		return 'search';
	}

	return paneContext(state);
}
