/** n, e, D, K: open the form or a config dialog for the selected node (or a new one). D is dangerous: it asks first. */
import type {Dialog} from '../../state/app-state.js';
import {newForm} from '../../state/form-state.js';
import type {PaneCommand} from '../keymap/commands.js';
import {openEditForm} from './config-actions.js';
import {mayActOn, sayer, selection, type Act, type Ask, type InputContext} from './input-context.js';

/** The selected node when it has a config on disk; otherwise says why not. */
function withConfig(context: InputContext) {
	const say = sayer(context);
	const {row, target} = selection(context);
	if (!row || !target || !row.configPath) {
		say(row ? `${row.name} has no config on disk.` : 'No node selected.');
		return undefined;
	}

	if (!mayActOn(row, say)) {
		return undefined;
	}

	return {row, target, say, running: row.status === 'running'};
}

// In a fleet the new config goes to the selected row's host.
const newNode: Act = context => context.dispatch({type: 'form-open', form: newForm('user', selection(context).row?.host)});

const editNode: Act = context => {
	const found = withConfig(context);
	if (found) {
		openEditForm(found.row, found.target, context, found.say);
	}
};

const deleteConfig: Ask = (context): Dialog | undefined => {
	const found = withConfig(context);
	if (!found) {
		return undefined;
	}

	if (found.running) {
		found.say(`${found.row.name} is running; stop it first (x).`);
		return undefined;
	}

	return {type: 'delete-config', target: found.target};
};

const rotateKey: Act = context => {
	const found = withConfig(context);
	if (!found) {
		return;
	}

	if (found.row.problems.length > 0) {
		found.say(`${found.row.name}: the config is not valid; it was left as it is.`, 'error');
	} else {
		context.dispatch({type: 'open-dialog', dialog: {type: 'api-key', target: found.target, draft: '', show: false, running: found.running}});
	}
};

export const configCommands = {'new-node': newNode, 'edit-node': editNode, 'delete-config': deleteConfig, 'rotate-key': rotateKey} satisfies Record<
	Extract<PaneCommand, 'new-node' | 'edit-node' | 'delete-config' | 'rotate-key'>,
	Act | Ask
>;
