/**
 * Node actions on the selected node: start acts at once; stop, restart and
 * remove are dangerous, so their handlers only check and name the
 * confirmation, and the dispatcher opens it (command-handlers.ts).
 */
import {containerNameOf, volumeNamesOf} from '../../domain/node-spec.js';
import type {NodeRow} from '../../domain/node-row.js';
import type {Dialog, NodeTarget} from '../../state/app-state.js';
import type {PaneCommand} from '../keymap/commands.js';
import {errorText, mayActOn, sayer, selection, type Act, type Ask, type InputContext, type Say} from './input-context.js';

type Checked = {row: NodeRow; target: NodeTarget; say: Say};

/** The selected node when an action can run on it now; otherwise says why not. */
function actionable(context: InputContext): Checked | undefined {
	const say = sayer(context);
	const {row, target} = selection(context);
	if (!row || !target) {
		say(row ? `${row.name}: ${row.unmanaged ?? 'its container has no scope label'}; manage it with docker.` : 'No node selected.');
		return undefined;
	}

	if (!mayActOn(row, say)) {
		return undefined;
	}

	if (context.state.pending[row.key]) {
		say(`${row.name} is busy: ${context.state.pending[row.key]}.`);
		return undefined;
	}

	return {row, target, say};
}

function stopOrRestart(action: 'stop' | 'restart'): Ask {
	return context => {
		const checked = actionable(context);
		if (!checked) {
			return undefined;
		}

		const {row, target, say} = checked;
		if (row.status !== 'running') {
			say(`${row.name} is not running.`, 'info');
		} else if (action === 'restart' && row.problems.length > 0) {
			say(`${row.name}: the config is not valid; a restart would leave it stopped. Nothing was done.`, 'error');
		} else {
			return {type: 'confirm', action, target, commandLine: `v6 node ${action} --name ${target.name} --${target.scope}`};
		}

		return undefined;
	};
}

const start: Act = context => {
	const checked = actionable(context);
	if (!checked) {
		return;
	}

	const {row, target, say} = checked;
	if (row.status === 'running') {
		say(`${row.name} is already running.`, 'info');
	} else if (!row.configPath) {
		say(`${row.name} has no config on disk; vnode-tui cannot start it.`);
	} else if (row.problems.length > 0) {
		say(`${row.name}: the config is not valid (see the inspector); nothing was started.`, 'error');
	} else {
		context.actions.start(target);
	}
};

const remove: Ask = (context): Dialog | undefined => {
	const checked = actionable(context);
	if (!checked) {
		return undefined;
	}

	const {row, target, say} = checked;
	if (!row.container) {
		say(`${row.name} has no container to remove.`, 'info');
	} else if (row.status === 'running') {
		say(`${row.name} is running; stop it first (x).`);
	} else {
		const volumes = Object.values(volumeNamesOf(target.name, target.scope, context.hostEnv));
		const commandLine = `docker rm ${containerNameOf(target.name, target.scope)} [&& docker volume rm ${volumes.join(' ')}]`;
		return {type: 'remove', target, volumes, commandLine};
	}

	return undefined;
};

/** A shell in the opened run's container, else the selected node's, when it runs; the screen comes back with how it ended. */
const shell: Act = context => {
	const say = sayer(context);
	const row = context.rows.find(candidate => candidate.key === context.state.selectedKey);
	const run = context.openRun;
	if (run) {
		if (run.state !== 'running') {
			say(`${run.container} is not running (${run.state}): a shell needs a running container.`, 'info');
			return;
		}

		openShell(context, run.id, run.container);
	} else if (!row) {
		say('No node selected.');
	} else if (!row.container) {
		say(`${row.name} has no container to open a shell in${row.configPath ? '; start it first (s)' : ''}.`, 'info');
	} else if (row.status !== 'running') {
		say(`${row.name} is not running (${row.status}): a shell needs a running container. Start it first (s).`, 'info');
	} else {
		openShell(context, row.container.id, row.name);
	}
};

function openShell(context: InputContext, container: string, name: string): void {
	const say = sayer(context);
	context.services.shell(container).then(
		outcome => {
			say(outcome.problem ? `${name}: ${outcome.problem}` : `Shell in ${name} ended (exit code ${outcome.exitCode}).`, outcome.problem ? 'error' : 'info');
		},
		(error: unknown) => {
			say(`No shell in ${name}: ${errorText(error)}`, 'error');
		},
	);
}

export const nodeCommands = {start, stop: stopOrRestart('stop'), restart: stopOrRestart('restart'), remove, shell} satisfies Record<Extract<PaneCommand, 'start' | 'stop' | 'restart' | 'remove' | 'shell'>, Act | Ask>;
