import {readFile} from 'node:fs/promises';
import process from 'node:process';

/**
 * A secret (an API key) from a file, or from standard input for '-': never from
 * argv, where other users of the host can read it in the process list.
 */
export async function readSecret(source: string): Promise<string> {
	if (source !== '-') {
		return (await readFile(source, 'utf8')).trim();
	}

	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) {
		chunks.push(chunk as Buffer);
	}

	return Buffer.concat(chunks).toString('utf8').trim();
}
