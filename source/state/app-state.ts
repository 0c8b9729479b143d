/** What the screen shows apart from the data itself: focus, dialogs, selection, messages. */
import type {Scope} from '../domain/node-config.js';
import type {Leftover} from '../domain/node-world.js';
import type {NodeForm} from './form-state.js';
import {initialLogView, type LogViewState} from './log-state.js';

export type Pane = 'table' | 'detail';
export type DetailMode = 'inspector' | 'logs';
export type InspectorTab = 'spec' | 'config' | 'container' | 'mounts' | 'env' | 'labels' | 'runs';

export const inspectorTabs: readonly InspectorTab[] = ['spec', 'config', 'container', 'mounts', 'env', 'labels', 'runs'];

export const inspectorTabTitles: Record<InspectorTab, string> = {
	spec: 'Spec check',
	config: 'Config',
	container: 'Container',
	mounts: 'Mounts',
	env: 'Env',
	labels: 'Labels',
	runs: 'Runs',
};

/** A node action while it runs; the row shows it. */
export type PendingAction = 'starting' | 'stopping' | 'restarting' | 'removing' | 'cleaning';

/** Who an action is for. */
/** `host`: the node's host in a fleet (its actions go there). */
export type NodeTarget = {key: string; name: string; scope: Scope; host?: string};

/** Whose leftovers `c` removes: a row of a node name, with its scope when it has one (a `(no config)` row has none). */
export type CleanTarget = {key: string; name: string; scope?: Scope; host?: string};

export type Dialog =
	| {type: 'help'; offset: number}
	| {type: 'confirm'; action: 'stop' | 'restart'; target: NodeTarget; commandLine: string; reason?: string}
	| {type: 'delete-config'; target: NodeTarget}
	| {type: 'api-key'; target: NodeTarget; draft: string; show: boolean; running: boolean}
	/** `lines` masked, `plain` with secrets; `reveal` (v) picks plain. Both are screen-safe already. */
	| {type: 'raw-config'; title: string; lines: string[]; plain: string[]; reveal: boolean; offset: number}
	| {type: 'remove'; target: NodeTarget; volumes: string[]; commandLine: string}
	| {type: 'error'; title: string; lines: string[]}
	/** `items`: exactly what `c` removes (the clean plan), in removal order; `offset` scrolls the list. */
	| {type: 'clean'; target: CleanTarget; items: Leftover[]; offset: number}
	/** A: the audit log, newest first; `filter` narrows it (typed after `/`). `note`: what could not be read. */
	| {type: 'audit'; lines: string[]; filter: string; filterEditing: boolean; offset: number; note?: string};

export type StatusMessage = {kind: 'info' | 'warn' | 'error'; text: string; id: number};

export type AppState = {
	focus: Pane;
	detailMode: DetailMode;
	inspectorTab: InspectorTab;
	selectedKey?: string;
	filter: string;
	filterEditing: boolean;
	dialog?: Dialog;
	status?: StatusMessage;
	/** How many status messages were shown: the next one's id is this plus one (ids never repeat). */
	statusCount: number;
	pending: Readonly<Record<string, PendingAction>>;
	/** Secrets are shown for this node key only, until the selection moves. */
	revealedKey?: string;
	/** Scroll offset of the inspector's text. */
	detailScroll: number;
	log: LogViewState;
	/** The node form, while it is open (n: new, e: edit). */
	form?: NodeForm;
	/** The cursor in the Runs tab's list (the node's runs, then its helpers). */
	runCursor: number;
	/** A run or helper container opened from the Runs tab: the log and the inspector show it until Esc. */
	openRun?: {nodeKey: string; id: string};
	/** Run containers the operator has opened: a failed run no longer marks its node's row once seen. */
	seenRuns: readonly string[];
};

export const initialAppState: AppState = {
	focus: 'table',
	detailMode: 'inspector',
	inspectorTab: 'spec',
	filter: '',
	filterEditing: false,
	statusCount: 0,
	pending: {},
	detailScroll: 0,
	log: initialLogView,
	runCursor: 0,
	seenRuns: [],
};
