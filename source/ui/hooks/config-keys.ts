/**
 * Keys of the node form and of the config dialogs (delete, API key, raw view),
 * and the commands that open them. Saving goes through the config actions;
 * the outcome lands in the status line.
 */
import type {NodeRow} from '../../domain/node-row.js';
import {validateNewNode} from '../../domain/new-node.js';
import {editableFieldLabel, editForm, formFields, isDirty, newForm, type NodeForm} from '../../state/form-state.js';
import type {Dialog, NodeTarget} from '../../state/app-state.js';
import type {KeyPress} from '../keymap/match.js';
import {rawConfigLines} from '../dialogs/raw-config-lines.js';
import type {InputContext} from './use-app-input.js';

type EditKey = KeyPress & {backspace?: boolean; delete?: boolean};

const printable = (input: string, key: EditKey) => input.length > 0 && !key.ctrl && !key.meta && !/[\u0000-\u001F\u007F]/.test(input);

/** n, e, D, K: open the form or a dialog for the selected node (or a new one). */
export function configCommand(command: 'new-node' | 'edit-node' | 'delete-config' | 'rotate-key', row: NodeRow | undefined, target: NodeTarget | undefined, context: InputContext, say: (text: string, kind?: 'info' | 'warn' | 'error') => void): void {
	const {dispatch} = context;
	if (command === 'new-node') {
		dispatch({type: 'form-open', form: newForm()});
		return;
	}

	if (!row || !target || !row.configPath) {
		say(row ? `${row.name} has no config on disk.` : 'No node selected.');
		return;
	}

	const running = row.status === 'running';
	switch (command) {
		case 'edit-node': {
			context.services.configs.fieldsOf(target.name, target.scope).then(
				result => {
					if ('fields' in result) {
						dispatch({type: 'form-open', form: editForm(result.fields, running)});
					} else {
						const {masked, plain} = rawConfigLines(result.problems, result.text);
						dispatch({type: 'open-dialog', dialog: {type: 'raw-config', title: `${row.configPath} (read only)`, lines: masked, plain, reveal: false, offset: 0}});
					}
				},
				(error: unknown) => say(String((error as Error)?.message ?? error), 'error'),
			);
			return;
		}

		case 'delete-config': {
			if (running) {
				say(`${row.name} is running; stop it first (x).`);
			} else {
				dispatch({type: 'open-dialog', dialog: {type: 'delete-config', target}});
			}

			return;
		}

		case 'rotate-key': {
			if (row.problems.length > 0) {
				say(`${row.name}: the config is not valid; it was left as it is.`, 'error');
			} else {
				dispatch({type: 'open-dialog', dialog: {type: 'api-key', target, draft: '', show: false, running}});
			}
		}
	}
}

/** Keys of the delete, API key and raw-config dialogs; true when the dialog took the key. */
export function configDialogKey(dialog: Dialog, input: string, key: EditKey, context: InputContext): boolean {
	const {dispatch, services} = context;
	const close = () => dispatch({type: 'close-dialog'});
	const say = (text: string, kind: 'info' | 'error' = 'info') => dispatch({type: 'status', message: {kind, text}});
	switch (dialog.type) {
		case 'delete-config': {
			if (input === 'y' || input === 'v') {
				close();
				services.configs.delete(dialog.target.name, dialog.target.scope).then(
					outcome => {
						const volumes = outcome.leftoverVolumes.length > 0 ? `; its volumes are still there: ${outcome.leftoverVolumes.join(', ')}` : '';
						say(`Moved the config of ${dialog.target.name} to ${outcome.backupPath}${input === 'v' ? '' : volumes}`);
						if (input === 'v' && outcome.leftoverVolumes.length > 0) {
							context.actions.remove(dialog.target, true);
						}

						void context.refresh();
					},
					(error: unknown) => say(`${dialog.target.name}: ${String((error as Error)?.message ?? error)}`, 'error'),
				);
			} else if (input === 'n' || input === 'N' || input === 'q' || key.escape || key.return) {
				close();
			}

			return true;
		}

		case 'api-key': {
			if (key.escape) {
				close();
			} else if (key.tab) {
				dispatch({type: 'open-dialog', dialog: {...dialog, show: !dialog.show}});
			} else if (key.return) {
				close();
				services.configs.setApiKey(dialog.target.name, dialog.target.scope, dialog.draft).then(
					path => {
						say(`Saved the new API key in ${path}`);
						if (dialog.running) {
							offerRestart(dialog.target, 'The API key changed; the running node uses it after a restart.', context);
						}
					},
					(error: unknown) => say(`${dialog.target.name}: ${String((error as Error)?.message ?? error)}`, 'error'),
				);
			} else if (key.backspace || key.delete) {
				dispatch({type: 'open-dialog', dialog: {...dialog, draft: dialog.draft.slice(0, -1)}});
			} else if (printable(input, key)) {
				dispatch({type: 'open-dialog', dialog: {...dialog, draft: dialog.draft + input}});
			}

			return true;
		}

		case 'raw-config': {
			if (input === 'j' || key.downArrow) {
				dispatch({type: 'open-dialog', dialog: {...dialog, offset: Math.min(dialog.lines.length - 1, dialog.offset + 1)}});
			} else if (input === 'k' || key.upArrow) {
				dispatch({type: 'open-dialog', dialog: {...dialog, offset: Math.max(0, dialog.offset - 1)}});
			} else if (input === 'v') {
				dispatch({type: 'open-dialog', dialog: {...dialog, reveal: !dialog.reveal}});
			} else if (key.escape || key.return || input === 'q') {
				close();
			}

			return true;
		}

		default: {
			return false;
		}
	}
}

