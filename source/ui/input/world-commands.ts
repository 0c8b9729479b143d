/**
 * A node's world: Enter opens a run or helper from the Runs tab; c removes
 * what the node left over. c is dangerous: its handler names the clean plan
 * (exactly what would go, by kind and name) and the dispatcher asks first.
 */
import {cleanPlan, rowsNamed} from '../../domain/node-world.js';
import {runItems} from '../../domain/run-items.js';
import type {Dialog} from '../../state/app-state.js';
import type {PaneCommand} from '../keymap/commands.js';
import {sayer, selection, type Act, type Ask} from './input-context.js';

const openRun: Act = context => {
	const say = sayer(context, 'info');
	const {row} = selection(context);
	if (!row) {
		say('No node selected.');
		return;
	}

	if (context.state.inspectorTab !== 'runs') {
		say('Enter opens a run on the Runs tab (] moves there).');
		return;
	}

	if (context.runOpen) {
		return;
	}

	const item = runItems(row)[context.state.runCursor];
	if (item) {
		context.dispatch({type: 'open-run', nodeKey: row.key, id: item.id});
	} else {
		say(`${row.name} has no runs or helpers to open.`);
	}
};

const clean: Ask = (context): Dialog | undefined => {
	const say = sayer(context);
	const {row} = selection(context);
	if (!row) {
		say('No node selected.');
		return undefined;
	}

	if (context.state.pending[row.key]) {
		say(`${row.name} is busy: ${context.state.pending[row.key]}.`);
		return undefined;
	}

	if (!row.leftovers) {
		say(`${row.name}: its runs and leftovers are not known (the engine did not list them); nothing was removed.`);
		return undefined;
	}

	// Both scopes' rows of a name without one: run and helper names carry no scope (as `vnode-tui clean NAME`).
	const items = cleanPlan(rowsNamed(context.rows, row.name, row.scope));
	if (items.length === 0) {
		say(`${row.name}: nothing left over to clean.`, 'info');
		return undefined;
	}

	return {type: 'clean', target: {key: row.key, name: row.name, ...(row.scope ? {scope: row.scope} : {}), ...(row.host ? {host: row.host} : {})}, items, offset: 0};
};

export const worldCommands = {'open-run': openRun, clean} satisfies Record<Extract<PaneCommand, 'open-run' | 'clean'>, Act | Ask>;
