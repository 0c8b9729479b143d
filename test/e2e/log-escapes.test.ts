/**
 * A node that prints terminal control sequences (clear screen, a window
 * title, bells) changes nothing outside the log pane: the built TUI in a pty
 * against the real engine.
 */
import {afterAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {dockerSkipReason, dockerTitle, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {launchTui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

describe.skipIf(dockerSkipReason)(dockerTitle('hostile log output in the TUI'), () => {
	const sandbox = new Sandbox();
	const name = uniqueNodeName('esc');
	sandbox.writeConfig(name, 'user', validConfig({images: {node: fixtureImage}, fixture_lines_per_second: 2, fixture_print_escapes: true}));

	afterAll(async () => {
		await removeNodeLeftovers(name);
		sandbox.cleanup();
	});

	it('strips them before the screen: no clear, no title, no bell, the header stays', async () => {
		expect((await sandbox.run(['start', name])).code).toBe(0);
		const tui = launchTui({cols: 100, rows: 30, env: sandbox.env});
		await tui.waitFor(screen => screen.includes(`▸ ${name}`));
		tui.press('l');
		const screen = await tui.waitFor(text => text.includes('escape test: clear='), {timeout: 15_000});
		const line = screen.split('\n').find(text => text.includes('escape test:'))!;
		expect(line).toMatch(/escape test: clear= ?title= ?bell= ?end/);
		// Other node containers may run on this engine; the header line must simply still be there.
		expect(screen.split('\n')[0]).toMatch(/^(vnode-tui {2})?\d+ nodes · \d+ running/);
		expect(tui.titles).toEqual([]);
		expect(tui.bells).toBe(0);
		expect(tui.rawOutput()).not.toContain('pwned');
		expect(tui.rawOutput()).not.toContain('\u0007');
		tui.press('q');
		await tui.exited;
	}, 60_000);
});
