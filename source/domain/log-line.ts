/**
 * A container's log line as vnode-tui shows, prints and saves it: no control
 * sequence (colours kept on request) and no secret. Nodes log their config and
 * connection strings at start-up, so the masking that guards config values
 * guards log lines too; most lines hold no hint of a secret and skip it.
 */
import {isSecretName, maskSecrets, maskText} from './mask.js';
import {sanitize, type SanitizeOptions} from './sanitize.js';

// Every form maskSecrets or the `name: value` form below can find contains one of these.
const secretHint = /:\/\/|pass|pwd|secret|token|key|auth|credential/i;

// `api_key: x`, `"password": "x"`, `Authorization: Bearer x`: the value runs to the end of the line.
const colonForm = /(^|[\s{,;(\["'`])(["']?)([A-Za-z_][\w.-]*)\2[ \t]*:[ \t]+(?=\S)/g;

export function logLineText(text: string, options: SanitizeOptions = {}): string {
	const clean = sanitize(text, options);
	return secretHint.test(clean) ? maskColonForm(maskSecrets(clean)) : clean;
}

function maskColonForm(line: string): string {
	for (const match of line.matchAll(colonForm)) {
		const name = match[3]!;
		const valueStart = match.index + match[0].length;
		const value = line.slice(valueStart);
		// A path to a key (`private_key: /mnt/private_key.pem`) names where a secret is, not the secret.
		if (!isSecretName(name) || value.startsWith(maskText) || /^\/mnt\/\S*$/.test(value.trim())) {
			continue;
		}

		return line.slice(0, valueStart) + maskText;
	}

	return line;
}
