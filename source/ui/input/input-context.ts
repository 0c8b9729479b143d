/**
 * What every key handler gets: the state as it is now, dispatch, the rows on
 * screen, the node actions and the numbers of the panes. Types and three
 * small readers of it; no behaviour.
 */
import type {Dispatch} from 'react';
import type {NodeRow} from '../../domain/node-row.js';
import type {RunItem} from '../../domain/run-items.js';
import type {AppAction} from '../../state/app-reducer.js';
import type {AppState, Dialog, NodeTarget} from '../../state/app-state.js';
import type {InputWhere} from '../keymap/bindings.js';
import type {KeyPress} from '../keymap/match.js';
import type {NodeActions} from '../hooks/use-node-actions.js';
import type {AppServices} from '../services.js';

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
	/** Items (runs, then helpers) in the selected node's Runs tab. */
	runCount: number;
	/** A run is opened: the inspector and the log show it. */
	runOpen: boolean;
	/** The opened run or helper (`E` opens its shell instead of the node's). */
	openRun?: Pick<RunItem, 'container' | 'id' | 'state'>;
	/** The log pane's numbers for scrolling, searching and saving. */
	log: {shown: number; matchPositions: readonly number[]; bodyHeight: number; lines: () => string[]; nodeName?: string};
	saveLog: (nodeName: string, lines: readonly string[]) => Promise<string>;
	services: Pick<AppServices, 'configs' | 'shell' | 'readOnly' | 'readAudit'>;
	/** Lists the nodes again now (after a config was written). */
	refresh: () => Promise<void>;
	exit: () => void;
};

/** A key press as Ink reports it, with the editing keys. */
export type EditKey = KeyPress & {backspace?: boolean; delete?: boolean};

/** The context of one command: the input context and where the key was read. */
export type CommandContext = InputContext & {where: InputWhere};

/** A command that acts at once. */
export type Act = (context: CommandContext) => void;

/** A dangerous command: checks, says why not, or names the confirmation the dispatcher opens. */
export type Ask = (context: CommandContext) => Dialog | undefined;

export type Say = (text: string, kind?: 'info' | 'warn' | 'error') => void;

/** A status-line message; `fallback` is the kind when none is given. */
export function sayer(context: InputContext, fallback: 'info' | 'warn' = 'warn'): Say {
	return (text, kind = fallback) => context.dispatch({type: 'status', message: {kind, text}});
}

/** The row under the selection, and whom an action on it is for (none without a scope label). */
export function selection(context: InputContext): {row?: NodeRow; target?: NodeTarget} {
	const row = context.rows.find(candidate => candidate.key === context.state.selectedKey);
	return {...(row ? {row} : {}), ...(row?.scope ? {target: {key: row.key, name: row.name, scope: row.scope, ...(row.host ? {host: row.host} : {})}} : {})};
}

/** Says why this user may not act on the row (a system node without root), before anything is tried; true when it may. */
export function mayActOn(row: NodeRow, say: Say): boolean {
	if (row.hostDown !== undefined) {
		say(`${row.name}: ${row.host ?? 'its host'} is unreachable (${row.hostDown}); it is retried by itself. Nothing was done.`, 'error');
		return false;
	}

	if (row.needsRoot) {
		say(`${row.name} needs root: run 'sudo vnode-tui' (${row.needsRoot}). Nothing was done.`, 'error');
		return false;
	}

	return true;
}

/** The open dialog when it is of this type. */
export function dialogOf<T extends Dialog['type']>(context: InputContext, type: T): Extract<Dialog, {type: T}> | undefined {
	const {dialog} = context.state;
	return dialog?.type === type ? (dialog as Extract<Dialog, {type: T}>) : undefined;
}

/** A message of a failed promise. */
export function errorText(error: unknown): string {
	return String((error as Error)?.message ?? error);
}
