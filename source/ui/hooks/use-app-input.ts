/**
 * The one listener for keys outside dialogs and the filter field: a key
 * becomes a command (keymap), a command becomes a state change or a node
 * action. Dangerous commands open a confirmation instead of acting.
 */
import {useInput} from 'ink';
import {useCallback, useRef, type Dispatch} from 'react';
import type {NodeRow} from '../../domain/node-row.js';
import {containerNameOf, volumeNamesOf} from '../../domain/node-spec.js';
import {appReducer, type AppAction} from '../../state/app-reducer.js';
import type {AppState, Dialog, NodeTarget} from '../../state/app-state.js';
import type {LogRange} from '../../state/log-state.js';
import type {Command} from '../keymap/commands.js';
import {matchCommand, type KeyPress, type PaneContext} from '../keymap/match.js';
import type {NodeActions} from './use-node-actions.js';
import type {AppServices} from '../services.js';
import {configCommand, configDialogKey, formKey} from './config-keys.js';
import {dialogKey, editChunk, filterKey, searchKey, singleKey} from './entry-keys.js';

export type InputContext = {
	state: AppState;
	dispatch: Dispatch<AppAction>;
	rows: NodeRow[];
	actions: NodeActions;
	hostEnv: Readonly<Record<string, string | undefined>>;
	/** Rows of the table body and of the detail body, for paging. */
	tablePage: number;
	detailPage: number;
	/** Largest scroll offset of the inspector's current content. */
	detailMax: number;
	/** The log pane's numbers for scrolling, searching and saving. */
	log: {shown: number; matchPositions: readonly number[]; bodyHeight: number; lines: () => string[]; nodeName?: string};
	saveLog: (nodeName: string, lines: readonly string[]) => Promise<string>;
	services: Pick<AppServices, 'configs'>;
	/** Lists the nodes again now (after a config was written). */
	refresh: () => Promise<void>;
	exit: () => void;
};

/** Which bindings apply now. */
export function paneContext(state: AppState): PaneContext {
	if (state.log.fullScreen) {
		return 'log';
	}

	if (state.focus === 'table') {
		return 'table';
	}

	return state.detailMode === 'logs' ? 'log' : 'detail';
}

/**
 * Every key goes through this one handler, subscribed once: Ink re-subscribes a
 * changed handler in an effect, after the frame is on screen, so a key typed in
 * between would reach the previous render's state or a dialog not yet
 * listening. The handler reads the latest state and routes by it.
 */
export function useAppInput(context: InputContext): void {
	const latest = useRef(context);
	// Dispatches also update the state this handler reads, at once: the keys of one chunk
	// ("n" closing a dialog, then "x") each see the state the previous one left.
	const tracked = useCallback((action: AppAction) => {
		latest.current = {...latest.current, state: appReducer(latest.current.state, action)};
		context.dispatch(action);
	}, [context.dispatch]);
	latest.current = {...context, dispatch: tracked};
	const handler = useCallback((input: string, key: KeyPress & {backspace?: boolean; delete?: boolean}) => {
		// Keys typed quickly over a slow SSH link can arrive as one chunk ("jj", "l\t"); Ink hands
		// that over as one input. Outside text fields, take it key by key.
		const {form, dialog} = latest.current.state;
		const editing = latest.current.state.filterEditing || latest.current.state.log.draft !== undefined || form?.draft !== undefined || dialog?.type === 'api-key';
		if (input.length > 1 && !key.ctrl && !key.meta) {
			if (editing) {
				editChunk(input, latest.current);
				return;
			}

			const chars = [...input];
			for (const [index, char] of chars.entries()) {
				const command = matchCommand(...singleKey(char), paneContext(latest.current.state));
				handler(...singleKey(char));
				// A key that opens a text field takes the rest of the chunk as its text.
				if (command === 'filter' || command === 'log-search') {
					const rest = chars.slice(index + 1).join('');
					const state = command === 'filter' ? {...latest.current.state, filterEditing: true} : {...latest.current.state, log: {...latest.current.state.log, draft: latest.current.state.log.query}};
					if (rest) {
						editChunk(rest, {...latest.current, state});
					}

					return;
				}
			}

			return;
		}

		const current = latest.current;
		if (current.state.dialog) {
			if (!configDialogKey(current.state.dialog, input, key, current)) {
				dialogKey(current.state.dialog, input, key, current);
			}

			return;
		}

		if (current.state.form) {
			formKey(current.state.form, input, key, current);
			return;
		}

		if (current.state.filterEditing) {
			filterKey(input, key, current);
			return;
		}

		if (current.state.log.draft !== undefined) {
			searchKey(input, key, current);
			return;
		}

		const command = matchCommand(input, key, paneContext(current.state));
		if (command) {
			runCommand(command, current);
		}
	}, []);
	useInput(handler);
}

