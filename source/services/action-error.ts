/** Why a node action was refused or failed, apart from engine errors. */
export type ActionErrorKind = 'config-missing' | 'config-invalid' | 'spec-invalid' | 'already-running' | 'crashed' | 'running';

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
