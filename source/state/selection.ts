import type {NodeRow} from '../domain/node-row.js';
import type {AppState} from './app-state.js';
import {logReducer} from './log-state.js';

/** The state with a selection that exists in these rows: the stored one, else the first row. */
export function withValidSelection(state: AppState, rows: readonly NodeRow[]): AppState {
	if (state.selectedKey && rows.some(row => row.key === state.selectedKey)) {
		return state;
	}

	const selectedKey = rows[0]?.key;
	return selectedKey === state.selectedKey ? state : {...state, selectedKey, revealedKey: undefined, detailScroll: 0, runCursor: 0, openRun: undefined, log: logReducer(state.log, {type: 'log-reset'})};
}
