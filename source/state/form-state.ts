/**
 * The node form (n: new, e: edit): which fields it has, which one has the
 * focus, the text being typed, and whether leaving would lose changes. Pure.
 */
import {databaseTypes, logLevels, scopes} from '../domain/node-config.js';
import {newNodeDefaults, type EditableField, type NewNodeFields} from '../domain/new-node.js';

type TextId = 'name' | 'serverUrl' | 'port' | 'apiPath' | 'apiKey' | 'taskDir' | 'privateKey' | 'image';
type ChoiceId = 'scope' | 'logLevel' | 'encryption';

export type FormField =
	| {kind: 'text'; id: TextId; label: string; hint?: string}
	| {kind: 'choice'; id: ChoiceId; label: string; options: readonly string[]}
	| {kind: 'db'; index: number; part: 'label' | 'uri' | 'type'}
	| {kind: 'add-db'}
	| {kind: 'save'};

export type NodeForm = {
	mode: 'new' | 'edit';
	values: NewNodeFields;
	/** What the file had (edit) or the defaults (new): leaving with other values asks first. */
	original: NewNodeFields;
	focus: number;
	/** Text being typed into the focused field; undefined when not typing. */
	draft?: string;
	showKey: boolean;
	confirmDiscard: boolean;
	/** Problems the save found (a name taken, a file that changed); shown above the fields. */
	saveErrors: string[];
	/** Whether the node runs (edit): a saved change then offers a restart. */
	running: boolean;
	saving: boolean;
	/** Fields changed both here and on disk since the form opened: the save waits for the operator's answer. */
	conflict?: EditableField[];
	/** The host the config is written on, in a fleet: the selected row's (new) or the node's own (edit). */
	host?: string;
};

export function newForm(scopeHint: NewNodeFields['scope'] = 'user', host?: string): NodeForm {
	const values: NewNodeFields = {...newNodeDefaults, scope: scopeHint, name: '', apiKey: ''};
	return {mode: 'new', values, original: values, focus: 0, showKey: false, confirmDiscard: false, saveErrors: [], running: false, saving: false, ...(host ? {host} : {})};
}

export function editForm(values: NewNodeFields, running: boolean, host?: string): NodeForm {
	// Name and scope are the file's identity; the edit form starts at the server URL.
	return {mode: 'edit', values, original: values, focus: 2, showKey: false, confirmDiscard: false, saveErrors: [], running, saving: false, ...(host ? {host} : {})};
}

export function formFields(form: NodeForm): FormField[] {
	return [
		{kind: 'text', id: 'name', label: 'Name', hint: 'letters, digits, _ . -'},
		{kind: 'choice', id: 'scope', label: 'Scope', options: scopes},
		{kind: 'text', id: 'serverUrl', label: 'Server URL'},
		{kind: 'text', id: 'port', label: 'Port', hint: 'empty: 443 for https, else 7601'},
		{kind: 'text', id: 'apiPath', label: 'API path'},
		{kind: 'text', id: 'apiKey', label: 'API key', hint: 'v shows or hides it'},
		{kind: 'text', id: 'taskDir', label: 'Task dir', hint: 'empty: the node data dir'},
		{kind: 'choice', id: 'logLevel', label: 'Log level', options: logLevels},
		{kind: 'choice', id: 'encryption', label: 'Encryption', options: ['off', 'on']},
		{kind: 'text', id: 'privateKey', label: 'Private key', hint: 'path; relative to the data dir'},
		{kind: 'text', id: 'image', label: 'Node image', hint: 'empty: as v6 node start picks'},
		...form.values.databases.flatMap((_, index) => (['label', 'uri', 'type'] as const).map(part => ({kind: 'db' as const, index, part}))),
		{kind: 'add-db'},
		{kind: 'save'},
	];
}

export function isReadOnly(form: NodeForm, field: FormField): boolean {
	return form.mode === 'edit' && (field.kind === 'text' || field.kind === 'choice') && (field.id === 'name' || field.id === 'scope');
}

export function fieldText(form: NodeForm, field: FormField): string {
	const {values} = form;
	switch (field.kind) {
		case 'text': {
			return values[field.id];
		}

		case 'choice': {
			return field.id === 'encryption' ? (values.encryption ? 'on' : 'off') : values[field.id];
		}

		case 'db': {
			return values.databases[field.index]?.[field.part] ?? '';
		}

		default: {
			return '';
		}
	}
}

