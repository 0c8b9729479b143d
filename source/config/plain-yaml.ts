/**
 * A fast reader for the plain subset of YAML that node configs are written in:
 * block maps and sequences of plain or quoted scalars, one-line flow maps and
 * sequences of scalars, comments. It answers `undefined` for anything it is not
 * sure of (anchors, tags, block scalars, multi-line values, floats, dates,
 * escapes, tabs, duplicate keys...), and the caller parses that file with the
 * `yaml` package (yaml-document.ts), which stays the reference: for every text
 * this reader accepts, the value is the one parseConfigText + documentValue
 * give, with no problems (test/config/plain-yaml.test.ts checks it on fixtures
 * and random texts). Listing 300 configs in a fresh process was ~400 ms of the
 * `yaml` package's cold code; this reader takes a few milliseconds.
 */

/** Why this reader gives up: the file goes to the full parser. */
const unsure = Symbol('unsure');

type Line = {indent: number; content: string; number: number};

// Characters that change how YAML reads lines or that PyYAML refuses; with any, the full parser decides.
// eslint-disable-next-line no-control-regex
const unsureChars = /[^\n\u0020-\u007E\u00A0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFC]/;
const keyPattern = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const plainPattern = /^[A-Za-z_/][A-Za-z0-9_./@%+=:~ -]*$/;
// In a flow collection a colon is text only when a letter, digit or slash follows it (`image: repo:tag`).
const flowPlainPattern = /^[A-Za-z_/](?:[A-Za-z0-9_./@%+=~ -]|:[A-Za-z0-9/])*$/;
const intPattern = /^(?:0|[-+]?[1-9][0-9]{0,14})$/;
const truePattern = /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const falsePattern = /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
const nullPattern = /^(?:~|null|Null|NULL)$/;

