/**
 * Creating, deleting and re-keying node configs, through the config store:
 * the same rules for the `new`/`delete`/`set-api-key` commands and the TUI.
 */
import {apiKeyProblem} from '../domain/field-checks.js';
import type {ConfigStore} from '../config/config-store.js';
import type {Locations} from '../config/paths.js';
import {formatProblem, type Scope} from '../domain/node-config.js';
import {changesBetween, conflictingFields, fieldsOfConfig, newNodeConfig, validateNewNode, withoutEdits, type EditableField, type FieldErrors, type NewNodeFields} from '../domain/new-node.js';
import {containerNameOf, volumeNamesOf} from '../domain/node-spec.js';
import {isEngineError, type DockerEngine} from '../docker/engine.js';
import {ActionError, requireNodeName, requireScopeAccess} from './action-error.js';
import {Accountable, type Accountability} from './accountable.js';
import {shellCommand, v6Command} from '../domain/audit-entry.js';

export type ConfigActionsDeps = {
	store: ConfigStore;
	engine: DockerEngine;
	locations: Locations;
	hostEnv: Readonly<Record<string, string | undefined>>;
	/** The audit log and read-only mode; omitted: nothing logged, nothing refused. */
	accountability?: Accountability;
};

export type CreateOutcome = {ok: true; path: string} | {ok: false; errors: FieldErrors; message: string};

/** A save: done (`changed` values written), or held back because these fields also changed on disk. */
export type EditOutcome = {path: string; changed: number} | {path: string; conflict: EditableField[]};

export type DeleteOutcome = {path: string; backupPath: string; leftoverVolumes: string[]};

export class ConfigActions {
	/** Read-only refusals and the audit log of every changing action here. */
	readonly guard: Accountable;

	constructor(readonly deps: ConfigActionsDeps) {
		this.guard = new Accountable(deps.accountability);
	}

	/** Field errors as a form shows them; a name already taken in the scope is one of them. */
	async check(fields: NewNodeFields): Promise<FieldErrors> {
		const errors = validateNewNode(fields);
		if (!errors.name && (await this.deps.store.read(fields.name, fields.scope))) {
			errors.name = `A ${fields.scope}-scope node named '${fields.name}' exists already.`;
		}

		const notWritable = this.deps.store.whyNotWritable(fields.scope);
		if (notWritable) {
			errors.scope = notWritable;
		}

		return errors;
	}

	async create(fields: NewNodeFields): Promise<CreateOutcome> {
		this.guard.refuseIfReadOnly('new');
		// The key and database URIs never reach the log, even quoted in a message.
		const secrets = [fields.apiKey, ...fields.databases.map(database => database.uri)];
		return this.guard.run(
			{action: 'new', node: fields.name, scope: fields.scope, command: v6Command('new', fields.name, fields.scope), secrets},
			async () => this.createNow(fields),
			outcome => (outcome.ok ? {detail: outcome.path} : {failed: outcome.message}),
		);
	}

	private async createNow(fields: NewNodeFields): Promise<CreateOutcome> {
		const errors = await this.check(fields);
		const messages = Object.entries(errors).map(([field, message]) => `${field}: ${message}`);
		if (messages.length > 0) {
			return {ok: false, errors, message: messages.join('\n')};
		}

		const config = newNodeConfig(fields, this.deps.locations.dataDir(fields.scope, fields.name));
		const result = await this.deps.store.create(fields.name, fields.scope, config);
		return result.ok ? {ok: true, path: result.path} : {ok: false, errors: {}, message: result.message};
	}

	/** Refused while the node runs; the file is moved to a backup, never deleted. */
	async delete(name: string, scope: Scope): Promise<DeleteOutcome> {
		requireNodeName(name);
		this.guard.refuseIfReadOnly('delete');
		requireScopeAccess(this.deps.store, name, scope, 'delete');
		const path = `${this.deps.store.configDir(scope)}/${name}.yaml`;
		return this.guard.run(
			{action: 'delete', node: name, scope, command: shellCommand(['mv', path, `${this.deps.store.configDir(scope)}/.deleted/`])},
			async () => this.deleteNow(name, scope),
			outcome => ({command: shellCommand(['mv', outcome.path, outcome.backupPath])}),
		);
	}

	private async deleteNow(name: string, scope: Scope): Promise<DeleteOutcome> {
		const {engine, store} = this.deps;
		try {
			const container = await engine.inspectContainer(containerNameOf(name, scope));
			if (container.state.running) {
				throw new ActionError('running', `${name} (${scope}) is running; stop it first.`);
			}
		} catch (error) {
			if (!isEngineError(error, 'not-found')) {
				throw error;
			}
		}

		const result = await store.remove(name, scope);
		if (!result.ok) {
			throw new ActionError('config-missing', result.message);
		}

		const leftoverVolumes: string[] = [];
		for (const volume of Object.values(volumeNamesOf(name, scope, this.deps.hostEnv))) {
			if (await engine.volumeExists(volume)) {
				leftoverVolumes.push(volume);
			}
		}

		return {path: result.path, backupPath: result.backupPath, leftoverVolumes};
	}

