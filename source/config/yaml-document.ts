/**
 * YAML parsing as the node reads its config (PyYAML 6 `safe_load`, YAML 1.1)
 * and edits that touch only what changed.
 *
 * Where the `yaml` package (version 1.1 mode) and PyYAML differ on these files,
 * and what vnode-tui does (test/config/yaml-pyyaml.test.ts checks each against
 * PyYAML itself when python3-yaml is installed):
 * - A tab outside quotes, comments and block scalars (`port:<TAB>5070`, a tab
 *   before a comment, a tab-indented line): PyYAML refuses the file; flagged.
 * - `y`, `Y`, `n`, `N`: booleans for `yaml`, strings for PyYAML; read as strings.
 * - `1e3`, `1.0e3`: floats for `yaml`, strings for PyYAML (its floats need a
 *   dot and a signed exponent, `1.0e+3`); read as PyYAML does.
 * - `09`, `08`: the number 9 / 8 for `yaml`, strings for PyYAML; read as strings.
 * - `=` as a value: a string for `yaml`, an error in PyYAML (the `value` tag has
 *   no constructor); flagged.
 * - Duplicate keys: PyYAML keeps the last silently; flagged (the node may not
 *   run with the value the operator reads first).
 * - Tags PyYAML's safe loader does not know (`!!python/...`, `!custom`): a
 *   warning and an empty value for `yaml`, an error in PyYAML; flagged.
 * - Control characters other than tab, CR, LF (and NEL): PyYAML refuses them
 *   anywhere in the file; flagged.
 * - The same in both: `yes/no/on/off/true/false` in their three spellings,
 *   `0755` octal, `0o755` a string, `0x1F`, `0b11`, `1_000`, sexagesimal
 *   `1:30`, `.inf`, `~`/`null`/empty, merge keys `<<`.
 * Alias expansion is capped (`maxAliasCount`), so an alias bomb is one invalid file.
 */
import {Document, isScalar, Lexer, parseDocument, Scalar, visit, type Tags} from 'yaml';
import type {ConfigProblem} from '../domain/node-config.js';
import type {ConfigChange} from './config-store.js';

/** Aliases a config may expand; a real one has none. */
export const maxAliasCount = 100;

const pyYamlTests: Record<string, RegExp> = {
	true: /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
	false: /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
	int: /^[-+]?(?:0|[1-9][0-9_]*)$/,
	float: /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?)$/,
};

const valueTag = {
	identify: (value: unknown) => value === '\u0000never',
	default: true,
	tag: 'tag:yaml.org,2002:value',
	test: /^=$/,
	resolve(_source: string, onError: (message: string) => void) {
		onError("'=' as a value is an error for the node's YAML reader (PyYAML); quote it: '='");
		return '=';
	},
};

/** The last answer of pyYamlTags: yaml asks for each document, always with the same tags. */
let knownTags: {from: Tags; to: Tags} | undefined;

/** pyYamlTags, made once: the same tag objects for every document (300 configs listed: 300 sets fewer). */
function cachedPyYamlTags(tags: Tags): Tags {
	if (knownTags?.from.length !== tags.length || knownTags.from.some((tag, index) => tag !== tags[index])) {
		knownTags = {from: tags, to: pyYamlTags(tags)};
	}

	// yaml builds its own list from the answer and changes neither.
	return knownTags.to;
}

/** The YAML 1.1 tags, with the implicit-type rules of PyYAML's resolver. */
function pyYamlTags(tags: Tags): Tags {
	const kept = tags.flatMap(tag => {
		if (typeof tag === 'string' || !('test' in tag) || !tag.test || !tag.default) {
			return [tag];
		}

		const source = String(tag.test);
		if (tag.tag === 'tag:yaml.org,2002:bool') {
			return [{...tag, test: source.includes('[Tt]rue') ? pyYamlTests['true']! : pyYamlTests['false']!}];
		}

		if (tag.tag === 'tag:yaml.org,2002:int' && source === String(/^[-+]?[0-9][0-9_]*$/)) {
			return [{...tag, test: pyYamlTests['int']!}];
		}

		if (tag.tag === 'tag:yaml.org,2002:float' && source.includes('[eE]')) {
			return [];
		}

		if (tag.tag === 'tag:yaml.org,2002:float' && source.includes('\\.[0-9_]*$')) {
			return [{...tag, test: pyYamlTests['float']!, resolve: (text: string) => Number.parseFloat(text.replaceAll('_', ''))}];
		}

		return [tag];
	});
	return [...kept, valueTag as unknown as Tags[number]];
}

