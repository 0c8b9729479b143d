import {checkNodeName} from '../domain/node-config.js';

/** Why a node action was refused or failed, apart from engine errors. */
export type ActionErrorKind = 'invalid-name' | 'config-missing' | 'config-invalid' | 'spec-invalid' | 'already-running' | 'crashed' | 'running' | 'engine' | 'read-only';

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
