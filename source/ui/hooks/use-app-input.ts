/**
 * The one listener for keys outside dialogs and the filter field: a key
 * becomes a command (keymap), a command becomes a state change or a node
 * action. Dangerous commands open a confirmation instead of acting.
 */
import {useInput} from 'ink';
import {useCallback, useRef, type Dispatch} from 'react';
import type {NodeRow} from '../../domain/node-row.js';
import {containerNameOf, volumeNamesOf} from '../../domain/node-spec.js';
import type {AppAction} from '../../state/app-reducer.js';
import type {AppState, Dialog, NodeTarget} from '../../state/app-state.js';
import type {Command} from '../keymap/commands.js';
import {matchCommand, type KeyPress} from '../keymap/match.js';
import type {NodeActions} from './use-node-actions.js';

export type InputContext = {
	state: AppState;
	dispatch: Dispatch<AppAction>;
	rows: NodeRow[];
	actions: NodeActions;
	hostEnv: Readonly<Record<string, string | undefined>>;
	/** Rows of the table body and of the detail body, for paging. */
	tablePage: number;
	detailPage: number;
	/** Largest scroll offset of the detail pane's current content. */
	detailMax: number;
	exit: () => void;
};

/**
 * Every key goes through this one handler, subscribed once: Ink re-subscribes a
 * changed handler in an effect, after the frame is on screen, so a key typed in
 * between would reach the previous render's state or a dialog not yet
 * listening. The handler reads the latest state and routes by it.
 */
export function useAppInput(context: InputContext): void {
	const latest = useRef(context);
	latest.current = context;
	const handler = useCallback((input: string, key: KeyPress & {backspace?: boolean; delete?: boolean}) => {
		const current = latest.current;
		if (current.state.dialog) {
			dialogKey(current.state.dialog, input, key, current);
			return;
		}

		if (current.state.filterEditing) {
			filterKey(input, key, current);
			return;
		}

		const command = matchCommand(input, key, current.state.focus);
		if (command) {
			runCommand(command, current);
		}
	}, []);
	useInput(handler);
}

const isNo = (input: string, key: KeyPress) => input === 'n' || input === 'N' || input === 'q' || Boolean(key.escape) || Boolean(key.return);

/** Dialog keys: the safe answer is the default (Enter, Esc, n all cancel). */
function dialogKey(dialog: Dialog, input: string, key: KeyPress, context: InputContext): void {
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

/** Typing into the filter: text narrows the table as it is typed; Enter keeps it, Esc clears it. */
function filterKey(input: string, key: KeyPress & {backspace?: boolean; delete?: boolean}, context: InputContext): void {
	const {filter} = context.state;
	if (key.return) {
		context.dispatch({type: 'filter-end', keep: true});
	} else if (key.escape) {
		context.dispatch({type: 'filter-end', keep: false});
	} else if (key.backspace || key.delete) {
		context.dispatch({type: 'filter-input', value: filter.slice(0, -1)});
	} else if (input && !key.ctrl && !key.meta && !/[\u0000-\u001F]/.test(input)) {
		context.dispatch({type: 'filter-input', value: filter + input});
	}
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
	const inTable = state.focus === 'table';
	const scroll = (delta: number) => dispatch({type: 'detail-scroll', delta: state.detailMode === 'logs' && state.follow ? delta + context.detailMax - state.detailScroll : delta, max: context.detailMax});

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
			if (state.filter) {
				dispatch({type: 'filter-end', keep: false});
			} else if (!inTable) {
				dispatch({type: 'focus', pane: 'table'});
			}

			return;
		}

		case 'up':
		case 'down': {
			const delta = command === 'up' ? -1 : 1;
			if (inTable) {
				dispatch({type: 'move', delta, keys});
			} else {
				scroll(delta);
			}

			return;
		}

		case 'page-up':
		case 'page-down': {
			const sign = command === 'page-up' ? -1 : 1;
			if (inTable) {
				dispatch({type: 'move', delta: sign * context.tablePage, keys});
			} else {
				scroll(sign * context.detailPage);
			}

			return;
		}

		case 'top':
		case 'bottom': {
			const edge = command === 'top' ? 'first' : 'last';
			dispatch(inTable ? {type: 'move-to', edge, keys} : {type: 'detail-scroll-to', edge, max: context.detailMax});
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
			dispatch({type: 'toggle-follow'});
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
