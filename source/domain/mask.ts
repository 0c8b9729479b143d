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

const mountPathValue = (value: string) => value.startsWith('/mnt/') && !value.includes(' ');

// scheme://user:password@host inside any text: found from each '://', the scheme looked for
// backwards and the password forwards, both bounded, so a hostile megabyte line stays linear.
// Greedy to the last '@' of the token: passwords may hold '/' (base64) or '@'. Over-masking beats leaking.
const schemeBefore = /[a-z][a-z\d+.-]{0,31}$/i;
const userinfoAfter = /^([^\s:/@"'<>`]{0,256}):([^\s"'<>`]{0,2048})@/;

function maskUserinfos(text: string): string {
	let out = '';
	let from = 0;
	for (let at = text.indexOf('://'); at >= 0; at = text.indexOf('://', at + 3)) {
		if (at < from || !schemeBefore.test(text.slice(Math.max(0, at - 32), at))) {
			continue;
		}

		const match = userinfoAfter.exec(text.slice(at + 3, at + 3 + 2400));
		if (!match) {
			continue;
		}

		const passwordStart = at + 3 + match[1]!.length + 1;
		out += `${text.slice(from, passwordStart)}${maskText}`;
		from = passwordStart + match[2]!.length;
	}

	return out + text.slice(from);
}

// name=value: query parameters (?password=x&), JDBC (;password=x;), libpq (password='x y'), env (DB_PASS=x).
const keyValue = /(^|[\s?&;,({[\]"'`])([A-Za-z_][\w.-]*)=/g;

const queryStops = /[\s"'`&#]/g;
const jdbcStops = /[\s"'`;]/g;
const plainStops = /[\s"'`]/g;

/** Where a value starting at `start` ends: a quote closes a quoted one; '&' or '#' a query's; ';' JDBC's; a space or quote the rest. */
function valueEnd(text: string, start: number, separator: string): number {
	const quote = text[start];
	if (quote === "'" || quote === '"') {
		for (let index = start + 1; index < text.length; index++) {
			if (text[index] === '\\') {
				index++;
			} else if (text[index] === quote) {
				return index + 1;
			}
		}

		return text.length;
	}

	const stops = separator === '?' || separator === '&' ? queryStops : separator === ';' ? jdbcStops : plainStops;
	stops.lastIndex = start;
	return stops.test(text) ? stops.lastIndex - 1 : text.length;
}

/**
 * Every password form inside any text: URI userinfo (`postgresql://u:pw@h`), query parameters
 * (`?password=x&`, `&pwd=`, `token=`...), libpq key/value (`password=x`, `password='x y'`),
 * JDBC (`;password=x;`) and env entries (`DB_PASSWORD=x`). Over-masking beats leaking.
 */
export function maskSecrets(text: string): string {
	const withoutUserinfo = maskUserinfos(text);
	// Every name=value form needs an '='; most text (log lines, JSON fields) has none.
	if (!withoutUserinfo.includes('=')) {
		return withoutUserinfo;
	}

	let out = '';
	let from = 0;
	for (const match of withoutUserinfo.matchAll(keyValue)) {
		const valueStart = match.index + match[0].length;
		if (match.index < from || !isSecretName(match[2]!)) {
			continue;
		}

		const end = valueEnd(withoutUserinfo, valueStart, match[1]!);
		const value = withoutUserinfo.slice(valueStart, end);
		if (value === '' || value === maskText || mountPathValue(value)) {
			continue;
		}

		out += withoutUserinfo.slice(from, valueStart) + maskText;
		from = end;
	}

	return out + withoutUserinfo.slice(from);
}

// A YAML key at the start of a line (block style, maybe a list item or commented out) or in a flow mapping: `key:`, `"key":`.
const yamlKey = /(^[ \t]*(?:#[ \t]*)?(?:-[ \t]+)*|[{,][ \t]*)(["']?)([\w.-]+)\2[ \t]*:(?=[ \t]|$|["'{[])/g;

/**
 * Raw YAML text (a file that does not parse, shown read only) with the values of secret-named
 * keys masked in block and flow style, the lines nested under such a key too, and every
 * password form of maskSecrets.
 */
export function maskYamlText(text: string): string {
	let secretIndent = -1;
	return text
		.split('\n')
		.map(line => {
			const indent = line.search(/\S/);
			if (secretIndent >= 0) {
				if (indent < 0 || indent > secretIndent) {
					return indent < 0 ? line : `${line.slice(0, indent)}${maskText}`;
				}

				secretIndent = -1;
			}

			return maskSecrets(maskYamlLine(line, indent, value => {
				secretIndent = value.trim() === '' || /^[|>"']/.test(value.trim()) ? Math.max(0, indent) : -1;
			}));
		})
		.join('\n');
}

function maskYamlLine(line: string, indent: number, onBlockSecret: (value: string) => void): string {
	let out = '';
	let from = 0;
	for (const match of line.matchAll(yamlKey)) {
		const start = match.index;
		if (start < from) {
			continue;
		}

		const name = match[3]!;
		if (!isSecretName(name) || isPathKey(name)) {
			continue;
		}

		const valueStart = start + match[0].length;
		const atLineStart = !match[1]!.includes('{') && !match[1]!.includes(',');
		// In a flow mapping the value ends at the next ',' or '}' after its closing quote, if quoted;
		// a block value runs to the end of the line.
		const rest = line.slice(valueStart);
		const quote = /^[ \t]*(["'])/.exec(rest);
		const closing = quote ? rest.indexOf(quote[1]!, quote[0].length) : -1;
		const flowEnd = atLineStart ? -1 : closing >= 0 ? closing + 1 : rest.search(/[,}]/);
		const valueEnd = flowEnd < 0 ? line.length : valueStart + flowEnd;
		const value = line.slice(valueStart, valueEnd);
		if (atLineStart && indent >= 0) {
			onBlockSecret(value);
		}

		out += line.slice(from, valueStart) + (value.trim() === '' ? value : ` ${maskText}`);
		from = valueEnd;
	}

	return out + line.slice(from);
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
	return isSecretName(key) && !mountPathValue(value) ? maskValue(value) : maskSecrets(value);
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

	return typeof value === 'string' ? maskSecrets(value) : value;
}

/** Every string inside a value (an object for JSON output) with maskSecrets applied. */
export function maskStrings(value: unknown): unknown {
	if (typeof value === 'string') {
		return maskSecrets(value);
	}

	if (Array.isArray(value)) {
		return value.map(item => maskStrings(item));
	}

	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, maskStrings(child)]));
	}

	return value;
}

/** Key names that hold a path to a secret, not the secret (`encryption.private_key`, `identity.key`). */
function isPathKey(key: string): boolean {
	return key === 'private_key' || key === 'key';
}