export const isDirty = (form: NodeForm) => JSON.stringify(form.values) !== JSON.stringify(form.original);

export type FormAction =
	| {type: 'form-move'; delta: number}
	| {type: 'form-edit-start'}
	| {type: 'form-edit-input'; value: string}
	| {type: 'form-edit-end'; keep: boolean}
	| {type: 'form-cycle'; delta: number}
	| {type: 'form-add-db'}
	| {type: 'form-remove-db'}
	| {type: 'form-toggle-key'}
	| {type: 'form-discard'; ask: boolean}
	| {type: 'form-saving'; saving: boolean; errors?: string[]; conflict?: EditableField[]};

export function formReducer(form: NodeForm, action: FormAction): NodeForm {
	const fields = formFields(form);
	const field = fields[form.focus];
	switch (action.type) {
		case 'form-move': {
			return {...form, focus: Math.max(0, Math.min(fields.length - 1, form.focus + action.delta))};
		}

		case 'form-edit-start': {
			return field && (field.kind === 'text' || (field.kind === 'db' && field.part !== 'type')) && !isReadOnly(form, field) ? {...form, draft: fieldText(form, field)} : form;
		}

		case 'form-edit-input': {
			return form.draft === undefined ? form : {...form, draft: action.value};
		}

		case 'form-edit-end': {
			const {draft: value, ...rest} = form;
			if (!action.keep || value === undefined || !field) {
				return rest;
			}

			return {...rest, values: setField(form.values, field, value), saveErrors: []};
		}

		case 'form-cycle': {
			if (!field || isReadOnly(form, field)) {
				return form;
			}

			if (field.kind === 'choice') {
				const current = fieldText(form, field);
				const next = field.options[(field.options.indexOf(current) + action.delta + field.options.length) % field.options.length]!;
				return {...form, values: setField(form.values, field, next)};
			}

			if (field.kind === 'db' && field.part === 'type') {
				const current = fieldText(form, field);
				const next = databaseTypes[(databaseTypes.indexOf(current as (typeof databaseTypes)[number]) + action.delta + databaseTypes.length) % databaseTypes.length]!;
				return {...form, values: setField(form.values, field, next)};
			}

			return form;
		}

		case 'form-add-db': {
			const databases = [...form.values.databases, {label: form.values.databases.length === 0 ? 'default' : `db${form.values.databases.length + 1}`, uri: '', type: 'csv'}];
			// Focus the new row's uri, the one thing the operator must type.
			const next = {...form, values: {...form.values, databases}};
			return {...next, focus: formFields(next).findIndex(candidate => candidate.kind === 'db' && candidate.index === databases.length - 1 && candidate.part === 'uri')};
		}

		case 'form-remove-db': {
			if (field?.kind !== 'db') {
				return form;
			}

			const databases = form.values.databases.filter((_, index) => index !== field.index);
			return {...form, values: {...form.values, databases}, focus: Math.min(form.focus, formFields({...form, values: {...form.values, databases}}).length - 1)};
		}

		case 'form-toggle-key': {
			return {...form, showKey: !form.showKey};
		}

		case 'form-discard': {
			return {...form, confirmDiscard: action.ask};
		}

		case 'form-saving': {
			const {conflict: _, ...rest} = form;
			return {...rest, saving: action.saving, saveErrors: action.errors ?? form.saveErrors, ...(action.conflict ? {conflict: action.conflict} : {})};
		}
	}
}

function setField(values: NewNodeFields, field: FormField, value: string): NewNodeFields {
	switch (field.kind) {
		case 'text': {
			return {...values, [field.id]: value};
		}

		case 'choice': {
			return field.id === 'encryption' ? {...values, encryption: value === 'on'} : {...values, [field.id]: value};
		}

		case 'db': {
			return {...values, databases: values.databases.map((database, index) => (index === field.index ? {...database, [field.part]: value} : database))};
		}

		default: {
			return values;
		}
	}
}

/** The form's label of a field, as the conflict question names it. */
export function editableFieldLabel(field: EditableField): string {
	if (field === 'databases') {
		return 'Databases';
	}

	const found = formFields(newForm()).find(candidate => (candidate.kind === 'text' || candidate.kind === 'choice') && candidate.id === field);
	return found && 'label' in found ? found.label : field;
}
