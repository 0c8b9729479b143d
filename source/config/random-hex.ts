/**
 * Random hex for temp and backup file names. node:crypto (all of it loads at
 * once) is loaded on the first name, not at start-up: listing, the first frame
 * and most commands never write a file.
 */
import {createRequire} from 'node:module';

let crypto: typeof import('node:crypto') | undefined;

export function randomHex(bytes: number): string {
	crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
	return crypto.randomBytes(bytes).toString('hex');
}
