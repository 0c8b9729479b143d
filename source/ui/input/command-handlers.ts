/**
 * The table from command to handler, one entry per command (the compiler
 * checks that none is missing), and the dispatcher. A dangerous command's
 * handler only checks and names its confirmation; the dispatcher opens it
 * because the keymap marks the command dangerous.
 */
import {commandInfo, type Command, type DangerousCommand} from '../keymap/commands.js';
import {configCommands} from './config-commands.js';
import {dialogKeys} from './dialog-keys.js';
import {formKeys} from './form-keys.js';
import type {Act, Ask, CommandContext} from './input-context.js';
import {logCommands} from './log-commands.js';
import {navigationCommands} from './navigation-commands.js';
import {nodeCommands} from './node-commands.js';
import {textKeys} from './text-entry.js';
import {worldCommands} from './world-commands.js';
import {auditCommands} from './audit-commands.js';

type Handlers = {[C in Command]: C extends DangerousCommand ? Ask : Act};

export const handlers: Handlers = {
	...navigationCommands,
	...logCommands,
	...nodeCommands,
	...configCommands,
	...worldCommands,
	...dialogKeys,
	...formKeys,
	...textKeys,
	...auditCommands,
};

/** Runs a command: a dangerous one opens the confirmation its handler names; any other acts at once. */
export function runCommand(command: Command, context: CommandContext): void {
	const readOnly = context.services.readOnly;
	if (readOnly !== undefined && commandInfo(command).changes) {
		// Refused before any dialog or form opens; the services would refuse it too.
		context.dispatch({type: 'status', message: {kind: 'error', text: `read-only (${readOnly}): ${commandInfo(command).hint ?? command} is turned off; nothing was changed.`}});
		return;
	}

	if (commandInfo(command).dangerous) {
		const dialog = (handlers[command] as Ask)(context);
		if (dialog) {
			context.dispatch({type: 'open-dialog', dialog});
		}

		return;
	}

	(handlers[command] as Act)(context);
}
