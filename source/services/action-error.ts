import type {ConfigStore} from '../config/config-store.js';
import {checkNodeName, type Scope} from '../domain/node-config.js';

/** Why a node action was refused or failed, apart from engine errors. */
export type ActionErrorKind = 'invalid-name' | 'config-missing' | 'config-invalid' | 'spec-invalid' | 'already-running' | 'crashed' | 'running' | 'engine' | 'needs-root' | 'read-only';

export class ActionError extends Error {
	override readonly name = 'ActionError';

	constructor(
		readonly kind: ActionErrorKind,
		message: string,
		/** Extra lines for the operator (a crashed node's last log lines). */
		readonly details: readonly string[] = [],
		readonly exitCode?: number,
	) {
		super(message);
	}
}

/** Throws unless the name is a valid node name: no name reaches a path or a request unchecked. */
export function requireNodeName(name: string): void {
	const problem = checkNodeName(name);
	if (problem) {
		throw new ActionError('invalid-name', problem);
	}
}

/**
 * Refuses, before anything is read or requested, what this user may not do to a node of this scope
 * (a system node without root, ConfigStore.needsRoot): said with the command to run instead.
 */
export function requireScopeAccess(store: Pick<ConfigStore, 'needsRoot'>, name: string, scope: Scope, command?: string): void {
	const reason = store.needsRoot(scope);
	if (reason) {
		const instead = command ? `sudo vnode-tui ${command} ${name} --${scope}` : 'sudo vnode-tui';
		throw new ActionError('needs-root', `${name} is a ${scope}-scope node and needs root (${reason}). Run '${instead}'. Nothing was done.`);
	}
}
