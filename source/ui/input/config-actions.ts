/**
 * The config actions that wait on the disk: open a config in the form, save
 * the form, delete a config, set an API key. Each reports in the status line
 * (or the form) when it is done; a running node is offered a restart.
 */
import type {NodeRow} from '../../domain/node-row.js';
import {validateNewNode} from '../../domain/new-node.js';
import type {Dialog, NodeTarget} from '../../state/app-state.js';
import {editableFieldLabel, editForm, type NodeForm} from '../../state/form-state.js';
import {rawConfigLines} from '../dialogs/raw-config-lines.js';
import {errorText, sayer, type InputContext, type Say} from './input-context.js';

/**
 * Config writes in flight, by node (`scope/name`), per set of services: a second write of the
 * same node while one runs (Enter held or pasted on [ Save ], K or D answered again before the
 * first finished) is refused, so one key press is one write.
 */
const writing = new WeakMap<object, Set<string>>();

/** Runs `write` unless a write of `key` is in flight; says so instead and returns false. */
function writeOnce(key: string, context: InputContext, write: () => Promise<unknown>): boolean {
	const inFlight = writing.get(context.services.configs) ?? new Set<string>();
	writing.set(context.services.configs, inFlight);
	if (inFlight.has(key)) {
		sayer(context, 'info')(`${key}: ${stillWriting}`);
		return false;
	}

	inFlight.add(key);
	void write().finally(() => inFlight.delete(key));
	return true;
}

const stillWriting = 'still writing the config; wait for it to finish.';

/** e: the form with the config's values, or the file read only when it does not parse. */
export function openEditForm(row: NodeRow, target: NodeTarget, context: InputContext, say: Say): void {
	const {dispatch} = context;
	const running = row.status === 'running';
	context.services.configs.fieldsOf(target.name, target.scope, target.host).then(
		result => {
			if ('fields' in result) {
				dispatch({type: 'form-open', form: editForm(result.fields, running, target.host)});
			} else {
				const {masked, plain} = rawConfigLines(result.problems, result.text);
				dispatch({type: 'open-dialog', dialog: {type: 'raw-config', title: `${row.configPath} (read only)`, lines: masked, plain, reveal: false, offset: 0}});
			}
		},
		(error: unknown) => say(errorText(error), 'error'),
	);
}

/** The delete dialog's answer: the config moves to a backup; with `withVolumes` the node's volumes go too. */
export function deleteConfig(target: NodeTarget, withVolumes: boolean, context: InputContext): void {
	const say = sayer(context, 'info');
	writeOnce(target.key, context, async () => context.services.configs.delete(target.name, target.scope, target.host).then(
		outcome => {
			const volumes = outcome.leftoverVolumes.length > 0 ? `; its volumes are still there: ${outcome.leftoverVolumes.join(', ')}` : '';
			say(`Moved the config of ${target.name} to ${outcome.backupPath}${withVolumes ? '' : volumes}`);
			if (withVolumes && outcome.leftoverVolumes.length > 0) {
				context.actions.remove(target, true);
			}

			void context.refresh();
		},
		(error: unknown) => say(`${target.name}: ${errorText(error)}`, 'error'),
	));
}

/** Enter in the API key dialog: only the api_key line of the file changes. */
export function saveApiKey(dialog: Extract<Dialog, {type: 'api-key'}>, context: InputContext): void {
	const say = sayer(context, 'info');
	writeOnce(dialog.target.key, context, async () => context.services.configs.setApiKey(dialog.target.name, dialog.target.scope, dialog.draft, dialog.target.host).then(
		path => {
			say(`Saved the new API key in ${path}`);
			if (dialog.running) {
				offerRestart(dialog.target, 'The API key changed; the running node uses it after a restart.', context);
			}
		},
		(error: unknown) => say(`${dialog.target.name}: ${errorText(error)}`, 'error'),
	));
}

function offerRestart(target: NodeTarget, reason: string, context: InputContext): void {
	const commandLine = `v6 node restart --name ${target.name} --${target.scope}`;
	context.dispatch({type: 'open-dialog', dialog: {type: 'confirm', action: 'restart', target, commandLine, reason}});
}

/** Saves the form: a new file, or the changed lines of an existing one (`resolve` answers a conflict). */
export function saveForm(form: NodeForm, context: InputContext, resolve?: 'overwrite' | 'keep-theirs'): void {
	const {dispatch} = context;
	if (form.saving) {
		// One save at a time: Enter again (held, pasted) while it runs does nothing.
		return;
	}

	const errors = Object.values(validateNewNode(form.values));
	if (errors.length > 0) {
		dispatch({type: 'form-saving', saving: false, errors: [`${errors.length} field${errors.length > 1 ? 's' : ''} to fix first (marked ✗).`]});
		return;
	}

	dispatch({type: 'form-saving', saving: true, errors: []});
	// A fleet's row keys start with the host (services/fleet.ts).
	const target = {key: `${form.host ? `${form.host}/` : ''}${form.values.scope}/${form.values.name}`, name: form.values.name, scope: form.values.scope, ...(form.host ? {host: form.host} : {})};
	const fail: Fail = messages => dispatch({type: 'form-saving', saving: false, errors: messages});
	const save = form.mode === 'new' ? createConfig(form, target, context, fail) : editConfig(form, target, context, fail, resolve);
	if (!writeOnce(target.key, context, save)) {
		fail([`Not saved: ${stillWriting}`]);
	}
}

type Fail = (messages: string[]) => void;

function createConfig(form: NodeForm, target: NodeTarget, context: InputContext, fail: Fail): () => Promise<void> {
	const {dispatch, services} = context;
	return async () => services.configs.create(form.values, form.host).then(outcome => {
		if (outcome.ok) {
			dispatch({type: 'form-close'});
			dispatch({type: 'status', message: {kind: 'info', text: `Created ${outcome.path}; s starts it.`}});
			// Once the list has the new node, select it.
			void context.refresh().then(() => dispatch({type: 'select', key: target.key}));
		} else {
			fail(outcome.message.split('\n'));
		}
	}, (error: unknown) => fail([errorText(error)]));
}

function editConfig(form: NodeForm, target: NodeTarget, context: InputContext, fail: Fail, resolve?: 'overwrite' | 'keep-theirs'): () => Promise<void> {
	const {dispatch, services} = context;
	return async () => services.configs.edit(form.original, form.values, resolve, form.host).then(
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
		(error: unknown) => fail([errorText(error), ...(((error as {details?: string[]}).details) ?? [])]),
	);
}
