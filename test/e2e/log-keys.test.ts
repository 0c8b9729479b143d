/**
 * Every log key, in the built TUI in a pty, on a real node's log: follow,
 * scroll (lines, pages, top, bottom), search with n/N, filter, timestamps, wrap, ranges, save, full screen.
 */
import {existsSync, readFileSync} from 'node:fs';
import {afterAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {dockerSkipReason, dockerTitle, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {launchTui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

const logTitle = (screen: string) => screen.split('\n').find(line => line.startsWith('─ Log')) ?? '';

describe.skipIf(dockerSkipReason)(dockerTitle('log keys in the TUI on a real node'), () => {
	const sandbox = new Sandbox({VNODE_LOG_DIR: ''});
	const name = uniqueNodeName('logkeys');
	sandbox.writeConfig(name, 'user', validConfig({images: {node: fixtureImage}, fixture_lines_per_second: 20}));
	sandbox.env['VNODE_LOG_DIR'] = `${sandbox.root}/saved`;

	afterAll(async () => {
		await removeNodeLeftovers(name);
		sandbox.cleanup();
	});

	it('f, j, k, PgUp, PgDn, g, G, /, n, N, F, t, w, the range keys, S and z do what the help says', async () => {
		expect((await sandbox.run(['start', name])).code).toBe(0);
		const tui = launchTui({cols: 140, rows: 34, env: sandbox.env});
		await tui.waitFor(screen => screen.includes(`▸ ${name}`));
		tui.press('l');
		tui.press('\t');
		await tui.waitFor(screen => logTitle(screen).includes('following') && /heartbeat seq=\d+/.test(screen));

		tui.press('k');
		await tui.waitFor(screen => logTitle(screen).includes('paused at'));
		tui.press('G');
		await tui.waitFor(screen => logTitle(screen).includes('following'));
		tui.press('f');
		await tui.waitFor(screen => logTitle(screen).includes('paused at'));
		tui.press('f');
		await tui.waitFor(screen => logTitle(screen).includes('following'));

		tui.press('/');
		await tui.waitFor(screen => logTitle(screen).includes('search: █'));
		tui.press('SEQ=1');
		tui.press('\r');
		await tui.waitFor(screen => /"SEQ=1": \d+ match/.test(logTitle(screen)));
		tui.press('N');
		await tui.waitFor(screen => logTitle(screen).includes('paused at'));
		tui.press('n');
		tui.press('F');
		let screen = await tui.waitFor(text => logTitle(text).includes('only matches shown'));
		const body = screen.split('\n').filter(line => line.includes(' - node '));
		expect(body.length).toBeGreaterThan(0);
		expect(body.every(line => /seq=1/i.test(line))).toBe(true);
		tui.press('F');
		tui.press('\u001B');
		await tui.waitFor(text => !logTitle(text).includes('"SEQ=1"'));

		tui.press('t');
		await tui.waitFor(text => /^\d\d:\d\d:\d\d\.\d{3} \d{4}-/m.test(text));

		// All lines (the start-up lines may be older than the last 200 on a slow machine); g goes to the
		// first: the fixture's long "Mounts:" line is cut at the pane's width...
		tui.press('0');
		await tui.waitFor(text => logTitle(text).includes('all lines'));
		tui.press('g');
		screen = await tui.waitFor(text => logTitle(text).includes('paused at 1/') && text.includes('Mounts: /mnt/log=present'));
		expect(screen).not.toContain('sock=present');
		// ...w wraps it onto the next row, and w again cuts it.
		tui.press('w');
		await tui.waitFor(text => text.includes('sock=present') && !/Mounts:.*sock=present/.test(text));
		tui.press('w');
		await tui.waitFor(text => !text.includes('sock=present'));

		const pausedAt = (text: string) => Number(/paused at (\d+)\//.exec(logTitle(text))?.[1] ?? Number.NaN);
		tui.press('\u001B[6~');
		const paged = pausedAt(await tui.waitFor(text => pausedAt(text) > 5));
		tui.press('j');
		await tui.waitFor(text => pausedAt(text) === paged + 1);
		tui.press('k');
		await tui.waitFor(text => pausedAt(text) === paged);
		tui.press('\u001B[5~');
		await tui.waitFor(text => pausedAt(text) === 1);
		tui.press('G');
		await tui.waitFor(text => logTitle(text).includes('following'));

		tui.press('3');
		await tui.waitFor(text => logTitle(text).includes('last 5 minutes'));
		tui.press('0');
		screen = await tui.waitFor(text => logTitle(text).includes('all lines'));
		tui.press('1');
		await tui.waitFor(text => logTitle(text).includes('last 200 lines') && /heartbeat seq=\d+/.test(text));

		tui.press('S');
		screen = await tui.waitFor(/Saved \d+ lines of \S+ to \S+\.log/);
		const path = /to (\S+\.log)/.exec(screen)![1]!;
		expect(existsSync(path)).toBe(true);
		expect(readFileSync(path, 'utf8')).toMatch(/heartbeat seq=\d+/);

		tui.press('z');
		await tui.waitFor(text => !text.includes('─ Nodes') && logTitle(text).includes('following'));
		tui.press('\u001B');
		await tui.waitFor(text => text.includes('─ Nodes'));
		tui.press('q');
		expect((await tui.exited).exitCode).toBe(0);
	}, 90_000);
});
