/**
 * Which key does what, where. One table for every context (the panes, each
 * dialog, the form, text entry): the matcher, the hint line, the `?` overlay
 * and the README's key table all read it.
 */
import type {Command} from './commands.js';

/** Named keys as Ink reports them; `input` is the typed character. */
export type NamedKey =
	| 'upArrow'
	| 'downArrow'
	| 'leftArrow'
	| 'rightArrow'
	| 'pageUp'
	| 'pageDown'
	| 'home'
	| 'end'
	| 'return'
	| 'escape'
	| 'tab'
	| 'backspace'
	| 'delete';

/** One key: a typed character or a named key; `shift` unset on a named key means either. */
export type KeySpec = {input?: string; key?: NamedKey; ctrl?: boolean; shift?: boolean};

export type PaneContext = 'table' | 'detail' | 'log';
export type DialogContext = 'confirm' | 'remove' | 'delete-config' | 'clean' | 'raw-config' | 'help' | 'error' | 'audit';
export type FormContext = 'form' | 'form-conflict' | 'form-discard';
/** Where typed characters become text; only named keys and Ctrl combinations are bound there. */
export type TextContext = 'filter' | 'search' | 'field' | 'api-key' | 'audit-filter';

/** Where keys are read right now: exactly one of these at a time. */
export type InputWhere = PaneContext | DialogContext | FormContext | TextContext;

/**
 * Where a binding applies: `panes` is the table, the detail pane and the log (not dialogs, the form
 * or text entry). `detail` is the inspector; the log is its own context.
 */
export type KeyContext = 'panes' | InputWhere;

export type Binding = {command: Command; keys: KeySpec[]; contexts: KeyContext[]; label: string};

export const paneContexts: readonly PaneContext[] = ['table', 'detail', 'log'];
export const textContexts: readonly TextContext[] = ['filter', 'search', 'field', 'api-key', 'audit-filter'];
export const inputContexts: readonly InputWhere[] = [
	...paneContexts,
	'confirm',
	'remove',
	'delete-config',
	'clean',
	'raw-config',
	'help',
	'error',
	'audit',
	'form',
	'form-conflict',
	'form-discard',
	...textContexts,
];

/** Words for a context, in the `?` overlay and the README. */
export const contextTitles: Record<KeyContext, string> = {
	panes: 'anywhere',
	table: 'table',
	detail: 'inspector',
	log: 'log',
	confirm: 'stop/restart dialog',
	remove: 'remove dialog',
	'delete-config': 'delete dialog',
	clean: 'clean dialog',
	'raw-config': 'read-only config',
	help: 'this help',
	error: 'error dialog',
	audit: 'audit log',
	form: 'form',
	'form-conflict': 'form: save conflict',
	'form-discard': 'form: discard?',
	filter: 'filter field',
	search: 'log search field',
	field: 'form text field',
	'api-key': 'API key dialog',
	'audit-filter': 'audit log filter field',
};

const enter: KeySpec = {key: 'return'};
const esc: KeySpec = {key: 'escape'};
const q: KeySpec = {input: 'q'};
const no: KeySpec[] = [{input: 'n'}, {input: 'N'}];
const scrolled = ['table', 'detail', 'log'] as const satisfies KeyContext[];
const detailPanes = ['detail', 'log'] as const satisfies KeyContext[];