function targetOf(row: NodeRow | undefined): NodeTarget | undefined {
	return row?.scope ? {key: row.key, name: row.name, scope: row.scope} : undefined;
}

export function runCommand(command: Command, context: InputContext): void {
	const {state, dispatch, rows} = context;
	const keys = rows.map(row => row.key);
	const row = rows.find(candidate => candidate.key === state.selectedKey);
	const target = targetOf(row);
	const say = (text: string, kind: 'info' | 'warn' | 'error' = 'warn') => dispatch({type: 'status', message: {kind, text}});
	const inTable = state.focus === 'table' && !state.log.fullScreen;
	const inLog = paneContext(state) === 'log';
	const {shown, bodyHeight} = context.log;
	const scroll = (delta: number) =>
		dispatch(inLog ? {type: 'log-scroll', delta, shown, height: bodyHeight} : {type: 'detail-scroll', delta, max: context.detailMax});

	switch (command) {
		case 'quit': {
			context.exit();
			return;
		}

		case 'help': {
			dispatch({type: 'open-dialog', dialog: {type: 'help', offset: 0}});
			return;
		}

		case 'focus-next': {
			dispatch({type: 'focus'});
			return;
		}

		case 'back': {
			if (state.log.fullScreen) {
				dispatch({type: 'log-toggle', option: 'fullScreen'});
			} else if (state.log.query && inLog) {
				dispatch({type: 'log-search-input', value: ''});
				dispatch({type: 'log-search-end', keep: true});
			} else if (state.filter) {
				dispatch({type: 'filter-end', keep: false});
			} else if (!inTable) {
				dispatch({type: 'focus', pane: 'table'});
			}

			return;
		}

		case 'up':
		case 'down': {
			const delta = command === 'up' ? -1 : 1;
			if (inTable && !inLog) {
				dispatch({type: 'move', delta, keys});
			} else {
				scroll(delta);
			}

			return;
		}

		case 'page-up':
		case 'page-down': {
			const sign = command === 'page-up' ? -1 : 1;
			if (inTable && !inLog) {
				dispatch({type: 'move', delta: sign * context.tablePage, keys});
			} else {
				scroll(sign * (inLog ? bodyHeight : context.detailPage));
			}

			return;
		}

		case 'top':
		case 'bottom': {
			const edge = command === 'top' ? 'first' : 'last';
			dispatch(
				inLog
					? {type: 'log-scroll-to', edge, shown, height: bodyHeight}
					: inTable
						? {type: 'move-to', edge, keys}
						: {type: 'detail-scroll-to', edge, max: context.detailMax},
			);
			return;
		}

		case 'open': {
			dispatch({type: 'focus', pane: 'detail'});
			return;
		}

		case 'filter': {
			dispatch({type: 'filter-start'});
			return;
		}

		case 'show-logs':
		case 'show-inspector': {
			dispatch({type: 'detail-mode', mode: command === 'show-logs' ? 'logs' : 'inspector'});
			return;
		}

		case 'next-tab':
		case 'prev-tab': {
			dispatch({type: 'tab', delta: command === 'next-tab' ? 1 : -1});
			return;
		}

		case 'reveal': {
			dispatch({type: 'toggle-reveal'});
			return;
		}

		case 'follow': {
			dispatch({type: 'log-follow'});
			return;
		}

		case 'log-search': {
			dispatch({type: 'log-search-start'});
			return;
		}

		case 'next-match':
		case 'prev-match': {
			if (context.log.matchPositions.length === 0) {
				say(state.log.query ? `No line matches "${state.log.query}".` : 'No search: press / first.', 'info');
			} else {
				dispatch({type: 'log-next-match', direction: command === 'next-match' ? 1 : -1, matches: context.log.matchPositions, shown, height: bodyHeight});
			}

			return;
		}

		case 'filter-matches':
		case 'timestamps':
		case 'wrap': {
			const option = command === 'filter-matches' ? 'filterOnly' : command;
			dispatch({type: 'log-toggle', option});
			return;
		}

		case 'range-all':
		case 'range-tail':
		case 'range-1m':
		case 'range-5m':
		case 'range-15m':
		case 'range-1h': {
			const range = command === 'range-all' ? 'all' : command === 'range-tail' ? 'tail200' : command.slice('range-'.length);
			dispatch({type: 'log-range', range: range as LogRange});
			return;
		}

		case 'full-screen': {
			if (!state.log.fullScreen) {
				dispatch({type: 'detail-mode', mode: 'logs'});
			}

			dispatch({type: 'log-toggle', option: 'fullScreen'});
			return;
		}

		case 'save-log': {
			const lines = context.log.lines();
			const name = context.log.nodeName;
			if (!name) {
				say('No node selected.');
				return;
			}

			if (lines.length === 0) {
				say(`The log of ${name} holds no lines yet; nothing saved.`, 'info');
				return;
			}

			context.saveLog(name, lines).then(
				path => say(`Saved ${lines.length} lines of ${name} to ${path}`, 'info'),
				(error: unknown) => say(`Could not save the log: ${error instanceof Error ? error.message : String(error)}`, 'error'),
			);
			return;
		}

		case 'new-node':
		case 'edit-node':
		case 'delete-config':
		case 'rotate-key': {
			configCommand(command, row, target, context, say);
			return;
		}

		default: {
			nodeCommand(command, row, target, context, say);
		}
	}
}

