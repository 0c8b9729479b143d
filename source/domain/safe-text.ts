import {maskSecrets} from './mask.js';
import {sanitizeLine, sanitizeText} from './sanitize.js';

/** Text from outside fit for a terminal and a log: no control byte, no direction override, no password. */
export function safeText(text: string): string {
	return maskSecrets(sanitizeText(text));
}

/** safeText for one line: no line break, tab or direction override either. */
export function safeLine(text: string): string {
	return maskSecrets(sanitizeLine(text));
}
