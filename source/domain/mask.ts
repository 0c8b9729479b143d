/**
 * What vnode-tui never shows unasked: the api key, passwords, private keys and
 * env values whose names say they are secret. Masking keeps a hint of length
 * so an operator can tell an empty key from a set one.
 */
export const maskText = '••••••••';

const secretName = /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential|auth|pwd|(^|_)key$)/i;

/** Whether an env var or config key name looks like it holds a secret. */
export function isSecretName(name: string): boolean {
	return secretName.test(name);
}

export function maskValue(value: unknown): string {
	if (value === null || value === undefined || value === '') {
		return '(not set)';
	}

	return maskText;
}

/** `scheme://user:password@host` keeps user and host, loses the password. */
export function maskUriCredentials(uri: string): string {
	// Greedy up to the last '@': passwords may hold '/' (base64) or '@'. Over-masking beats leaking.
	return uri.replace(/^([a-z][a-z\d+.-]*:\/\/[^:/@\s]*):.*@/i, `$1:${maskText}@`);
}

/** `KEY=value` as Docker shows env, with secret-looking values masked. */
export function maskEnvEntry(entry: string): string {
	const eq = entry.indexOf('=');
	if (eq < 0) {
		return entry;
	}

	const key = entry.slice(0, eq);
	return `${key}=${maskEnvValue(key, entry.slice(eq + 1))}`;
}

/** One env value as shown: masked when its name looks secret, URI passwords always. */
export function maskEnvValue(key: string, value: string): string {
	// PRIVATE_KEY=/mnt/private_key.pem names where the key is mounted; it is no secret.
	const isMountPath = value.startsWith('/mnt/') && !value.includes(' ');
	return isSecretName(key) && !isMountPath ? maskValue(value) : maskUriCredentials(value);
}

/**
 * A deep copy of a parsed config with secrets masked: `api_key`, anything whose
 * key name looks secret, and credentials inside URIs.
 */
export function maskConfig(value: unknown, key = '', insideSecret = false): unknown {
	const secret = insideSecret || (key !== '' && isSecretName(key) && !isPathKey(key));
	if (Array.isArray(value)) {
		return value.map(item => maskConfig(item, '', secret));
	}

	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([childKey, child]) => [childKey, maskConfig(child, childKey, secret)]));
	}

	if (secret) {
		return maskValue(value);
	}

	return typeof value === 'string' ? maskUriCredentials(value) : value;
}

/** Key names that hold a path to a secret, not the secret (`encryption.private_key`, `identity.key`). */
function isPathKey(key: string): boolean {
	return key === 'private_key' || key === 'key';
}
