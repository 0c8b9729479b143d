/**
 * Which key does what, where. One table: the matcher, the hint line and the
 * `?` overlay all read it.
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
	| 'tab';

export type KeySpec = {input?: string; key?: NamedKey; ctrl?: boolean; shift?: boolean};

/** Where a binding applies: anywhere, or only while a pane has the focus. */
/** `log` is the detail pane showing the log: the detail bindings apply there too. */
export type KeyContext = 'global' | 'table' | 'detail' | 'log';

export type Binding = {command: Command; keys: KeySpec[]; contexts: KeyContext[]; label: string};

export const bindings: Binding[] = [
	{command: 'quit', keys: [{input: 'q'}, {input: 'c', ctrl: true}], contexts: ['global'], label: 'q'},
	{command: 'help', keys: [{input: '?'}], contexts: ['global'], label: '?'},
	{command: 'focus-next', keys: [{key: 'tab'}, {key: 'tab', shift: true}], contexts: ['global'], label: 'Tab'},
	{command: 'back', keys: [{key: 'escape'}], contexts: ['global'], label: 'Esc'},
	{command: 'up', keys: [{input: 'k'}, {key: 'upArrow'}], contexts: ['table', 'detail'], label: 'k/↑'},
	{command: 'down', keys: [{input: 'j'}, {key: 'downArrow'}], contexts: ['table', 'detail'], label: 'j/↓'},
	{command: 'page-up', keys: [{key: 'pageUp'}, {input: 'u', ctrl: true}], contexts: ['table', 'detail'], label: 'PgUp'},
	{command: 'page-down', keys: [{key: 'pageDown'}, {input: 'd', ctrl: true}], contexts: ['table', 'detail'], label: 'PgDn'},
	{command: 'top', keys: [{input: 'g'}, {key: 'home'}], contexts: ['table', 'detail'], label: 'g'},
	{command: 'bottom', keys: [{input: 'G'}, {key: 'end'}], contexts: ['table', 'detail'], label: 'G'},
	{command: 'open', keys: [{key: 'return'}], contexts: ['table'], label: 'Enter'},
	{command: 'filter', keys: [{input: '/'}], contexts: ['table'], label: '/'},
	{command: 'start', keys: [{input: 's'}], contexts: ['global'], label: 's'},
	{command: 'stop', keys: [{input: 'x'}], contexts: ['global'], label: 'x'},
	{command: 'restart', keys: [{input: 'r'}], contexts: ['global'], label: 'r'},
	{command: 'remove', keys: [{input: 'd'}], contexts: ['global'], label: 'd'},
	{command: 'show-logs', keys: [{input: 'l'}], contexts: ['global'], label: 'l'},
	{command: 'show-inspector', keys: [{input: 'i'}], contexts: ['global'], label: 'i'},
	{command: 'next-tab', keys: [{input: ']'}, {key: 'rightArrow'}], contexts: ['detail'], label: ']/→'},
	{command: 'prev-tab', keys: [{input: '['}, {key: 'leftArrow'}], contexts: ['detail'], label: '[/←'},
	{command: 'reveal', keys: [{input: 'v'}], contexts: ['detail'], label: 'v'},
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
	{command: 'full-screen', keys: [{input: 'z'}], contexts: ['global'], label: 'z'},
	{command: 'new-node', keys: [{input: 'n'}], contexts: ['global'], label: 'n'},
	{command: 'edit-node', keys: [{input: 'e'}], contexts: ['global'], label: 'e'},
	{command: 'delete-config', keys: [{input: 'D'}], contexts: ['global'], label: 'D'},
	{command: 'rotate-key', keys: [{input: 'K'}], contexts: ['global'], label: 'K'},
];