// Everything PyYAML's Reader refuses (its NON_PRINTABLE), U+FFFD aside: that is how bytes that are not UTF-8 decode.
// eslint-disable-next-line no-control-regex
const nonPrintable = /[^\t\n\r\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function parseConfigText(text: string): {document: Document; problems: ConfigProblem[]} {
	// yaml's own uniqueKeys check is quadratic in the keys of a map; duplicateKey() is linear.
	const document = parseDocument(text, {version: '1.1', prettyErrors: true, uniqueKeys: false, customTags: cachedPyYamlTags});
	const problems: ConfigProblem[] = [...document.errors, ...document.warnings].map(error => {
		const position = error.linePos?.[0];
		return {
			path: '',
			message: error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
			...(position ? {line: position.line, column: position.col} : {}),
		};
	});
	const duplicate = duplicateKey(document);
	if (duplicate) {
		problems.push({...(duplicate.offset === undefined ? {} : positionOf(text, duplicate.offset)), path: '', message: `Map keys must be unique: '${duplicate.key}' appears twice (the node would silently use the last).`});
	}

	const tab = tabOutsideQuotes(text);
	if (tab !== undefined) {
		problems.push({...positionOf(text, tab), path: '', message: "A tab where the node's YAML reader (PyYAML) refuses one; use spaces."});
	}

	const control = nonPrintable.exec(text);
	if (control) {
		const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
		problems.push({...positionOf(text, control.index), path: '', message: `A control character (U+${code}) the node's YAML reader (PyYAML) refuses.`});
	}

	return {document, problems};
}

/** The document as plain data, or why not (an alias bomb). */
export function documentValue(document: Document): {value: unknown} | {problem: ConfigProblem} {
	try {
		return {value: document.toJS({maxAliasCount})};
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		return {problem: {path: '', message: /alias/i.test(message) ? `Too many aliases (more than ${maxAliasCount}); the file was not expanded.` : message}};
	}
}

/** A config file's value as the node reads it, or what is wrong with it (the reference plain-yaml.ts is checked against). */
export function configValueOf(text: string): {value: unknown} | {problems: ConfigProblem[]} {
	const {document, problems} = parseConfigText(text);
	if (problems.length > 0) {
		return {problems};
	}

	const value = documentValue(document);
	return 'problem' in value ? {problems: [value.problem]} : value;
}

/** The first key that appears twice in one mapping (merge keys aside), with the offset of the second. */
function duplicateKey(document: Document): {key: string; offset?: number} | undefined {
	let found: {key: string; offset?: number} | undefined;
	visit(document, {
		Map(_, map) {
			const seen = new Set<string>();
			for (const pair of map.items) {
				const key = isScalar(pair.key) ? pair.key : undefined;
				if (!key || key.value === '<<') {
					continue;
				}

				const id = `${typeof key.value}:${String(key.value)}`;
				if (seen.has(id)) {
					found = {key: String(key.value).slice(0, 60), ...(key.range ? {offset: key.range[0]} : {})};
					return visit.BREAK;
				}

				seen.add(id);
			}

			return undefined;
		},
	});
	return found;
}

/** The lexer's markers, which are not in the source. */
const lexerMarkers = new Set(['\u0002', '\u0018', '\u001F']);

/** Offset of the first tab PyYAML would reject: one in whitespace or a plain scalar, not in quotes, comments or block scalars. */
function tabOutsideQuotes(text: string): number | undefined {
	if (!text.includes('\t')) {
		return undefined;
	}

	let offset = 0;
	let blockBody = false;
	for (const token of new Lexer().lex(text)) {
		if (lexerMarkers.has(token)) {
			continue;
		}

		const first = token[0];
		const exempt = blockBody || first === '"' || first === "'" || first === '#';
		if (!exempt && token.includes('\t')) {
			return offset + token.indexOf('\t');
		}

		if (first === '|' || first === '>') {
			blockBody = true;
		} else if (blockBody && token !== '\n' && !/^[ ]*#/.test(token) && token.trim() !== '') {
			blockBody = false;
		}

		offset += token.length;
	}

	return undefined;
}

function positionOf(text: string, offset: number): {line: number; column: number} {
	const before = text.slice(0, offset);
	const line = before.split('\n').length;
	return {line, column: offset - before.lastIndexOf('\n')};
}

/** Sets or deletes values in place; a scalar keeps its comment and quoting style. */
export function applyChanges(document: Document, changes: ConfigChange[]): void {
	for (const {path, value} of changes) {
		if (value === undefined) {
			document.deleteIn(path);
			continue;
		}

		const node = document.getIn(path, true);
		const isPlainValue = value === null || ['string', 'number', 'boolean'].includes(typeof value);
		if (isScalar(node) && isPlainValue) {
			node.value = value;
			continue;
		}

		// setIn would create missing parents as JS Maps, which the YAML 1.1 schema writes as `!!omap`;
		// build them as plain objects instead.
		let depth = path.length - 1;
		while (depth > 0 && !document.hasIn(path.slice(0, depth))) {
			depth--;
		}

		let nested: unknown = value;
		for (let index = path.length - 1; index > depth; index--) {
			const key = path[index]!;
			nested = typeof key === 'number' ? Object.assign([], {[key]: nested}) : {[key]: nested};
		}

		document.setIn(path.slice(0, depth + 1), nested);
	}
}

/** Replace `text[start, end)` with `text`; offsets in the decoded file text. */
export type Splice = {start: number; end: number; text: string};

/**
 * How to change a file: when every change replaces one single-line scalar,
 * splices of only those values (the rest stays byte for byte, whatever its
 * indentation style); otherwise the whole document re-serialised.
 */
export function planEdit(text: string, document: Document, changes: ConfigChange[]): {splices: Splice[]} | {text: string} {
	const splices: Splice[] = [];
	for (const {path, value} of changes) {
		const node = document.getIn(path, true);
		const replacement = isScalar(node) ? scalarText(node, value) : undefined;
		if (!isScalar(node) || !node.range || replacement === undefined) {
			applyChanges(document, changes);
			return {text: stringifyDocument(document, text)};
		}

		const [start, end] = node.range;
		if (start === end && replacement !== '') {
			// An empty value (`api_key:` or `api_key:   # comment`): the new one goes right after the
			// indicator, one space from it, so the whitespace before a comment stays and keeps it a comment.
			let at = start;
			while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t')) {
				at--;
			}

			splices.push({start: at, end: at, text: ` ${replacement}`});
			continue;
		}

		splices.push({start, end, text: replacement});
	}

	applyChanges(document, changes);
	return {splices};
}

