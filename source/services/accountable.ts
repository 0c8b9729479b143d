/**
 * What every changing action goes through, in the services the UI and the
 * commands share: refused in read-only mode, and written to the audit log as
 * one entry (who, what, how it went, how long, the equivalent command). A log
 * that cannot be written is said (onAuditError), never a reason to hide or undo
 * what the action did.
 */
import {auditMessage, type AuditAction, type AuditEntry, type AuditWho} from '../domain/audit-entry.js';
import type {Scope} from '../domain/node-config.js';
import {ActionError} from './action-error.js';

/** Where entries go: the log files (source/audit/), or memory in tests. */
export type AuditSink = {append(entry: AuditEntry): Promise<void>};

export type Accountability = {
	sink: AuditSink;
	who: AuditWho;
	/** Why changes are off (`--read-only`, `VNODE_READ_ONLY=1`, the settings file); undefined when they are on. */
	readOnly?: string;
	/** Told when an entry could not be written (the CLI: stderr; the UI: the header). */
	onAuditError?: (message: string) => void;
	/** Told when an entry was written after a failure (the UI clears its warning). */
	onAuditOk?: () => void;
	now?: () => number;
};

/** What one audited action is about. */
export type AuditTarget = {
	action: AuditAction;
	node?: string;
	scope?: Scope | 'all';
	/** The equivalent command; a function sees the result (a clean's list of removed things). */
	command: string;
	/** Values that must never reach the log, even inside an error message (an API key being set). */
	secrets?: readonly string[];
};

/** A result that is not a thrown error but still a failure (a `new` with field errors): its message. */
export type Judge<T> = (result: T) => {failed?: string; detail?: string; command?: string};

export class Accountable {
	constructor(private readonly setup?: Accountability) {}

	get readOnly(): string | undefined {
		return this.setup?.readOnly;
	}

	/** Throws the read-only refusal for this action; nothing is written, nothing is logged. */
	refuseIfReadOnly(action: AuditAction): void {
		const why = this.setup?.readOnly;
		if (why !== undefined) {
			throw new ActionError('read-only', readOnlyMessage(action, why));
		}
	}

	/** Runs a changing action: refused when read-only, else done and logged, ok or failed. */
	async run<T>(target: AuditTarget, work: () => Promise<T>, judge?: Judge<T>): Promise<T> {
		this.refuseIfReadOnly(target.action);
		const now = this.setup?.now ?? Date.now;
		const started = now();
		try {
			const result = await work();
			const verdict = judge?.(result) ?? {};
			await this.write(target, started, verdict.failed, verdict.detail, verdict.command);
			return result;
		} catch (error) {
			await this.write(target, started, error instanceof Error ? error.message : String(error));
			throw error;
		}
	}

	private async write(target: AuditTarget, started: number, failed: string | undefined, detail?: string, command?: string): Promise<void> {
		const {setup} = this;
		if (!setup) {
			return;
		}

		const ended = (setup.now ?? Date.now)();
		const secrets = target.secrets ?? [];
		const entry: AuditEntry = {
			time: new Date(started).toISOString(),
			...setup.who,
			action: target.action,
			...(target.node === undefined ? {} : {node: target.node}),
			...(target.scope === undefined ? {} : {scope: target.scope}),
			outcome: failed === undefined ? 'ok' : 'failed',
			...(failed === undefined ? {} : {error: auditMessage(failed, secrets)}),
			durationMs: Math.max(0, Math.round(ended - started)),
			command: auditMessage(command ?? target.command, secrets),
			...(detail ? {detail: auditMessage(detail, secrets)} : {}),
		};
		try {
			await setup.sink.append(entry);
			setup.onAuditOk?.();
		} catch (error) {
			setup.onAuditError?.(auditMessage(error instanceof Error ? error.message : String(error), secrets));
		}
	}
}

export function readOnlyMessage(action: string, why: string): string {
	return `read-only mode (${why}): '${action}' is turned off; nothing was changed.`;
}
