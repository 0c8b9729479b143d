/**
 * Reading a config file that anyone with write access to the config dir may
 * have planted: only a regular file (after following links), never more than
 * the size cap, and never a read that can block (a FIFO, a device).
 */
import {closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats} from 'node:fs';
import {lstat, open, type FileHandle} from 'node:fs/promises';

/** A node config is a few KB; anything above this is refused unread. */
export const maxConfigBytes = 256 * 1024;

/** `denied`: EACCES or EPERM (another user's file or dir). */
export type BoundedRead = {ok: true; bytes: Buffer; realMode: number} | {ok: false; missing: boolean; reason: string; denied?: boolean};

/** The file's bytes, or why it was not read. `missing` only for a path where nothing (not even a link) is. */
export async function readConfigBytes(path: string, cap = maxConfigBytes, usual = 'a node config is a few KB'): Promise<BoundedRead> {
	let handle: FileHandle | undefined;
	try {
		// O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer.
		handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
		// fstat of what was opened, so a file swapped after a check is still judged by what is read.
		const stats = await handle.stat();
		const problem = statProblem(stats, cap, usual);
		return problem ?? bytesRead(await readUpTo(handle, cap + 1, stats.size + 1), stats, cap, usual);
	} catch (error) {
		return {ok: false, missing: await isMissing(path, error), reason: readProblem(error), ...(isDenied(error) ? {denied: true} : {})};
	} finally {
		await handle?.close().catch(() => undefined);
	}
}

/**
 * The same, read with blocking calls: for a command that lists hundreds of configs and exits
 * (`list`), one system call each instead of a round trip through the thread pool for each step
 * (300 files: ~150 ms less). Never for the UI, which must not stop for a slow disk.
 */
export function readConfigBytesSync(path: string, cap = maxConfigBytes, usual = 'a node config is a few KB'): BoundedRead {
	let fd: number | undefined;
	try {
		fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
		const stats = fstatSync(fd);
		const problem = statProblem(stats, cap, usual);
		if (problem) {
			return problem;
		}

		const limit = cap + 1;
		const chunks: Buffer[] = [];
		let total = 0;
		while (total < limit) {
			const chunk = Buffer.alloc(Math.min(limit - total, Math.max(4096, stats.size + 1 - total)));
			const count = readSync(fd, chunk, 0, chunk.length, null);
			if (count === 0) {
				break;
			}

			chunks.push(chunk.subarray(0, count));
			total += count;
		}

		return bytesRead(Buffer.concat(chunks, total), stats, cap, usual);
	} catch (error) {
		const missing = errorCode(error) === 'ENOENT' && !existsAtAllSync(path);
		return {ok: false, missing, reason: readProblem(error)};
	} finally {
		if (fd !== undefined) {
			try {
				closeSync(fd);
			} catch {
				// Closing a file only read from cannot lose anything.
			}
		}
	}
}

/** What is known of an opened file: node:fs Stats, or SFTP's. */
export type FileStats = Pick<Stats, 'size' | 'mode' | 'isFile' | 'isDirectory' | 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket'>;

/** Why what was opened is not read at all: not a regular file, or larger than the cap. */
export function statProblem(stats: FileStats, cap = maxConfigBytes, usual = 'a node config is a few KB'): BoundedRead | undefined {
	const notRegular = stats.isFile() ? undefined : kindName(stats);
	if (notRegular) {
		return {ok: false, missing: false, reason: `It is ${notRegular}, not a regular file.`};
	}

	return stats.size > cap ? {ok: false, missing: false, reason: tooBig(cap, usual)} : undefined;
}

/** The bytes read, unless the file grew past the cap while it was read. */
export function bytesRead(bytes: Buffer, stats: FileStats, cap = maxConfigBytes, usual = 'a node config is a few KB'): BoundedRead {
	return bytes.length > cap ? {ok: false, missing: false, reason: tooBig(cap, usual)} : {ok: true, bytes, realMode: stats.mode & 0o7777};
}

function existsAtAllSync(path: string): boolean {
	try {
		lstatSync(path);
		return true;
	} catch {
		return false;
	}
}

/** At most `limit` bytes, in chunks sized by the expected length (a file may grow while it is read). */
export async function readUpTo(handle: FileHandle, limit: number, expected = 4096): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let total = 0;
	while (total < limit) {
		const chunk = Buffer.alloc(Math.min(limit - total, Math.max(4096, expected - total)));
		const {bytesRead} = await handle.read(chunk, 0, chunk.length, null);
		if (bytesRead === 0) {
			break;
		}

		chunks.push(chunk.subarray(0, bytesRead));
		total += bytesRead;
	}

	return Buffer.concat(chunks, total);
}

function tooBig(cap: number, usual: string): string {
	return `It is larger than ${cap / 1024} KiB, the most vnode-tui reads (${usual}).`;
}

function kindName(stats: {isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean}): string {
	if (stats.isDirectory()) {
		return 'a directory';
	}

	if (stats.isFIFO()) {
		return 'a named pipe (FIFO)';
	}

	if (stats.isCharacterDevice() || stats.isBlockDevice()) {
		return 'a device';
	}

	return stats.isSocket() ? 'a socket' : 'not a plain file';
}

async function isMissing(path: string, error: unknown): Promise<boolean> {
	if (errorCode(error) !== 'ENOENT') {
		return false;
	}

	// A dangling link is something the operator should see, not "no such node".
	return lstat(path).then(
		() => false,
		() => true,
	);
}

/** A read failure in words an operator can act on. */
export function readProblem(error: unknown): string {
	switch (errorCode(error)) {
		case 'ENOENT': {
			return 'It is a link to a file that does not exist.';
		}

		case 'ELOOP': {
			return 'It is a symbolic link loop.';
		}

		case 'EISDIR': {
			return 'It is a directory, not a regular file.';
		}

		case 'EACCES':
		case 'EPERM': {
			return 'Cannot read it: permission denied.';
		}

		default: {
			return `Cannot read it: ${error instanceof Error ? error.message : String(error)}`;
		}
	}
}

/** EACCES or EPERM: the path is someone else's. */
export function isDenied(error: unknown): boolean {
	const code = errorCode(error);
	return code === 'EACCES' || code === 'EPERM';
}

export function errorCode(error: unknown): string | undefined {
	return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Whether anything (a file, a directory, a link, even a dangling one) is at the path. */
export async function existsAtAll(path: string): Promise<boolean> {
	return lstat(path).then(
		() => true,
		() => false,
	);
}
