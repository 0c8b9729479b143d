/**
 * Random hex for temp and backup file names. node:crypto (all of it loads at
 * once) is loaded on the first name, not at start-up: listing, the first frame
 * and most commands never write a file.
 */
import {lazyCrypto} from '../lazy-builtin.js';

export function randomHex(bytes: number): string {
	return lazyCrypto().randomBytes(bytes).toString('hex');
}
