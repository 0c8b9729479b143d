/** `vnode-tui audit [--since D] [--node NAME] [--json]`: the audit log, newest last, every field sanitized. */
import {auditText, filterAudit, type AuditReading} from '../domain/audit-entry.js';
import {parseSince} from '../domain/duration.js';
import {checkNodeName} from '../domain/node-config.js';

export type AuditQuery = {since?: string; node?: string; json: boolean};

/** The checked filter, or a usage problem. */
export function auditFilterOf(query: AuditQuery, nowMs: number): {since?: number; node?: string} | {problem: string} {
	const since = query.since === undefined ? undefined : parseSince(query.since, nowMs);
	if (query.since !== undefined && since === undefined) {
		return {problem: `--since takes 10m, 2h, 1d, an ISO date or Unix seconds, not '${query.since}'.`};
	}

	if (query.node !== undefined) {
		const problem = checkNodeName(query.node);
		if (problem) {
			return {problem: `--node: ${problem}`};
		}
	}

	return {...(since === undefined ? {} : {since}), ...(query.node === undefined ? {} : {node: query.node})};
}

/** What to print: the lines (text) or the object (JSON), and the problems for stderr. */
export function auditReport(reading: AuditReading, filter: {since?: number; node?: string}, json: boolean): {text?: string[]; json?: unknown; warnings: string[]} {
	const entries = filterAudit(reading.entries, filter);
	const warnings = [
		...reading.problems.map(problem => `warning: ${problem}`),
		...(reading.unreadable > 0 ? [`warning: ${reading.unreadable} line${reading.unreadable === 1 ? ' is' : 's are'} not audit entries and left out`] : []),
	];
	if (json) {
		return {json: entries, warnings};
	}

	return {text: entries.length > 0 ? entries.map(entry => auditText(entry)) : ['No audit entries match.'], warnings};
}
