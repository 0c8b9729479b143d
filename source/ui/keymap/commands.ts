/**
 * Every command the UI knows, with the words the help shows. The compiler
 * makes sure no command lacks a description; `dangerous` commands go through
 * a confirmation dialog whose default answer is the safe one.
 */
export type Command =
	| 'quit'
	| 'help'
	| 'focus-next'
	| 'back'
	| 'up'
	| 'down'
	| 'page-up'
	| 'page-down'
	| 'top'
	| 'bottom'
	| 'open'
	| 'filter'
	| 'start'
	| 'stop'
	| 'restart'
	| 'remove'
	| 'show-logs'
	| 'show-inspector'
	| 'next-tab'
	| 'prev-tab'
	| 'reveal'
	| 'follow'
	| 'log-search'
	| 'next-match'
	| 'prev-match'
	| 'filter-matches'
	| 'timestamps'
	| 'wrap'
	| 'range-all'
	| 'range-tail'
	| 'range-1m'
	| 'range-5m'
	| 'range-15m'
	| 'range-1h'
	| 'save-log'
	| 'full-screen'
	| 'new-node'
	| 'edit-node'
	| 'delete-config'
	| 'rotate-key';

export type CommandInfo = {
	/** One line for the `?` overlay. */
	description: string;
	/** Two or three words for the bottom hint line; commands without one stay out of it. */
	hint?: string;
	/** Needs a confirmation (data or a running workload can be lost). */
	dangerous?: boolean;
};

export const commands: Record<Command, CommandInfo> = {
	quit: {description: 'Quit vnode-tui', hint: 'quit'},
	help: {description: 'Show all keys', hint: 'help'},
	'focus-next': {description: 'Switch between the node table and the detail pane'},
	back: {description: 'Close, cancel, clear the filter, or go back to the table'},
	up: {description: 'Move up'},
	down: {description: 'Move down'},
	'page-up': {description: 'Page up'},
	'page-down': {description: 'Page down'},
	top: {description: 'Go to the first line'},
	bottom: {description: 'Go to the last line'},
	open: {description: 'Open the selected node in the detail pane'},
	filter: {description: 'Filter nodes by name', hint: 'filter'},
	start: {description: 'Start the selected node (as v6 node start)', hint: 'start'},
	stop: {description: 'Stop the selected node and remove its volumes (asks first)', hint: 'stop', dangerous: true},
	restart: {description: 'Restart the selected node from its current config (asks first)', hint: 'restart', dangerous: true},
	remove: {description: 'Remove the stopped container, optionally its volumes (asks first)', hint: 'remove', dangerous: true},
	'show-logs': {description: 'Show the live log of the selected node', hint: 'log'},
	'show-inspector': {description: 'Show the inspector of the selected node', hint: 'inspect'},
	'next-tab': {description: 'Next inspector tab'},
	'prev-tab': {description: 'Previous inspector tab'},
	reveal: {description: 'Show or hide secrets of the selected node (hidden again when you leave it)'},
	follow: {description: 'Log: follow new lines on or off (scrolling up pauses, G resumes)', hint: 'follow'},
	'log-search': {description: 'Log: search (case-insensitive); matches are highlighted', hint: 'search'},
	'next-match': {description: 'Log: next match', hint: 'next'},
	'prev-match': {description: 'Log: previous match'},
	'filter-matches': {description: 'Log: show only the lines that match the search, or all', hint: 'filter'},
	timestamps: {description: 'Log: timestamps on or off', hint: 'time'},
	wrap: {description: 'Log: wrap long lines on or off', hint: 'wrap'},
	'range-all': {description: 'Log: read the whole log'},
	'range-tail': {description: 'Log: read the last 200 lines (the default)'},
	'range-1m': {description: 'Log: read the last minute'},
	'range-5m': {description: 'Log: read the last 5 minutes'},
	'range-15m': {description: 'Log: read the last 15 minutes'},
	'range-1h': {description: 'Log: read the last hour'},
	'save-log': {description: 'Log: save the lines held to a file (its path shows in the status line)', hint: 'save'},
	'full-screen': {description: 'Log of the selected node full screen, or back', hint: 'zoom'},
	'new-node': {description: 'New node config (a form, validated field by field)', hint: 'new'},
	'edit-node': {description: 'Edit the selected node config (only changed lines change)', hint: 'edit'},
	'delete-config': {description: 'Delete the selected node config: moved to a backup (asks first)', dangerous: true},
	'rotate-key': {description: 'Set a new API key for the selected node'},
};
