import {open, rename, unlink} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {randomHex} from './random-hex.js';

/**
 * Replaces `path` with `data` so that a reader, or a crash at any instant,
 * sees either the old file or the new one, never a torn or empty one: write a
 * temp file in the same directory, fsync it, rename it over, fsync the dir.
 * New files get mode 0600 (configs hold the api key).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
	const dir = dirname(path);
	const temp = join(dir, `.${basename(path)}.${process.pid}.${randomHex(4)}.tmp`);
	const handle = await open(temp, 'wx', mode);
	try {
		await handle.writeFile(data);
		await handle.chmod(mode);
		await handle.sync();
	} catch (error) {
		await handle.close();
		await unlink(temp).catch(() => undefined);
		throw error;
	}

	await handle.close();
	try {
		await rename(temp, path);
	} catch (error) {
		await unlink(temp).catch(() => undefined);
		throw error;
	}

	await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
	const handle = await open(dir, 'r').catch(() => undefined);
	if (!handle) {
		return;
	}

	try {
		await handle.sync();
	} catch {
		// Some filesystems refuse fsync on a directory; the rename is still atomic.
	} finally {
		await handle.close();
	}
}