/** Applies splices to the text, last first so the offsets stay right. */
export function applySplices(text: string, splices: readonly Splice[]): string {
	let out = text;
	for (const splice of [...splices].sort((a, b) => b.start - a.start)) {
		out = out.slice(0, splice.start) + splice.text + out.slice(splice.end);
	}

	return out;
}

/** The new text of a file after changes (see planEdit). */
export function editConfigText(text: string, document: Document, changes: ConfigChange[]): string {
	const plan = planEdit(text, document, changes);
	return 'text' in plan ? plan.text : applySplices(text, plan.splices);
}

const inlineTypes = new Set([Scalar.PLAIN, Scalar.QUOTE_SINGLE, Scalar.QUOTE_DOUBLE]);

/** The value as YAML in the old scalar's quoting style, if it fits on one line. */
function scalarText(original: Scalar, value: unknown): string | undefined {
	const isPlainValue = value === null || ['string', 'number', 'boolean'].includes(typeof value);
	if (!isPlainValue || (original.type && !inlineTypes.has(original.type))) {
		return undefined;
	}

	const node = new Scalar(value);
	if (typeof value === 'string' && original.type) {
		node.type = original.type;
	}

	const rendered = new Document(node, {version: '1.1'}).toString({lineWidth: 0}).replace(/\n$/, '');
	return rendered.includes('\n') ? undefined : rendered;
}

/** A new config file's text: every string the node would read as something else (`yes`, `on`, `=`) is quoted. */
export function stringifyNewConfig(config: Record<string, unknown>): string {
	return new Document(config, {version: '1.1', customTags: pyYamlTags}).toString({lineWidth: 0});
}

/** Serialises without reflowing what the user wrote: no line folding, their sequence indentation. */
export function stringifyDocument(document: Document, original = ''): string {
	const unindentedSequence = /^( *)[^\s#-][^\n]*:[ \t]*\n\1- /m.test(original);
	return document.toString({lineWidth: 0, flowCollectionPadding: false, indentSeq: !unindentedSequence});
}
