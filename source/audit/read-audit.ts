/**
 * Reading the audit logs back, bounded: the end of each file (the newest
 * entries), at most a few MB, parsed line by line as untrusted text.
 */
import {constants} from 'node:fs';
import {open} from 'node:fs/promises';
import {mergeAudit, parseAuditLine, type AuditEntry, type AuditReading} from '../domain/audit-entry.js';
import {errorCode, readProblem} from '../config/bounded-read.js';
import type {AuditPaths} from './audit-file.js';

/** Read from the end of each file; older entries are in the rotated files, which are read only when this leaves room. */
export const auditReadBytes = 4 * 1024 * 1024;

/** Both logs, the current file and the newest rotated one each, oldest entry first. */
export async function readAuditLogs(paths: AuditPaths, maxBytes = auditReadBytes): Promise<AuditReading> {
	const files = [...new Set([paths.system, paths.user])].flatMap(path => [`${path}.1`, path]);
	const problems: string[] = [];
	let unreadable = 0;
	const lists: AuditEntry[][] = [];
	for (const path of files) {
		const text = await readTail(path, maxBytes).catch((error: unknown) => {
			if (errorCode(error) !== 'ENOENT') {
				problems.push(`${path}: ${readProblem(error)}${errorCode(error) === 'EACCES' ? ' (the system log is root\'s: sudo vnode-tui audit)' : ''}`);
			}

			return '';
		});
		const entries: AuditEntry[] = [];
		for (const line of text.split('\n')) {
			if (line.trim() === '') {
				continue;
			}

			const entry = parseAuditLine(line);
			if (entry) {
				entries.push(entry);
			} else {
				unreadable++;
			}
		}

		lists.push(entries);
	}

	return {entries: mergeAudit(lists), unreadable, problems};
}

/** The last `maxBytes` of a regular file, from the first whole line on. */
async function readTail(path: string, maxBytes: number): Promise<string> {
	const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
	try {
		const stats = await handle.stat();
		if (!stats.isFile()) {
			throw Object.assign(new Error('It is not a regular file.'), {code: 'EISDIR'});
		}

		const start = Math.max(0, stats.size - maxBytes);
		const length = Math.min(stats.size, maxBytes);
		const buffer = Buffer.alloc(length);
		const {bytesRead} = await handle.read(buffer, 0, length, start);
		const text = buffer.subarray(0, bytesRead).toString('utf8');
		// A cut first line is not an entry.
		return start > 0 ? text.slice(text.indexOf('\n') + 1) : text;
	} finally {
		await handle.close();
	}
}
