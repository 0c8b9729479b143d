/**
 * The app's pure state transitions. Row keys are passed in with the actions
 * that need them, so the reducer never holds a second copy of the node list.
 */
import {inspectorTabs, type AppState, type DetailMode, type Dialog, type PendingAction, type StatusMessage} from './app-state.js';
import {formReducer, type FormAction, type NodeForm} from './form-state.js';
import {logReducer, type LogAction} from './log-state.js';

export type AppAction =
	| {type: 'move'; delta: number; keys: readonly string[]}
	| {type: 'move-to'; edge: 'first' | 'last'; keys: readonly string[]}
	| {type: 'keep-selection'; keys: readonly string[]}
	| {type: 'select'; key: string}
	| {type: 'focus'; pane?: AppState['focus']}
	| {type: 'detail-mode'; mode: DetailMode}
	| {type: 'tab'; delta: number}
	| {type: 'detail-scroll'; delta: number; max: number}
	| {type: 'detail-scroll-to'; edge: 'first' | 'last'; max: number}
	| LogAction
	| FormAction
	| {type: 'form-open'; form: NodeForm}
	| {type: 'form-close'}
	| {type: 'filter-start'}
	| {type: 'filter-input'; value: string}
	| {type: 'filter-end'; keep: boolean}
	| {type: 'toggle-reveal'}
	| {type: 'open-dialog'; dialog: Dialog}
	| {type: 'close-dialog'}
	| {type: 'status'; message: Omit<StatusMessage, 'id'>}
	| {type: 'clear-status'; id: number}
	| {type: 'pending'; key: string; action?: PendingAction}
	/** In the Runs tab: moves the cursor over `count` items, keeping it in a window of `height` lines. */
	| {type: 'run-move'; delta: number; count: number; height: number}
	| {type: 'open-run'; nodeKey: string; id: string}
	| {type: 'close-run'};

/** The line of the Runs tab's first item: a summary line and the column header come first. */
export const runsListTop = 2;
/** Opened runs remembered (container ids); older ones are forgotten first. */
const maxSeenRuns = 1000;

export function appReducer(state: AppState, action: AppAction): AppState {
	switch (action.type) {
		case 'move': {
			// No stored selection means the first row, which is what the screen shows (withValidSelection).
			const index = Math.max(0, action.keys.indexOf(state.selectedKey ?? ''));
			const next = Math.max(0, Math.min(action.keys.length - 1, index + action.delta));
			return select(state, action.keys[next]);
		}

		case 'move-to': {
			return select(state, action.edge === 'first' ? action.keys[0] : action.keys.at(-1));
		}

		case 'keep-selection': {
			// The list changed: keep the selected node if it is still there, else the first one.
			if (state.selectedKey && action.keys.includes(state.selectedKey)) {
				return state;
			}

			return select(state, action.keys[0]);
		}

		case 'select': {
			return select(state, action.key);
		}

		case 'focus': {
			return {...state, focus: action.pane ?? (state.focus === 'table' ? 'detail' : 'table')};
		}

		case 'detail-mode': {
			return {...state, detailMode: action.mode, detailScroll: 0};
		}

		case 'tab': {
			const index = inspectorTabs.indexOf(state.inspectorTab);
			const next = inspectorTabs[(index + action.delta + inspectorTabs.length) % inspectorTabs.length]!;
			return {...state, detailMode: 'inspector', inspectorTab: next, detailScroll: 0};
		}

		case 'detail-scroll': {
			return {...state, detailScroll: Math.max(0, Math.min(action.max, state.detailScroll + action.delta))};
		}

		case 'detail-scroll-to': {
			return {...state, detailScroll: action.edge === 'first' ? 0 : action.max};
		}

		case 'filter-start': {
			return {...state, filterEditing: true, focus: 'table'};
		}

		case 'filter-input': {
			return {...state, filter: action.value};
		}

		case 'filter-end': {
			return {...state, filterEditing: false, filter: action.keep ? state.filter : ''};
		}

		case 'toggle-reveal': {
			return {...state, revealedKey: state.revealedKey === state.selectedKey ? undefined : state.selectedKey};
		}

		case 'open-dialog': {
			return {...state, dialog: action.dialog};
		}

		case 'close-dialog': {
			return {...state, dialog: undefined};
		}

		case 'status': {
			// The id comes from state, so the reducer stays pure: the input router's copy of the state
			// and React's agree on it, and an expiry timer clears only its own message.
			const id = state.statusCount + 1;
			return {...state, statusCount: id, status: {...action.message, id}};
		}

		case 'clear-status': {
			return state.status?.id === action.id ? {...state, status: undefined} : state;
		}

		case 'log-scroll':
		case 'log-scroll-to':
		case 'log-follow':
		case 'log-search-start':
		case 'log-search-input':
		case 'log-search-end':
		case 'log-next-match':
		case 'log-toggle':
		case 'log-range':
		case 'log-reset': {
			return {...state, log: logReducer(state.log, action)};
		}

		case 'form-open': {
			return {...state, form: action.form};
		}

		case 'form-close': {
			return {...state, form: undefined};
		}

		case 'form-move':
		case 'form-edit-start':
		case 'form-edit-input':
		case 'form-edit-end':
		case 'form-cycle':
		case 'form-add-db':
		case 'form-remove-db':
		case 'form-toggle-key':
		case 'form-discard':
		case 'form-saving': {
			return state.form ? {...state, form: formReducer(state.form, action)} : state;
		}

		case 'pending': {
			const {[action.key]: _, ...rest} = state.pending;
			return {...state, pending: action.action ? {...rest, [action.key]: action.action} : rest};
		}

		case 'run-move': {
			const runCursor = Math.max(0, Math.min(action.count - 1, state.runCursor + action.delta));
			// The item's line in the tab; the window moves only as far as it must to show it.
			const line = runsListTop + runCursor;
			// At the first item the summary and the column header come back into view.
			const detailScroll = Math.max(line - Math.max(1, action.height) + 1, Math.min(state.detailScroll, runCursor === 0 ? 0 : line));
			return {...state, runCursor, detailScroll: Math.max(0, detailScroll)};
		}

		case 'open-run': {
			const seen = state.seenRuns.includes(action.id) ? state.seenRuns : [...state.seenRuns, action.id].slice(-maxSeenRuns);
			return {...state, openRun: {nodeKey: action.nodeKey, id: action.id}, seenRuns: seen, detailScroll: 0, log: logReducer(state.log, {type: 'log-reset'})};
		}

		case 'close-run': {
			return state.openRun ? {...state, openRun: undefined, detailScroll: 0, log: logReducer(state.log, {type: 'log-reset'})} : state;
		}
	}
}


function select(state: AppState, key: string | undefined): AppState {
	if (key === state.selectedKey) {
		return state;
	}

	// Leaving a node hides its secrets again and resets the detail pane to its top.
	return {...state, selectedKey: key, revealedKey: undefined, detailScroll: 0, runCursor: 0, openRun: undefined, log: logReducer(state.log, {type: 'log-reset'})};
}
