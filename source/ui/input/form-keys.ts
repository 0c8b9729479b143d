/** Keys of the node form while no field is being typed in: moving, choices, saving, and its two questions (discard? conflict?). */
import {formFields, isDirty, type NodeForm} from '../../state/form-state.js';
import type {FormCommand} from '../keymap/commands.js';
import {saveForm} from './config-actions.js';
import type {Act, CommandContext} from './input-context.js';

/** A handler that runs only while the form is open. */
function withForm(run: (form: NodeForm, context: CommandContext) => void): Act {
	return context => {
		if (context.state.form) {
			run(context.state.form, context);
		}
	};
}

const focused = (form: NodeForm) => formFields(form)[form.focus];

export const formKeys: Record<FormCommand, Act> = {
	'next-field': context => context.dispatch({type: 'form-move', delta: 1}),
	'prev-field': context => context.dispatch({type: 'form-move', delta: -1}),
	activate: withForm((form, context) => {
		const field = focused(form);
		if (field?.kind === 'save') {
			saveForm(form, context);
		} else if (field?.kind === 'add-db') {
			context.dispatch({type: 'form-add-db'});
		} else if (field?.kind === 'choice' || (field?.kind === 'db' && field.part === 'type')) {
			context.dispatch({type: 'form-cycle', delta: 1});
		} else {
			context.dispatch({type: 'form-edit-start'});
		}
	}),
	'next-choice': context => context.dispatch({type: 'form-cycle', delta: 1}),
	'prev-choice': context => context.dispatch({type: 'form-cycle', delta: -1}),
	'remove-db': withForm((form, context) => {
		if (focused(form)?.kind === 'db') {
			context.dispatch({type: 'form-remove-db'});
		}
	}),
	'toggle-key': context => context.dispatch({type: 'form-toggle-key'}),
	'close-form': withForm((form, context) => context.dispatch(isDirty(form) ? {type: 'form-discard', ask: true} : {type: 'form-close'})),
	discard: context => context.dispatch({type: 'form-close'}),
	'keep-editing': context => context.dispatch({type: 'form-discard', ask: false}),
	overwrite: withForm((form, context) => saveForm(form, context, 'overwrite')),
	'keep-theirs': withForm((form, context) => saveForm(form, context, 'keep-theirs')),
	'cancel-save': context => context.dispatch({type: 'form-saving', saving: false, errors: ['Not saved; the form still has your values.']}),
};
