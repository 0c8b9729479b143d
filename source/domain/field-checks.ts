/**
 * Checks of single values that end up in a config file, a container spec or a
 * request: an image reference (Docker's grammar), a server URL, an API key and
 * free text without control characters. Pure; each returns a problem or undefined.
 */

/** Docker's limit on the name part of a reference; the whole reference gets room for a tag and a digest. */
export const maxImageNameLength = 255;
const maxImageReferenceLength = 512;
/** Longer than any key a vantage6 server hands out; a file read by mistake is refused, not written. */
export const maxApiKeyLength = 1024;
const maxUrlLength = 2048;

// The grammar of github.com/distribution/reference (reference.go), the one `docker pull` uses.
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const host = String.raw`(?:${domainComponent}(?:\.${domainComponent})*|\[[a-fA-F0-9:]+\])`;
const pathComponent = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const name = `(?:${host}(?::[0-9]+)?/)?${pathComponent}(?:/${pathComponent})*`;
const tag = String.raw`[\w][\w.-]{0,127}`;
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const referencePattern = new RegExp(`^(${name})(?::${tag})?(?:@${digest})?$`);

/** C0, DEL, C1, line and paragraph separators, direction overrides: nothing a config value may hold. */
const controlCharacter = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

export function hasControlCharacters(text: string): boolean {
	return controlCharacter.test(text);
}

/** Why `text` is not an image reference Docker would take (`registry/repo/name:tag@sha256:…`), or undefined. */
export function imageReferenceProblem(text: string): string | undefined {
	if (text.length > maxImageReferenceLength || hasControlCharacters(text) || /\s/.test(text)) {
		return 'An image reference is at most 255 characters of registry/name:tag, without spaces or control characters.';
	}

	const match = referencePattern.exec(text);
	if (!match) {
		return 'That is not an image reference (lower-case registry/name:tag, e.g. harbor2.vantage6.ai/infrastructure/node:4.14).';
	}

	if (match[1]!.length > maxImageNameLength) {
		return `An image name is at most ${maxImageNameLength} characters.`;
	}

	return undefined;
}

/** Why `text` is not an http(s) server URL, or undefined. */
export function serverUrlProblem(text: string): string | undefined {
	const advice = 'The server URL starts with http:// or https:// and names a host, without spaces or control characters, e.g. https://cotopaxi.vantage6.ai';
	if (text.length > maxUrlLength || hasControlCharacters(text) || /\s/.test(text) || !/^https?:\/\/[^/?#]+/i.test(text)) {
		return advice;
	}

	try {
		const url = new URL(text);
		return url.hostname === '' ? advice : undefined;
	} catch {
		return advice;
	}
}

/** Why `key` (already trimmed) is not an API key to write to a config, or undefined. */
export function apiKeyProblem(key: string): string | undefined {
	if (key === '') {
		return 'The API key is needed: the server admin creates it with the node.';
	}

	if (key.length > maxApiKeyLength) {
		return `The API key is at most ${maxApiKeyLength} characters.`;
	}

	if (/\s/.test(key) || hasControlCharacters(key)) {
		return 'The API key has no spaces, line breaks or control characters in it.';
	}

	return undefined;
}
