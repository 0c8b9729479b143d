/**
 * YAML parsing as the official CLI sees it (PyYAML's safe_load is YAML 1.1:
 * `yes`/`no` are booleans) and edits that touch only what changed.
 */
import {isScalar, parseDocument, type Document} from 'yaml';
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
		} else {
			document.setIn(path, value);
		}
	}
}

/** Serialises without reflowing what the user wrote: no line folding, their sequence indentation. */
export function stringifyDocument(document: Document, original = ''): string {
	const unindentedSequence = /^( *)[^\s#-][^\n]*:[ \t]*\n\1- /m.test(original);
	return document.toString({lineWidth: 0, flowCollectionPadding: false, indentSeq: !unindentedSequence});
}
