import {Box} from 'ink';
import React from 'react';
import {Text} from '../text.js';
import {maskSecrets, maskValue} from '../../domain/mask.js';
import {validateNewNode, type FieldErrors} from '../../domain/new-node.js';
import {fieldText, formFields, isReadOnly, type FormField, type NodeForm} from '../../state/form-state.js';
import type {Theme} from '../theme.js';
import {fit, truncate} from '../text-fit.js';

const labelWidth = 14;

/** The node form: one field a row, what is wrong beside it, the keys at the bottom. */
export function NodeFormView({form, width, height, theme}: {form: NodeForm; width: number; height: number; theme: Theme}) {
	const fields = formFields(form);
	const errors = validateNewNode(form.values);
	const valueWidth = Math.max(16, Math.min(60, Math.floor(width * 0.45)));
	const room = Math.max(3, height - 4);
	const start = Math.min(Math.max(0, form.focus - Math.floor(room / 2)), Math.max(0, fields.length - room));
	const onHost = form.host === undefined ? '' : ` on ${form.host}`;
	const title = form.mode === 'new' ? `New node config${onHost}` : `Edit ${form.values.name} (${form.values.scope})${onHost}: only the values you change are written`;
	const help = form.conflict
		? 'o saves yours over theirs · t keeps theirs there (your other changes are saved) · Esc cancels'
		: form.confirmDiscard
		? 'Discard the changes? y discards, n or Esc keeps editing.'
		: form.draft === undefined
			? 'j/k move · Enter edit / choose / save · Space ←/→ change a choice · x remove a database · v show secrets · Esc close'
			: 'typing · Ctrl+U clears · Enter keeps · Esc cancels';
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={theme.color('accent')} width={width} height={height} paddingX={1}>
			<Text bold wrap="truncate">
				{title}
			</Text>
			{form.saveErrors.map(message => (
				<Text key={message} color={theme.color('error')} wrap="truncate">
					{form.showKey ? message : maskSecrets(message)}
				</Text>
			))}
			{fields.slice(start, start + room - form.saveErrors.length).map((field, index) => {
				const position = start + index;
				const focused = position === form.focus;
				const found = fieldError(field, errors);
				const error = found && !form.showKey ? maskSecrets(found) : found;
				return (
					<Text key={fieldKey(field)} inverse={focused && form.draft === undefined} color={theme.color(error ? 'error' : undefined)} wrap="truncate">
						{`${focused ? '▸ ' : '  '}${fit(fieldLabel(field), labelWidth)} ${fit(shownValue(form, field, focused), valueWidth)} ${error ? `✗ ${truncate(error, width)}` : (field.kind === 'text' && field.hint) || ''}`}
					</Text>
				);
			})}
			<Text color={theme.color(form.confirmDiscard || form.conflict ? 'warn' : 'muted')} wrap="truncate">
				{form.saving ? 'Saving…' : help}
			</Text>
		</Box>
	);
}

function fieldKey(field: FormField): string {
	return field.kind === 'db' ? `db-${field.index}-${field.part}` : field.kind === 'text' || field.kind === 'choice' ? field.id : field.kind;
}

function fieldLabel(field: FormField): string {
	switch (field.kind) {
		case 'db': {
			return field.part === 'label' ? `Database ${field.index + 1}` : field.part === 'uri' ? '  uri' : '  type';
		}

		case 'add-db': {
			return '';
		}

		case 'save': {
			return '';
		}

		default: {
			return field.label;
		}
	}
}

function shownValue(form: NodeForm, field: FormField, focused: boolean): string {
	if (field.kind === 'add-db') {
		return '[ + add a database ]';
	}

	if (field.kind === 'save') {
		return form.mode === 'new' ? '[ Create ]' : '[ Save ]';
	}

	const editing = focused && form.draft !== undefined;
	const value = editing ? form.draft! : fieldText(form, field);
	const secret = field.kind === 'text' && field.id === 'apiKey' && !form.showKey;
	// A database URI shows without its password (userinfo, ?password=, libpq password=) until v.
	const text = secret ? (editing ? '•'.repeat(value.length) : value ? maskValue(value) : '') : form.showKey ? value : maskSecrets(value);
	const choice = field.kind === 'choice' || (field.kind === 'db' && field.part === 'type') ? `‹ ${text} ›` : text;
	return `${choice}${editing ? '█' : ''}${isReadOnly(form, field) ? ' (fixed)' : ''}`;
}

function fieldError(field: FormField, errors: FieldErrors): string | undefined {
	if (field.kind === 'text' || field.kind === 'choice') {
		return errors[field.id];
	}

	return field.kind === 'db' && field.part === 'label' ? errors[`databases.${field.index}`] : undefined;
}
