/**
 * The README's key table is the keymap's: this test fails when they differ.
 * After a keymap change, write the table with
 * `VNODE_WRITE_README=1 npx vitest run test/ui/readme-keys.test.ts`.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {keyTableMarkdown} from '../../source/ui/keymap/key-table.js';

const readme = fileURLToPath(new URL('../../README.md', import.meta.url));
const begin = '<!-- keys: generated from source/ui/keymap; VNODE_WRITE_README=1 npx vitest run test/ui/readme-keys.test.ts -->';
const end = '<!-- keys end -->';

/** The README's text between the markers, and the README with `table` there instead. */
function section(text: string, table: string): {current: string; replaced: string} {
	const from = text.indexOf(begin);
	const to = text.indexOf(end);
	expect(from, `README.md has the marker ${begin}`).toBeGreaterThanOrEqual(0);
	expect(to, `README.md has the marker ${end}`).toBeGreaterThan(from);
	const current = text.slice(from + begin.length, to).trim();
	return {current, replaced: `${text.slice(0, from + begin.length)}\n${table}\n${text.slice(to)}`};
}

describe('README key table', () => {
	it('is the table the keymap writes (every binding of every context)', () => {
		const text = readFileSync(readme, 'utf8');
		const table = keyTableMarkdown();
		const {current, replaced} = section(text, table);
		if (process.env['VNODE_WRITE_README'] === '1' && current !== table) {
			writeFileSync(readme, replaced);
			return;
		}

		expect(current).toBe(table);
	});

	it('the check fails when the README differs from the keymap', () => {
		const table = keyTableMarkdown();
		const stale = `x\n${begin}\n${table.replace('| `q`, `Ctrl+C` |', '| `q` |')}\n${end}\n`;
		expect(section(stale, table).current).not.toBe(table);
		expect(table).toContain('| `q`, `Ctrl+C` | anywhere | Quit vnode-tui |');
		expect(table).toContain('| `n` | table, inspector | New node config');
		expect(table).toContain('| `n` | log | Log: next match |');
	});
});
