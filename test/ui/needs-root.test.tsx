/**
 * A system-scope node when vnode-tui does not run as root: its row and inspector say "needs root" before
 * anything is tried, and every key that would change it is refused in the status line, with no engine
 * request and no dialog or form opened.
 */
import {describe, expect, it} from 'vitest';
import {perTestWorld, rowOf} from '../helpers/ui-world.js';

const t = perTestWorld();
const mutating = /^(createContainer|startContainer|stopContainer|removeContainer|createVolume|removeVolume|pullImage)/;

describe('a system node without root', () => {
	for (const [columns, rows] of [
		[80, 24],
		[200, 60],
	] as const) {
		it(`is marked in its row and inspector, and s x r d e K D are refused at ${columns}x${rows}`, async () => {
			t.world.writeConfig('vtsys', {}, 'system');
			// Running, started by root (planted: a start here would make the real /usr/local/share/vantage6/node/vtsys).
			t.world.engine.plant('vantage6-vtsys-system', {'vantage6-type': 'node', system: 'True', name: 'vtsys'});
			t.world.withoutRoot();
			t.ui = t.world.render(columns, rows);
			const frame = await t.ui.waitFor(text => rowOf(text, 'vtsys \\(needs root\\)').includes('running'));
			expect(frame).toContain('(system, needs root)');
			expect(frame).toContain("! Needs root: run 'sudo vnode-tui' to start, stop, edit or remove it");
			t.world.engine.calls.length = 0;
			for (const key of ['s', 'x', 'r', 'd', 'e', 'K', 'D']) {
				await t.ui.press(key);
				const after = await t.ui.waitFor("vtsys needs root: run 'sudo vnode-tui'");
				expect(after, key).not.toMatch(/Stop vtsys|Restart vtsys|Remove the stopped|Delete|API key|Save/);
				await t.ui.press('\u001B');
			}

			expect(t.world.engine.calls.filter(call => mutating.test(call))).toEqual([]);
			expect((await t.world.engine.inspectContainer('vantage6-vtsys-system')).state.running).toBe(true);
		});
	}
});
