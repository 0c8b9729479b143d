/**
 * YAML parsing as the official CLI sees it (PyYAML's safe_load is YAML 1.1:
 * `yes`/`no` are booleans) and edits that touch only what changed.
 */
import {Document, isScalar, parseDocument, Scalar} from 'yaml';
import type {ConfigProblem} from '../domain/node-config.js';
import type {ConfigChange} from './config-store.js';

export function parseConfigText(text: string): {document: Document; problems: ConfigProblem[]} {
	const document = parseDocument(text, {version: '1.1', prettyErrors: true, uniqueKeys: true});
	const problems: ConfigProblem[] = document.errors.map(error => {
		const position = error.linePos?.[0];
		return {
			path: '',
			message: error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
			...(position ? {line: position.line, column: position.col} : {}),
		};
	});
	return {document, problems};
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

/**
 * The new text of a file after changes. When every change replaces one
 * single-line scalar, only those bytes change (the rest stays byte for byte,
 * whatever its indentation style); otherwise the document is re-serialised.
 */
export function editConfigText(text: string, document: Document, changes: ConfigChange[]): string {
	const splices: Array<{start: number; end: number; text: string}> = [];
	for (const {path, value} of changes) {
		const node = document.getIn(path, true);
		const replacement = isScalar(node) ? scalarText(node, value) : undefined;
		if (!isScalar(node) || !node.range || replacement === undefined) {
			applyChanges(document, changes);
			return stringifyDocument(document, text);
		}

		splices.push({start: node.range[0], end: node.range[1], text: replacement});
	}

	applyChanges(document, changes);
	let out = text;
	for (const splice of splices.sort((a, b) => b.start - a.start)) {
		out = out.slice(0, splice.start) + splice.text + out.slice(splice.end);
	}

	return out;
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

/** Serialises without reflowing what the user wrote: no line folding, their sequence indentation. */
export function stringifyDocument(document: Document, original = ''): string {
	const unindentedSequence = /^( *)[^\s#-][^\n]*:[ \t]*\n\1- /m.test(original);
	return document.toString({lineWidth: 0, flowCollectionPadding: false, indentSeq: !unindentedSequence});
}