	/** The edit form's starting point: the fields of a valid config, or the raw text and problems of one that is not. */
	async fieldsOf(name: string, scope: Scope): Promise<{fields: NewNodeFields} | {text: string; problems: string[]}> {
		const entry = await this.deps.store.read(name, scope);
		if (!entry) {
			throw new ActionError('config-missing', `No node config named '${name}' in ${this.deps.store.configDir(scope)}.`);
		}

		if (!entry.config) {
			return {text: (await this.deps.store.readText(name, scope)) ?? '', problems: entry.problems.map(problem => formatProblem(problem))};
		}

		return {fields: fieldsOfConfig(entry.config, name, scope)};
	}

	/**
	 * Saves what the edit form changed; comments, order and unknown keys stay, and
	 * fields changed on disk meanwhile merge. A field changed both in the form and
	 * on disk is a conflict, returned unsaved unless `resolve` says who wins.
	 */
	async edit(before: NewNodeFields, after: NewNodeFields, resolve?: 'overwrite' | 'keep-theirs'): Promise<EditOutcome> {
		requireNodeName(after.name);
		this.guard.refuseIfReadOnly('edit');
		const path = `${this.deps.store.configDir(after.scope)}/${after.name}.yaml`;
		const secrets = [before.apiKey, after.apiKey, ...before.databases.map(database => database.uri), ...after.databases.map(database => database.uri)];
		return this.guard.run(
			{action: 'edit', node: after.name, scope: after.scope, command: `\${EDITOR:-vi} ${shellCommand([path])}`, secrets},
			async () => this.editNow(before, after, resolve),
			outcome =>
				'conflict' in outcome
					? {failed: `not saved: changed on disk too: ${outcome.conflict.join(', ')}`}
					: {detail: `${outcome.changed} field${outcome.changed === 1 ? '' : 's'} changed${outcome.changed > 0 ? `: ${editedFields(before, after).join(', ')}` : ''}${resolve ? ` (${resolve})` : ''}`},
		);
	}

	private async editNow(before: NewNodeFields, after: NewNodeFields, resolve?: 'overwrite' | 'keep-theirs'): Promise<EditOutcome> {
		const errors = validateNewNode(after);
		const messages = Object.entries(errors).map(([field, message]) => `${field}: ${message}`);
		if (messages.length > 0) {
			throw new ActionError('config-invalid', 'Not saved:', messages);
		}

		requireScopeAccess(this.deps.store, after.name, after.scope);
		const current = await this.deps.store.read(after.name, after.scope);
		if (!current) {
			throw new ActionError('config-missing', `${after.name}: the config file is gone from ${this.deps.store.configDir(after.scope)}; not saved.`);
		}

		if (!current.config) {
			throw new ActionError('config-invalid', `${current.path} changed on disk and is no longer valid; not saved (fix it in an editor):`, current.problems.map(problem => formatProblem(problem)));
		}

		const conflicts = conflictingFields(before, after, fieldsOfConfig(current.config, after.name, after.scope));
		if (conflicts.length > 0 && !resolve) {
			return {conflict: conflicts, path: current.path};
		}

		const target = resolve === 'keep-theirs' ? withoutEdits(before, after, conflicts) : after;
		const changes = changesBetween(before, target);
		if (changes.length === 0) {
			return {path: current.path, changed: 0};
		}

		const result = await this.deps.store.update(after.name, after.scope, changes);
		if (!result.ok) {
			throw new ActionError('config-invalid', result.message);
		}

		return {path: result.path, changed: changes.length};
	}

	/** As `v6 node set-api-key`, but only that line of the file changes. */
	async setApiKey(name: string, scope: Scope, apiKey: string): Promise<string> {
		requireNodeName(name);
		this.guard.refuseIfReadOnly('set-api-key');
		return this.guard.run({action: 'set-api-key', node: name, scope, command: v6Command('set-api-key', name, scope), secrets: [apiKey, apiKey.trim()]}, async () =>
			this.setApiKeyNow(name, scope, apiKey),
		);
	}

	private async setApiKeyNow(name: string, scope: Scope, apiKey: string): Promise<string> {
		const key = apiKey.trim();
		const keyProblem = apiKeyProblem(key);
		if (keyProblem) {
			throw new ActionError('config-invalid', `${keyProblem} Nothing was changed.`);
		}

		requireScopeAccess(this.deps.store, name, scope, 'set-api-key');

		const entry = await this.deps.store.read(name, scope);
		if (!entry) {
			throw new ActionError('config-missing', `No node config named '${name}' in ${this.deps.store.configDir(scope)}.`);
		}

		if (!entry.config) {
			throw new ActionError('config-invalid', `The config of ${name} is not valid; it was left as it is:`, entry.problems.map(problem => formatProblem(problem)));
		}

		const result = await this.deps.store.update(name, scope, [{path: ['api_key'], value: key}]);
		if (!result.ok) {
			throw new ActionError('config-invalid', result.message);
		}

		return result.path;
	}
}

/** The names (never the values) of the fields an edit changes. */
function editedFields(before: NewNodeFields, after: NewNodeFields): string[] {
	return changesBetween(before, after).map(change => change.path.join('.'));
}
