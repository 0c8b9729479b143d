/**
 * The read-only view of a config that does not parse, as lines fit for the
 * screen: control bytes visible (`^[`, U+FFFD) instead of acted on, tabs
 * expanded, and secrets masked (api_key and secret-named keys in block and
 * flow style, every password form) unless revealed. Pure.
 */
import {maskSecrets, maskYamlText} from '../../domain/mask.js';
import {showControls} from '../../domain/sanitize.js';
import {expandTabs} from '../../domain/tabs.js';

export type RawConfigLines = {masked: string[]; plain: string[]};

/** The intro line, the problems, a blank line and the file's text; each a screen line. */
export function rawConfigLines(problems: readonly string[], text: string): RawConfigLines {
	const intro = 'This file does not parse or validate; vnode-tui will not write to it. Fix it in an editor:';
	const screen = (lines: readonly string[]) => lines.map(line => expandTabs(showControls(line), 8));
	// Problem messages may quote the file: they are split and masked like it.
	const problemLines = problems.flatMap(problem => problem.split('\n')).map(line => `  ${line}`);
	const fileLines = text.split(/\r?\n/);
	return {
		masked: screen([intro, ...maskYamlText(problemLines.join('\n')).split('\n').map(line => maskSecrets(line)), '', ...maskYamlText(fileLines.join('\n')).split('\n')]),
		plain: screen([intro, ...problemLines, '', ...fileLines]),
	};
}