function offerRestart(target: NodeTarget, reason: string, context: InputContext): void {
	const commandLine = `v6 node restart --name ${target.name} --${target.scope}`;
	context.dispatch({type: 'open-dialog', dialog: {type: 'confirm', action: 'restart', target, commandLine, reason}});
}

/** Every key while the form is open. */
export function formKey(form: NodeForm, input: string, key: EditKey, context: InputContext): void {
	const {dispatch} = context;
	if (form.draft !== undefined) {
		if (key.return) {
			dispatch({type: 'form-edit-end', keep: true});
		} else if (key.escape) {
			dispatch({type: 'form-edit-end', keep: false});
		} else if (key.backspace || key.delete) {
			dispatch({type: 'form-edit-input', value: form.draft.slice(0, -1)});
		} else if (key.ctrl && input === 'u') {
			// Readline's clear-the-line.
			dispatch({type: 'form-edit-input', value: ''});
		} else if (printable(input, key)) {
			dispatch({type: 'form-edit-input', value: form.draft + input});
		}

		return;
	}

	if (form.conflict) {
		// Enter, Esc and anything else cancel: nothing is written without an explicit o or t.
		if (input === 'o') {
			save(form, context, 'overwrite');
		} else if (input === 't') {
			save(form, context, 'keep-theirs');
		} else if (key.escape || key.return || input === 'c' || input === 'q') {
			dispatch({type: 'form-saving', saving: false, errors: ['Not saved; the form still has your values.']});
		}

		return;
	}

	if (form.confirmDiscard) {
		if (input === 'y' || input === 'Y') {
			dispatch({type: 'form-close'});
		} else if (input === 'n' || input === 'N' || key.escape || key.return) {
			dispatch({type: 'form-discard', ask: false});
		}

		return;
	}

	const field = formFields(form)[form.focus];
	if (key.escape || input === 'q') {
		dispatch(isDirty(form) ? {type: 'form-discard', ask: true} : {type: 'form-close'});
	} else if (input === 'j' || key.downArrow || (key.tab && !key.shift)) {
		dispatch({type: 'form-move', delta: 1});
	} else if (input === 'k' || key.upArrow || (key.tab && key.shift)) {
		dispatch({type: 'form-move', delta: -1});
	} else if (input === 'v') {
		dispatch({type: 'form-toggle-key'});
	} else if (input === 'x' && field?.kind === 'db') {
		dispatch({type: 'form-remove-db'});
	} else if (input === ' ' || key.leftArrow || key.rightArrow) {
		dispatch({type: 'form-cycle', delta: key.leftArrow ? -1 : 1});
	} else if (key.return) {
		if (field?.kind === 'save') {
			save(form, context);
		} else if (field?.kind === 'add-db') {
			dispatch({type: 'form-add-db'});
		} else if (field?.kind === 'choice' || (field?.kind === 'db' && field.part === 'type')) {
			dispatch({type: 'form-cycle', delta: 1});
		} else {
			dispatch({type: 'form-edit-start'});
		}
	}
}

function save(form: NodeForm, context: InputContext, resolve?: 'overwrite' | 'keep-theirs'): void {
	const {dispatch, services} = context;
	const errors = Object.values(validateNewNode(form.values));
	if (errors.length > 0) {
		dispatch({type: 'form-saving', saving: false, errors: [`${errors.length} field${errors.length > 1 ? 's' : ''} to fix first (marked ✗).`]});
		return;
	}

	dispatch({type: 'form-saving', saving: true, errors: []});
	const target = {key: `${form.values.scope}/${form.values.name}`, name: form.values.name, scope: form.values.scope};
	const fail = (messages: string[]) => dispatch({type: 'form-saving', saving: false, errors: messages});
	if (form.mode === 'new') {
		services.configs.create(form.values).then(outcome => {
			if (outcome.ok) {
				dispatch({type: 'form-close'});
				dispatch({type: 'status', message: {kind: 'info', text: `Created ${outcome.path}; s starts it.`}});
				// Once the list has the new node, select it.
				void context.refresh().then(() => dispatch({type: 'select', key: target.key}));
			} else {
				fail(outcome.message.split('\n'));
			}
		}, (error: unknown) => fail([String((error as Error)?.message ?? error)]));
		return;
	}

	services.configs.edit(form.original, form.values, resolve).then(
		outcome => {
			if ('conflict' in outcome) {
				const names = outcome.conflict.map(field => editableFieldLabel(field)).join(', ');
				dispatch({type: 'form-saving', saving: false, errors: [`${names}: changed in ${outcome.path} since the form opened, to another value than yours.`], conflict: outcome.conflict});
				return;
			}

			dispatch({type: 'form-close'});
			dispatch({type: 'status', message: {kind: 'info', text: outcome.changed === 0 ? 'Nothing changed.' : `Saved ${outcome.changed} change${outcome.changed > 1 ? 's' : ''} to ${outcome.path}.`}});
			void context.refresh();
			if (form.running && outcome.changed > 0) {
				offerRestart(target, 'The config changed; the running node uses it after a restart.', context);
			}
		},
		(error: unknown) => fail([String((error as Error)?.message ?? error), ...(((error as {details?: string[]}).details) ?? [])]),
	);
}
