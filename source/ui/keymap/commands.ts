/**
 * Every command the UI knows, with the words the help shows. The compiler
 * makes sure no command lacks a description; `dangerous` commands go through
 * a confirmation dialog whose default answer is the safe one (the input
 * dispatcher opens it because of the flag: see ui/input/command-handlers.ts).
 */

/** Commands of the panes: the node table, the detail pane and the log. */
export type PaneCommand =
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
	| 'rotate-key'
	| 'open-run'
	| 'clean'
	| 'shell'
	| 'show-audit';

/** The answers and moves inside dialogs. */
export type DialogCommand =
	| 'confirm-action'
	| 'confirm-clean'
	| 'cancel'
	| 'remove-container'
	| 'remove-with-volumes'
	| 'delete-keep-volumes'
	| 'delete-with-volumes'
	| 'scroll-down'
	| 'scroll-up'
	| 'show-secrets'
	| 'audit-filter'
	| 'close';

/** The node form. */
export type FormCommand =
	| 'next-field'
	| 'prev-field'
	| 'activate'
	| 'next-choice'
	| 'prev-choice'
	| 'remove-db'
	| 'toggle-key'
	| 'close-form'
	| 'discard'
	| 'keep-editing'
	| 'overwrite'
	| 'keep-theirs'
	| 'cancel-save';

/** Text entry: the node filter, the log search, a form field, the API key dialog. */
export type TextCommand = 'submit' | 'cancel-text' | 'erase' | 'clear-line' | 'show-key';

export type Command = PaneCommand | DialogCommand | FormCommand | TextCommand;

export type CommandInfo = {
	/** One line for the `?` overlay and the README's key table. */
	description: string;
	/** Two or three words for the bottom hint line; commands without one stay out of it. */
	hint?: string;
	/** More words for the README's key table, after the description. */
	more?: string;
	/** Needs a confirmation (data or a running workload can be lost): the dispatcher asks first. */
	dangerous?: true;
	/** Changes something (a node, a config): refused, with the reason, in read-only mode. */
	changes?: true;
};

