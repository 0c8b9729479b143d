/**
 * E in the built TUI in a pty: a shell in the running node's container gets the whole terminal
 * (typed keys, its output, the window size, also after a resize), and when it exits the UI is back
 * on the alternate screen, drawn whole.
 */
import {afterAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {dockerSkipReason, dockerTitle, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {launchTui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

/** Generous: the machine may be loaded by other test runs; a broken hand-over fails anyway. */
const slow = 30_000;

describe.skipIf(dockerSkipReason)(dockerTitle('a shell from the TUI'), () => {
	const sandbox = new Sandbox();
	const name = uniqueNodeName('shell');
	sandbox.writeConfig(name, 'user', validConfig({images: {node: fixtureImage}}));

	afterAll(async () => {
		await removeNodeLeftovers(name);
		sandbox.cleanup();
	});

	it('E opens sh in the node, typed commands run there, the size follows a resize, and exit brings the table back whole', async () => {
		expect((await sandbox.run(['start', name])).code).toBe(0);
		const tui = launchTui({cols: 80, rows: 24, env: sandbox.env});
		await tui.waitFor(screen => screen.includes(`▸ ${name}`) && /running/.test(screen), {timeout: slow});
		tui.press('E');
		await tui.waitFor(screen => screen.includes('/ #'), {timeout: slow});
		expect(tui.activeBuffer()).toBe('normal');
		tui.press('echo marker-$RANDOM; stty size\r');
		await tui.waitFor(screen => /^marker-\d+$/m.test(screen) && /^24 80$/m.test(screen), {timeout: slow});
		tui.resize(100, 30);
		tui.press('stty size\r');
		await tui.waitFor(/^30 100$/m, {timeout: slow});
		tui.press('exit\r');
		const back = await tui.waitFor(screen => screen.includes(`Shell in ${name} ended (exit code 0).`) && screen.includes('q quit'), {timeout: slow});
		expect(tui.activeBuffer()).toBe('alternate');
		const lines = back.split('\n');
		expect(lines[0]).toMatch(/^vnode-tui .*\d+ nodes? · \d+ running/);
		expect(lines.some(line => line.startsWith(`▸ ${name} `) && line.includes('running'))).toBe(true);
		expect(lines.at(-2)).toMatch(/^q quit {2}\? help/);
		expect(back).not.toMatch(/marker-|\/ #/);
		// Keys reach the UI again.
		tui.press('?');
		await tui.waitFor('Show all keys', {timeout: slow});
		tui.press('\u001B');
		await tui.waitFor(screen => !screen.includes('Show all keys'), {timeout: slow});
		tui.press('q');
		expect((await tui.exited).exitCode).toBe(0);
	}, 180_000);
});