/** The config as plain data, or undefined when the full parser must read it. */
export function readPlainConfig(text: string): Record<string, unknown> | undefined {
	if (unsureChars.test(text)) {
		return undefined;
	}

	const lines: Line[] = [];
	for (const [index, raw] of text.split('\n').entries()) {
		const content = raw.trimStart();
		if (content === '' || content.startsWith('#')) {
			continue;
		}

		lines.push({indent: raw.length - content.length, content: content.trimEnd(), number: index});
	}

	if (lines.length === 0 || lines[0]!.indent !== 0) {
		return undefined;
	}

	try {
		const cursor = {at: 0};
		const value = block(lines, cursor, 0);
		if (cursor.at !== lines.length || !isRecord(value)) {
			return undefined;
		}

		return value;
	} catch (error) {
		if (error === unsure) {
			return undefined;
		}

		throw error;
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A block map or sequence whose lines start at column `indent`. */
function block(lines: Line[], cursor: {at: number}, indent: number): unknown {
	const first = lines[cursor.at]!;
	return isSequenceItem(first.content) ? sequence(lines, cursor, indent) : map(lines, cursor, indent);
}

function isSequenceItem(content: string): boolean {
	return content === '-' || content.startsWith('- ');
}

function map(lines: Line[], cursor: {at: number}, indent: number): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	while (cursor.at < lines.length) {
		const line = lines[cursor.at]!;
		if (line.indent < indent) {
			break;
		}

		if (line.indent > indent || isSequenceItem(line.content)) {
			throw unsure;
		}

		const colon = line.content.indexOf(':');
		const key = colon > 0 ? line.content.slice(0, colon) : '';
		const rest = line.content.slice(colon + 1);
		if (!keyPattern.test(key) || typeof scalar(key) !== 'string' || key === '__proto__' || Object.hasOwn(result, key) || (rest !== '' && !rest.startsWith(' '))) {
			throw unsure;
		}

		cursor.at++;
		const inline = withoutComment(rest);
		if (inline !== '') {
			result[key] = inlineValue(inline);
			continue;
		}

		const next = lines[cursor.at];
		if (next && (next.indent > indent || (next.indent === indent && isSequenceItem(next.content)))) {
			result[key] = block(lines, cursor, next.indent);
		} else {
			result[key] = null;
		}
	}

	return result;
}

function sequence(lines: Line[], cursor: {at: number}, indent: number): unknown[] {
	const result: unknown[] = [];
	while (cursor.at < lines.length) {
		const line = lines[cursor.at]!;
		if (line.indent < indent || (line.indent === indent && !isSequenceItem(line.content))) {
			break;
		}

		if (line.indent > indent) {
			throw unsure;
		}

		const rest = line.content.slice(1);
		const item = rest.trimStart();
		if (item === '' || item.startsWith('#')) {
			cursor.at++;
			const next = lines[cursor.at];
			result.push(next && next.indent > indent ? block(lines, cursor, next.indent) : null);
			continue;
		}

		if (/^[A-Za-z_][A-Za-z0-9_-]*:(?: |$)/.test(item) || isSequenceItem(item)) {
			// `- key: value` (or `- - x`): the item is a block that starts at the column of its first character.
			const column = indent + line.content.length - item.length;
			lines[cursor.at] = {indent: column, content: item, number: line.number};
			result.push(block(lines, cursor, column));
			continue;
		}

		cursor.at++;
		result.push(inlineValue(withoutComment(item)));
	}

	return result;
}

/** The text before a comment (` #`), trimmed; a `#` inside quotes is text. */
function withoutComment(text: string): string {
	const trimmed = text.trim();
	if (trimmed.startsWith('#')) {
		return '';
	}

	if (trimmed.startsWith('"') || trimmed.startsWith("'")) {
		const end = closingQuote(trimmed, 0);
		const after = trimmed.slice(end + 1);
		if (after.trim() !== '' && !/^ +#/.test(after)) {
			throw unsure;
		}

		return trimmed.slice(0, end + 1);
	}

	const hash = trimmed.indexOf(' #');
	return (hash < 0 ? trimmed : trimmed.slice(0, hash)).trimEnd();
}

/** A value on the key's line: a scalar, or a one-line flow map or sequence of scalars. */
function inlineValue(text: string): unknown {
	if (text.startsWith('{')) {
		return flowMap(text);
	}

	if (text.startsWith('[')) {
		return flowSequence(text);
	}

	return scalar(text);
}

function flowItems(text: string, open: string, close: string): string[] {
	if (!text.startsWith(open) || !text.endsWith(close)) {
		throw unsure;
	}

	const inner = text.slice(1, -1);
	if (inner.trim() === '') {
		return [];
	}

	// Scalars separated by commas; a comma inside quotes is text, a bracket or `#` outside them is left to yaml.
	const items: string[] = [];
	let start = 0;
	for (let at = 0; at < inner.length; at++) {
		const char = inner[at]!;
		if (char === '"' || char === "'") {
			at = closingQuote(inner, at);
		} else if (char === ',') {
			items.push(inner.slice(start, at).trim());
			start = at + 1;
		} else if ('[]{}#'.includes(char)) {
			throw unsure;
		}
	}

	items.push(inner.slice(start).trim());
	return items;
}

/** Index of the quote that closes the one at `open` (`''` inside single quotes is a quote); unsure when there is none. */
function closingQuote(text: string, open: number): number {
	const quote = text[open]!;
	for (let at = open + 1; at < text.length; at++) {
		if (text[at] === quote) {
			if (quote === "'" && text[at + 1] === "'") {
				at++;
				continue;
			}

			return at;
		}
	}

	throw unsure;
}

function flowMap(text: string): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	for (const item of flowItems(text, '{', '}')) {
		const colon = item.indexOf(': ');
		const key = colon > 0 ? item.slice(0, colon) : '';
		if (!keyPattern.test(key) || typeof scalar(key) !== 'string' || key === '__proto__' || Object.hasOwn(result, key)) {
			throw unsure;
		}

		result[key] = flowScalar(item.slice(colon + 2).trim());
	}

	return result;
}

function flowSequence(text: string): unknown[] {
	return flowItems(text, '[', ']').map(item => flowScalar(item));
}

function flowScalar(text: string): unknown {
	if (text === '' || (!text.startsWith('"') && !text.startsWith("'") && (!flowPlainPattern.test(text) && !intPattern.test(text) && text !== '~'))) {
		throw unsure;
	}

	return scalar(text);
}

/** A scalar as PyYAML's safe loader types it, for the forms this reader is sure of. */
function scalar(text: string): unknown {
	if (text.startsWith('"')) {
		const inner = text.slice(1, -1);
		if (text.length < 2 || !text.endsWith('"') || /["\\]/.test(inner)) {
			throw unsure;
		}

		return inner;
	}

	if (text.startsWith("'")) {
		const inner = text.slice(1, -1);
		if (text.length < 2 || !text.endsWith("'") || /'(?!')/.test(inner.replaceAll("''", ''))) {
			throw unsure;
		}

		return inner.replaceAll("''", "'");
	}

	if (intPattern.test(text)) {
		return Number(text);
	}

	if (nullPattern.test(text)) {
		return null;
	}

	if (truePattern.test(text)) {
		return true;
	}

	if (falsePattern.test(text)) {
		return false;
	}

	if (!plainPattern.test(text) || text.includes(': ') || text.endsWith(':') || text.includes('  ')) {
		throw unsure;
	}

	return text;
}