export const commands = {
	quit: {description: 'Quit vnode-tui', hint: 'quit'},
	help: {description: 'Show all keys', hint: 'help'},
	'focus-next': {description: 'Switch between the node table and the detail pane'},
	back: {description: 'Close, cancel, clear the filter, go back from an opened run to its node, or back to the table'},
	up: {description: 'Move up'},
	down: {description: 'Move down'},
	'page-up': {description: 'Page up'},
	'page-down': {description: 'Page down'},
	top: {description: 'Go to the first line'},
	bottom: {description: 'Go to the last line'},
	open: {description: 'Open the selected node in the detail pane'},
	filter: {description: 'Filter nodes by name (and by host, with several hosts)', hint: 'filter'},
	start: {description: 'Start the selected node (as v6 node start)', hint: 'start', changes: true},
	stop: {description: 'Stop the selected node and remove its volumes (asks first)', hint: 'stop', dangerous: true, changes: true, more: 'shows the equivalent `v6 node stop` command'},
	restart: {description: 'Restart the selected node from its current config (asks first)', hint: 'restart', dangerous: true, changes: true},
	remove: {description: 'Remove the stopped container, optionally its volumes (asks first)', hint: 'remove', dangerous: true, changes: true},
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
	'save-log': {description: 'Log: save the lines held to a file (its path shows in the status line)', hint: 'save', more: '`~/vnode-tui-logs/NAME-TIME.log` (`VNODE_LOG_DIR`), mode 0600'},
	'full-screen': {description: 'Log of the selected node full screen, or back', hint: 'zoom'},
	'new-node': {description: 'New node config (a form, validated field by field)', hint: 'new', changes: true, more: 'the API key masked; `v` shows it'},
	'edit-node': {description: 'Edit the selected node config (only changed lines change)', hint: 'edit', changes: true, more: 'a file that does not parse opens read only with its errors and text; saving a running node\'s config offers a restart'},
	'delete-config': {description: 'Delete the selected node config: moved to a backup (asks first)', dangerous: true, changes: true, more: 'refused while it runs; the backup is in `.deleted/` beside the file'},
	'rotate-key': {description: 'Set a new API key for the selected node', changes: true, more: 'masked (Tab shows it); a running node is offered a restart'},
	'show-audit': {description: 'Audit log: who changed what, when and from where (newest first; / filters)', hint: 'audit', more: 'read from `/var/log/vnode-tui/audit.jsonl` and `~/.local/state/vnode-tui/audit.jsonl`'},
	'open-run': {description: 'Runs tab: open the run or helper under the cursor: the log and the inspector show its container (Esc: back to the node)', hint: 'open run'},
	clean: {
		description: 'Remove what the selected node left over (asks first, listing each thing by kind and name)',
		hint: 'clean',
		dangerous: true,
		changes: true,
		more: 'runs and helpers of a node that is not running, exited helpers, its unused network, tmp volumes no run uses, the volumes of a node that is not running; never anything a running node uses',
	},
	shell: {description: 'Open a shell (sh) in the selected running container; exit it to come back', hint: 'shell', changes: true, more: 'as `docker exec -it CONTAINER sh`; the screen comes back as it was'},

	'confirm-action': {description: 'Yes: stop or restart the node', hint: 'yes'},
	'confirm-clean': {description: 'Yes: remove exactly what is listed', hint: 'yes'},
	cancel: {description: 'No: close the dialog, nothing is done (the default)', hint: 'no'},
	'remove-container': {description: 'Remove the container only', hint: 'container'},
	'remove-with-volumes': {description: 'Remove the container and its volumes (the node’s data is lost)', hint: 'and volumes'},
	'delete-keep-volumes': {description: 'Yes: move the config to the backup, keep the volumes', hint: 'yes'},
	'delete-with-volumes': {description: 'Yes, and remove the node’s volumes (its data is lost)', hint: 'and volumes'},
	'scroll-down': {description: 'Scroll down'},
	'scroll-up': {description: 'Scroll up'},
	'show-secrets': {description: 'Show or hide the secrets of the file', hint: 'secrets'},
	'audit-filter': {description: 'Audit log: filter the entries (any text: a node, a user, an action, an address)', hint: 'filter'},
	close: {description: 'Close', hint: 'close'},

	'next-field': {description: 'Form: next field', hint: 'move'},
	'prev-field': {description: 'Form: previous field'},
	activate: {description: 'Form: edit the field, change the choice, add a database, or save', hint: 'edit/save'},
	'next-choice': {description: 'Form: next choice', hint: 'change'},
	'prev-choice': {description: 'Form: previous choice'},
	'remove-db': {description: 'Form: remove the database row', hint: 'remove db'},
	'toggle-key': {description: 'Form: show or hide the API key', hint: 'show key'},
	'close-form': {description: 'Form: close (asks first when something changed)', hint: 'close'},
	discard: {description: 'Form: yes, discard the changes', hint: 'discard'},
	'keep-editing': {description: 'Form: no, keep editing (the default)', hint: 'keep editing'},
	overwrite: {description: 'Form: save your values over the ones changed on disk', hint: 'yours'},
	'keep-theirs': {description: 'Form: keep the values on disk for the conflicting fields, save your other changes', hint: 'theirs'},
	'cancel-save': {description: 'Form: save nothing; the form keeps your values', hint: 'cancel'},

	submit: {description: 'Text: done (keep the text; the API key is saved)', hint: 'done'},
	'cancel-text': {description: 'Text: cancel (the filter is cleared)', hint: 'cancel'},
	erase: {description: 'Text: erase the last character'},
	'clear-line': {description: 'Text: clear the field', hint: 'clear'},
	'show-key': {description: 'Text: show or hide the API key', hint: 'show'},
} as const satisfies Record<Command, CommandInfo>;

/** The commands that ask first; the type lets the handler table demand a confirmation from each. */
export type DangerousCommand = {[C in Command]: (typeof commands)[C] extends {dangerous: true} ? C : never}[Command];

/** A command's words, typed as the general shape. */
export function commandInfo(command: Command): CommandInfo {
	return commands[command];
}
