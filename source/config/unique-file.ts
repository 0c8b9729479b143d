/**
 * Files that never replace another: a name stamped to the millisecond with a
 * short random suffix, written or moved only where nothing is yet (EEXIST means
 * another name is tried, never an overwrite).
 */
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {errorCode} from './bounded-read.js';
import {localFs, type HostFs} from './host-fs.js';
import {randomHex} from './random-hex.js';

/** How many names are tried before giving up (each has 16 random bits, so one clash is already rare). */
const attempts = 8;

/** `2026-12-01T053812.345Z-3fa9`: sorts by time, unique within a millisecond too. */
export function uniqueStamp(now: Date): string {
	return `${now.toISOString().replaceAll(':', '')}-${randomHex(2)}`;
}

/** Writes `text` to a new file `dir/<prefix>-<stamp><suffix>` (mode 0600); returns its path. */
export async function writeNewFile(dir: string, prefix: string, suffix: string, text: string, now: Date): Promise<string> {
	return tryNames(dir, prefix, suffix, now, async path => writeFile(path, text, {mode: 0o600, flag: 'wx'}));
}

/** Moves `from` to a new file `dir/<prefix>-<stamp><suffix>` (same file system), never replacing one; returns its path. */
export async function moveToNewFile(from: string, dir: string, prefix: string, suffix: string, now: Date, fs: HostFs = localFs): Promise<string> {
	return tryNames(dir, prefix, suffix, now, async path => fs.moveNew(from, path));
}

/**
 * Makes `dir` (mode 0700) when it is not there; refuses one that is not a real
 * directory: a symlink could send the files somewhere else.
 */
export async function ensureRealDirectory(dir: string, fs: HostFs = localFs): Promise<string | undefined> {
	try {
		await fs.mkdir(dir, {mode: 0o700});
	} catch (error) {
		if (errorCode(error) !== 'EEXIST') {
			throw error;
		}
	}

	const kind = await fs.lstatKind(dir);
	if (kind === 'symlink') {
		return `${dir} is a symbolic link, not a directory; move it away and try again.`;
	}

	return kind === 'directory' ? undefined : `${dir} is not a directory; move it away and try again.`;
}

async function tryNames(dir: string, prefix: string, suffix: string, now: Date, create: (path: string) => Promise<void>): Promise<string> {
	for (let attempt = 1; ; attempt++) {
		const path = join(dir, `${prefix}-${uniqueStamp(now)}${suffix}`);
		try {
			// eslint-disable-next-line no-await-in-loop
			await create(path);
			return path;
		} catch (error) {
			if (errorCode(error) !== 'EEXIST' || attempt >= attempts) {
				throw error;
			}
		}
	}
}
