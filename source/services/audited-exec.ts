/**
 * A command or shell in a container is a change like any other: what is typed there can
 * stop the node or edit its data. So it is refused in read-only mode and written to the audit
 * log (the command line, never what was typed), from the shell (`exec`) and the UI (`E`) alike.
 */
import {shellCommand} from '../domain/audit-entry.js';
import {Accountable, type Accountability} from './accountable.js';
import type {ExecOutcome} from './exec-shell.js';

export function auditedExec(accountability: Accountability | undefined, container: string, cmd: readonly string[], work: () => Promise<ExecOutcome>): Promise<ExecOutcome> {
	const guard = new Accountable(accountability);
	const node = /^vantage6-(.+?)-(?:user|system)$/.exec(container)?.[1] ?? /^vantage6-(.+?)-run-\d+$/.exec(container)?.[1];
	return guard.run({action: 'exec', ...(node ? {node} : {}), command: shellCommand(['docker', 'exec', '-it', container, ...cmd])}, work, outcome => ({
		detail: `exit code ${outcome.exitCode}`,
		...(outcome.problem ? {failed: outcome.problem} : {}),
	}));
}