export const bindings: Binding[] = [
	{command: 'quit', keys: [q, {input: 'c', ctrl: true}], contexts: ['panes'], label: 'q'},
	{command: 'help', keys: [{input: '?'}], contexts: ['panes'], label: '?'},
	{command: 'focus-next', keys: [{key: 'tab'}], contexts: ['panes'], label: 'Tab'},
	{command: 'back', keys: [esc], contexts: ['panes'], label: 'Esc'},
	{command: 'up', keys: [{input: 'k'}, {key: 'upArrow'}], contexts: [...scrolled], label: 'k/↑'},
	{command: 'down', keys: [{input: 'j'}, {key: 'downArrow'}], contexts: [...scrolled], label: 'j/↓'},
	{command: 'page-up', keys: [{key: 'pageUp'}, {input: 'u', ctrl: true}], contexts: [...scrolled], label: 'PgUp'},
	{command: 'page-down', keys: [{key: 'pageDown'}, {input: 'd', ctrl: true}], contexts: [...scrolled], label: 'PgDn'},
	{command: 'top', keys: [{input: 'g'}, {key: 'home'}], contexts: [...scrolled], label: 'g'},
	{command: 'bottom', keys: [{input: 'G'}, {key: 'end'}], contexts: [...scrolled], label: 'G'},
	{command: 'open', keys: [enter], contexts: ['table'], label: 'Enter'},
	{command: 'filter', keys: [{input: '/'}], contexts: ['table'], label: '/'},
	{command: 'start', keys: [{input: 's'}], contexts: ['panes'], label: 's'},
	{command: 'stop', keys: [{input: 'x'}], contexts: ['panes'], label: 'x'},
	{command: 'restart', keys: [{input: 'r'}], contexts: ['panes'], label: 'r'},
	{command: 'remove', keys: [{input: 'd'}], contexts: ['panes'], label: 'd'},
	{command: 'show-logs', keys: [{input: 'l'}], contexts: ['panes'], label: 'l'},
	{command: 'show-inspector', keys: [{input: 'i'}], contexts: ['panes'], label: 'i'},
	{command: 'next-tab', keys: [{input: ']'}, {key: 'rightArrow'}], contexts: [...detailPanes], label: ']/→'},
	{command: 'prev-tab', keys: [{input: '['}, {key: 'leftArrow'}], contexts: [...detailPanes], label: '[/←'},
	{command: 'reveal', keys: [{input: 'v'}], contexts: [...detailPanes], label: 'v'},
	{command: 'log-search', keys: [{input: '/'}], contexts: ['log'], label: '/'},
	{command: 'next-match', keys: [{input: 'n'}], contexts: ['log'], label: 'n'},
	{command: 'prev-match', keys: [{input: 'N'}], contexts: ['log'], label: 'N'},
	{command: 'filter-matches', keys: [{input: 'F'}], contexts: ['log'], label: 'F'},
	{command: 'follow', keys: [{input: 'f'}], contexts: ['log'], label: 'f'},
	{command: 'timestamps', keys: [{input: 't'}], contexts: ['log'], label: 't'},
	{command: 'wrap', keys: [{input: 'w'}], contexts: ['log'], label: 'w'},
	{command: 'range-all', keys: [{input: '0'}], contexts: ['log'], label: '0'},
	{command: 'range-tail', keys: [{input: '1'}], contexts: ['log'], label: '1'},
	{command: 'range-1m', keys: [{input: '2'}], contexts: ['log'], label: '2'},
	{command: 'range-5m', keys: [{input: '3'}], contexts: ['log'], label: '3'},
	{command: 'range-15m', keys: [{input: '4'}], contexts: ['log'], label: '4'},
	{command: 'range-1h', keys: [{input: '5'}], contexts: ['log'], label: '5'},
	{command: 'save-log', keys: [{input: 'S'}], contexts: ['log'], label: 'S'},
	{command: 'full-screen', keys: [{input: 'z'}], contexts: ['panes'], label: 'z'},
	// In the log, n is the next search match: a new node is made from the table or the inspector.
	{command: 'new-node', keys: [{input: 'n'}], contexts: ['table', 'detail'], label: 'n'},
	{command: 'edit-node', keys: [{input: 'e'}], contexts: ['panes'], label: 'e'},
	{command: 'delete-config', keys: [{input: 'D'}], contexts: ['panes'], label: 'D'},
	{command: 'rotate-key', keys: [{input: 'K'}], contexts: ['panes'], label: 'K'},
	{command: 'open-run', keys: [enter], contexts: ['detail'], label: 'Enter'},
	{command: 'clean', keys: [{input: 'c'}], contexts: ['panes'], label: 'c'},
	{command: 'shell', keys: [{input: 'E'}], contexts: ['panes'], label: 'E'},
	{command: 'show-audit', keys: [{input: 'A'}], contexts: ['panes'], label: 'A'},

	// Dialogs: the safe answer is the default (Enter and Esc cancel).
	{command: 'confirm-action', keys: [{input: 'y'}, {input: 'Y'}], contexts: ['confirm'], label: 'y'},
	{command: 'remove-container', keys: [{input: 'c'}], contexts: ['remove'], label: 'c'},
	{command: 'remove-with-volumes', keys: [{input: 'v'}], contexts: ['remove'], label: 'v'},
	{command: 'delete-keep-volumes', keys: [{input: 'y'}], contexts: ['delete-config'], label: 'y'},
	{command: 'delete-with-volumes', keys: [{input: 'v'}], contexts: ['delete-config'], label: 'v'},
	{command: 'confirm-clean', keys: [{input: 'y'}, {input: 'Y'}], contexts: ['clean'], label: 'y'},
	{command: 'cancel', keys: [...no, q, esc, enter], contexts: ['confirm', 'remove', 'delete-config', 'clean'], label: 'n/Esc'},
	{command: 'scroll-down', keys: [{input: 'j'}, {key: 'downArrow'}], contexts: ['help', 'raw-config', 'clean', 'audit'], label: 'j/↓'},
	{command: 'scroll-up', keys: [{input: 'k'}, {key: 'upArrow'}], contexts: ['help', 'raw-config', 'clean', 'audit'], label: 'k/↑'},
	{command: 'show-secrets', keys: [{input: 'v'}], contexts: ['raw-config'], label: 'v'},
	{command: 'audit-filter', keys: [{input: '/'}], contexts: ['audit'], label: '/'},
	{command: 'close', keys: [esc, enter, q], contexts: ['raw-config', 'error', 'audit'], label: 'Esc'},
	{command: 'close', keys: [{input: '?'}, esc, enter, q], contexts: ['help'], label: 'Esc/?'},

	// The form.
	{command: 'next-field', keys: [{input: 'j'}, {key: 'downArrow'}, {key: 'tab', shift: false}], contexts: ['form'], label: 'j/↓'},
	{command: 'prev-field', keys: [{input: 'k'}, {key: 'upArrow'}, {key: 'tab', shift: true}], contexts: ['form'], label: 'k/↑'},
	{command: 'activate', keys: [enter], contexts: ['form'], label: 'Enter'},
	{command: 'next-choice', keys: [{input: ' '}, {key: 'rightArrow'}], contexts: ['form'], label: 'Space/→'},
	{command: 'prev-choice', keys: [{key: 'leftArrow'}], contexts: ['form'], label: '←'},
	{command: 'remove-db', keys: [{input: 'x'}], contexts: ['form'], label: 'x'},
	{command: 'toggle-key', keys: [{input: 'v'}], contexts: ['form'], label: 'v'},
	{command: 'close-form', keys: [esc, q], contexts: ['form'], label: 'Esc'},
	{command: 'discard', keys: [{input: 'y'}, {input: 'Y'}], contexts: ['form-discard'], label: 'y'},
	{command: 'keep-editing', keys: [...no, esc, enter], contexts: ['form-discard'], label: 'n/Esc'},
	{command: 'overwrite', keys: [{input: 'o'}], contexts: ['form-conflict'], label: 'o'},
	{command: 'keep-theirs', keys: [{input: 't'}], contexts: ['form-conflict'], label: 't'},
	// Enter, Esc and the rest cancel: nothing is written without an explicit o or t.
	{command: 'cancel-save', keys: [esc, enter, {input: 'c'}, q], contexts: ['form-conflict'], label: 'Esc'},

	// Text entry: characters are typed; these keys end or edit the text.
	{command: 'submit', keys: [enter], contexts: [...textContexts], label: 'Enter'},
	{command: 'cancel-text', keys: [esc], contexts: [...textContexts], label: 'Esc'},
	{command: 'erase', keys: [{key: 'backspace'}, {key: 'delete'}], contexts: [...textContexts], label: 'Backspace'},
	{command: 'clear-line', keys: [{input: 'u', ctrl: true}], contexts: ['field'], label: 'Ctrl+U'},
	{command: 'show-key', keys: [{key: 'tab'}], contexts: ['api-key'], label: 'Tab'},
];
