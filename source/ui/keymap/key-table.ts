/**
 * The README's key table, written from the keymap: one row per binding, every
 * key of it, where it applies, what it does. test/ui/readme-keys.test.ts fails
 * when the README holds another table.
 */
import {bindings, contextTitles, type Binding} from './bindings.js';
import {commandInfo} from './commands.js';
import {keyName} from './key-names.js';

const cell = (text: string) => text.replaceAll('|', '\\|');

function row(binding: Binding): string {
	const keys = binding.keys.map(spec => `\`${keyName(spec)}\``).join(', ');
	const where = binding.contexts.map(context => contextTitles[context]).join(', ');
	const info = commandInfo(binding.command);
	const does = `${info.description}${info.more ? `; ${info.more}` : ''}`;
	return `| ${cell(keys)} | ${cell(where)} | ${cell(does)} |`;
}

/** The table in Markdown, lines joined with `\n`, no trailing newline. */
export function keyTableMarkdown(): string {
	return ['| key | where | does |', '|---|---|---|', ...bindings.map(binding => row(binding))].join('\n');
}
