/**
 * "x\n" pasted 50 times on [ Save ] of the built TUI in a pty writes the config
 * once: every atomic write makes one temp file next to the config, and a watch
 * on the directory sees each one's name.
 */
import {watch} from 'node:fs';
import {afterAll, describe, expect, it} from 'vitest';
import {commentedConfigYaml} from '../helpers/fixture-configs.js';
import {launchTui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';
import {focus} from '../helpers/tui-form.js';

describe('a burst of Enter on [ Save ]', () => {
	const sandbox = new Sandbox();
	const name = uniqueNodeName('burst');

	afterAll(() => sandbox.cleanup());

	it('writes the config once', async () => {
		sandbox.writeConfig(name, 'user', commentedConfigYaml);
		const tui = launchTui({cols: 110, rows: 34, env: sandbox.env});
		await tui.waitFor(/\d+ nodes ·/);
		tui.press('/');
		await tui.waitFor('(Enter keeps, Esc clears)');
		tui.press(`${name}\r`);
		await tui.waitFor(`filter: ${name} (Esc clears)`);
		tui.press('e');
		await tui.waitFor(`Edit ${name} (user)`);
		await focus(tui, /Log level/);
		tui.press(' ');
		await tui.waitFor('‹ WARNING ›');
		await focus(tui, /\[ Save \]/);
		const temps = new Set<string>();
		const watcher = watch(sandbox.configDir('user'), (_event, file) => {
			if (file?.endsWith('.tmp')) {
				temps.add(file);
			}
		});
		try {
			tui.press('x\n'.repeat(50));
			await tui.waitFor('Saved 1 change');
			await tui.quiet({quietMs: 500});
		} finally {
			watcher.close();
		}

		expect([...temps]).toHaveLength(1);
		tui.press('q');
		await tui.exited;
	}, 60_000);
});
