/**
 * The audit log on disk. Each entry is one JSON line written with one write(2)
 * on a descriptor opened O_APPEND, so lines of parallel vnode-tui processes
 * never interleave. Files are created 0600 in a 0700 directory. Rotation by
 * size happens under a lock file (O_EXCL) and only when the size is still over
 * the limit once the lock is held: parallel writers rotate once, and a writer
 * that opened the file before the rename finishes its line in the rotated file.
 */
import {lazyChildProcess} from '../lazy-builtin.js';
import {constants} from 'node:fs';
import {mkdir, open, rename, stat, unlink} from 'node:fs/promises';
import {homedir} from 'node:os';
import {dirname, join} from 'node:path';
import type {AuditEntry} from '../domain/audit-entry.js';
import type {AuditSink} from '../services/accountable.js';
import {errorCode} from '../config/bounded-read.js';

/** Where the two logs are. */
export type AuditPaths = {system: string; user: string};

export type AuditFileOptions = {
	/** Rotate when the file has reached this size. @default 5 MiB */
	maxBytes?: number;
	/** Rotated files kept (`audit.jsonl.1` newest ... `.N`). @default 5 */
	keep?: number;
	/** Also send every line to syslog (`--audit-syslog`), through `logger`. */
	syslog?: boolean;
	/** The logger program. @default 'logger' */
	logger?: string;
};

export const auditMaxBytes = 5 * 1024 * 1024;
export const auditKeep = 5;
/** A lock file older than this is from a process that died while rotating. */
const staleLockMs = 10_000;
/** How long `logger` may take. */
const syslogTimeoutMs = 2000;
/** The longest line written; an entry's fields are bounded far below it. */
const maxLineBytes = 64 * 1024;

/** System-scope actions: /var/log/vnode-tui (VNODE_AUDIT_DIR overrides); user-scope: $XDG_STATE_HOME/vnode-tui. */
export function auditPaths(env: Readonly<Record<string, string | undefined>>): AuditPaths {
	const home = env['HOME'] || homedir();
	const state = env['XDG_STATE_HOME']?.startsWith('/') ? env['XDG_STATE_HOME'] : join(home, '.local', 'state');
	const systemDir = env['VNODE_AUDIT_DIR']?.startsWith('/') ? env['VNODE_AUDIT_DIR'] : '/var/log/vnode-tui';
	return {system: join(systemDir, 'audit.jsonl'), user: join(state, 'vnode-tui', 'audit.jsonl')};
}

export class AuditFileSink implements AuditSink {
	constructor(
		readonly paths: AuditPaths,
		private readonly options: AuditFileOptions = {},
	) {}

	async append(entry: AuditEntry): Promise<void> {
		const line = `${JSON.stringify(entry)}\n`;
		// A user-scope action goes to the user's log; any other to the system log when it can be written.
		const targets = entry.scope === 'user' ? [this.paths.user] : [this.paths.system, this.paths.user];
		const failures: string[] = [];
		for (const path of targets) {
			try {
				await appendAuditLine(path, line, this.options);
				failures.length = 0;
				break;
			} catch (error) {
				failures.push(`${path}: ${error instanceof Error ? error.message : String(error)}`);
			}
		}

		const syslog = this.options.syslog ? sendToSyslog(line.trimEnd(), this.options.logger ?? 'logger') : Promise.resolve();
		const syslogProblem = await syslog.then(
			() => undefined,
			(error: unknown) => `syslog: ${error instanceof Error ? error.message : String(error)}`,
		);
		const problems = [...(failures.length > 0 ? [`the audit log was not written (${failures.join('; ')})`] : []), ...(syslogProblem ? [syslogProblem] : [])];
		if (problems.length > 0) {
			throw new Error(problems.join('; '));
		}
	}
}

/** One line appended with one write; rotates first when the file is full. */
export async function appendAuditLine(path: string, line: string, options: AuditFileOptions = {}): Promise<void> {
	const bytes = Buffer.from(line);
	if (bytes.length > maxLineBytes) {
		throw new Error(`an audit line of ${bytes.length} bytes is longer than ${maxLineBytes}`);
	}

	await mkdir(dirname(path), {recursive: true, mode: 0o700});
	await rotateIfFull(path, options.maxBytes ?? auditMaxBytes, options.keep ?? auditKeep);
	// O_NOFOLLOW: a link planted where the log is does not redirect the writes; O_NONBLOCK: a FIFO does not hang.
	const handle = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY, 0o600);
	try {
		if (!(await handle.stat()).isFile()) {
			throw new Error('it is not a regular file');
		}

		const {bytesWritten} = await handle.write(bytes, 0, bytes.length, null);
		if (bytesWritten !== bytes.length) {
			throw new Error(`only ${bytesWritten} of ${bytes.length} bytes were written (disk full?)`);
		}
	} finally {
		await handle.close();
	}
}

async function sizeOf(path: string): Promise<number> {
	return stat(path).then(
		stats => stats.size,
		() => 0,
	);
}

async function rotateIfFull(path: string, maxBytes: number, keep: number): Promise<void> {
	if ((await sizeOf(path)) < maxBytes) {
		return;
	}

	const lock = `${path}.lock`;
	if (!(await takeLock(lock))) {
		// Another process rotates right now; this line goes to whichever file is current.
		return;
	}

	try {
		// Checked again under the lock: a writer that waited must not rotate a file just rotated.
		if ((await sizeOf(path)) < maxBytes) {
			return;
		}

		for (let index = keep - 1; index >= 1; index--) {
			await rename(`${path}.${index}`, `${path}.${index + 1}`).catch(ignoreMissing);
		}

		await rename(path, `${path}.1`).catch(ignoreMissing);
	} finally {
		await unlink(lock).catch(() => undefined);
	}
}

async function takeLock(lock: string): Promise<boolean> {
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const handle = await open(lock, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
			await handle.close();
			return true;
		} catch (error) {
			if (errorCode(error) !== 'EEXIST') {
				throw error;
			}

			const age = await stat(lock).then(
				stats => Date.now() - stats.mtimeMs,
				() => 0,
			);
			if (age < staleLockMs) {
				return false;
			}

			await unlink(lock).catch(() => undefined);
		}
	}

	return false;
}

function ignoreMissing(error: unknown): void {
	if (errorCode(error) !== 'ENOENT') {
		throw error;
	}
}

/** `logger -t vnode-tui -p authpriv.info -- LINE`, killed after a timeout; no shell. */
async function sendToSyslog(line: string, logger: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = lazyChildProcess().spawn(logger, ['-t', 'vnode-tui', '-p', 'authpriv.info', '--', line], {stdio: ['ignore', 'ignore', 'pipe']});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => {
			stderr = (stderr + String(chunk)).slice(0, 500);
		});
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${logger} did not answer within ${syslogTimeoutMs / 1000} s`));
		}, syslogTimeoutMs);
		child.on('error', error => {
			clearTimeout(timer);
			reject(new Error(errorCode(error) === 'ENOENT' ? `${logger} is not installed` : error.message));
		});
		child.on('close', code => {
			clearTimeout(timer);
			if (code === 0) {
				resolve();
			} else {
				reject(new Error(`${logger} exited with ${code ?? 'a signal'}${stderr ? `: ${stderr.trim()}` : ''}`));
			}
		});
	});
}
