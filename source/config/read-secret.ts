import process from 'node:process';
import {readConfigBytes} from './bounded-read.js';

/** An API key is short; more than this from a file or stdin is a mistake (or /dev/zero), refused unread. */
export const maxSecretBytes = 64 * 1024;

/**
 * A secret (an API key) from a file, or from standard input for '-': never from
 * argv, where other users of the host can read it in the process list. The
 * file must be a regular file; both reads are bounded.
 */
export async function readSecret(source: string): Promise<string> {
	if (source !== '-') {
		const read = await readConfigBytes(source, maxSecretBytes, 'an API key is under 1 KB');
		if (!read.ok) {
			throw new Error(`Cannot read the API key from ${source}: ${read.missing ? 'there is no such file.' : read.reason}`);
		}

		return read.bytes.toString('utf8').trim();
	}

	const chunks: Buffer[] = [];
	let total = 0;
	for await (const chunk of process.stdin) {
		chunks.push(chunk as Buffer);
		total += (chunk as Buffer).length;
		if (total > maxSecretBytes) {
			throw new Error(`The API key on standard input is longer than ${maxSecretBytes / 1024} KiB; nothing was changed.`);
		}
	}

	return Buffer.concat(chunks).toString('utf8').trim();
}