function nodeCommand(
	command: 'start' | 'stop' | 'restart' | 'remove',
	row: NodeRow | undefined,
	target: NodeTarget | undefined,
	context: InputContext,
	say: (text: string, kind?: 'info' | 'warn' | 'error') => void,
): void {
	if (!row || !target) {
		say(row ? `${row.name}: its container has no scope label; manage it with docker.` : 'No node selected.');
		return;
	}

	if (context.state.pending[row.key]) {
		say(`${row.name} is busy: ${context.state.pending[row.key]}.`);
		return;
	}

	const flag = `--${target.scope}`;
	const running = row.status === 'running';
	switch (command) {
		case 'start': {
			if (running) {
				say(`${row.name} is already running.`, 'info');
			} else if (!row.configPath) {
				say(`${row.name} has no config on disk; vnode-tui cannot start it.`);
			} else if (row.problems.length > 0) {
				say(`${row.name}: the config is not valid (see the inspector); nothing was started.`, 'error');
			} else {
				context.actions.start(target);
			}

			return;
		}

		case 'stop':
		case 'restart': {
			if (!running) {
				say(`${row.name} is not running.`, 'info');
			} else if (command === 'restart' && row.problems.length > 0) {
				say(`${row.name}: the config is not valid; a restart would leave it stopped. Nothing was done.`, 'error');
			} else {
				const commandLine = `v6 node ${command} --name ${target.name} ${flag}`;
				context.dispatch({type: 'open-dialog', dialog: {type: 'confirm', action: command, target, commandLine}});
			}

			return;
		}

		case 'remove': {
			if (!row.container) {
				say(`${row.name} has no container to remove.`, 'info');
			} else if (running) {
				say(`${row.name} is running; stop it first (x).`);
			} else {
				const volumes = Object.values(volumeNamesOf(target.name, target.scope, context.hostEnv));
				const commandLine = `docker rm ${containerNameOf(target.name, target.scope)} [&& docker volume rm ${volumes.join(' ')}]`;
				context.dispatch({type: 'open-dialog', dialog: {type: 'remove', target, volumes, commandLine}});
			}
		}
	}
}
