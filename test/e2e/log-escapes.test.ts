/**
 * A node that prints terminal control sequences (clear screen, a window
 * title, bells), a 3000-character line or invalid UTF-8 changes nothing
 * outside the log pane: the built TUI in a pty against the real engine.
 */
import {afterAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {dockerSkipReason, dockerTitle, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {launchTui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

describe.skipIf(dockerSkipReason)(dockerTitle('hostile log output in the TUI'), () => {
	const sandbox = new Sandbox();
	const name = uniqueNodeName('esc');
	// No heartbeat: the hostile lines stay the last ones, on screen however slow the machine is.
	sandbox.writeConfig(name, 'user', validConfig({images: {node: fixtureImage}, fixture_lines_per_second: 0, fixture_print_escapes: true}));

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

	it('cuts a 3000-character line at the pane, wraps it with w, and shows invalid UTF-8 as U+FFFD', async () => {
		const cols = 100;
		const rows = 30;
		const tui = launchTui({cols, rows, env: sandbox.env});
		await tui.waitFor(screen => screen.includes(`▸ ${name}`));
		tui.press('l');
		tui.press('z');
		let screen = await tui.waitFor(text => text.includes('invalid utf-8:') && text.includes('long line: long-'), {timeout: 15_000});
		const lines = screen.split('\n');
		expect(lines).toHaveLength(rows);
		expect(lines.find(line => line.includes('invalid utf-8:'))).toMatch(/invalid utf-8: \[\uFFFD+\] end/);
		expect(lines.find(line => line.includes('long line:'))!.length).toBeLessThanOrEqual(cols);
		expect(lines.join('')).not.toContain('long-end');
		// Wrapped, the line takes 30 rows or so, full width each; its end shows; the header and hints stay.
		const joined = (text: string) => text.split('\n').join('');
		tui.press('w');
		screen = await tui.waitFor(text => joined(text).includes('long-end'));
		expect(screen.split('\n').filter(line => /^[lonrg-]{40,}/.test(line)).length).toBeGreaterThan(5);
		expect(screen.split('\n')[0]).toMatch(/^(vnode-tui {2})?\d+ nodes · \d+ running/);
		expect(screen.trimEnd().split('\n').at(-1)).toMatch(/^q quit/);
		tui.press('q');
		await tui.exited;
	}, 60_000);
});
