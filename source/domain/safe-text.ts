import {maskSecrets} from './mask.js';
import {sanitizeText} from './sanitize.js';

/** Text from outside fit for a terminal and a log: no control byte, no direction override, no password. */
export function safeText(text: string): string {
	return maskSecrets(sanitizeText(text));
}
