/**
 * The full-screen UI on an engine that accepts connections and never answers:
 * it says so in its banner within the timeout, keeps answering keys, and
 * ends at once on `q` or a signal, with the terminal restored.
 */
import {afterAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {fakeEngineSocket} from '../helpers/fake-engine-socket.js';
import {launchTui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

const sandbox = new Sandbox();
sandbox.writeConfig(uniqueNodeName('hang'), 'user', validConfig());
afterAll(() => sandbox.cleanup());

const banner = /accepted the connection but did not answer within 5 s/;

describe('the UI on an engine that never answers', () => {
	it('shows the banner, keeps working, and q ends the process at once', async () => {
		const silent = await fakeEngineSocket();
		const tui = launchTui({cols: 200, rows: 30, env: {...sandbox.env, DOCKER_HOST: silent.dockerHost}});
		await tui.waitFor(screen => banner.test(screen.replaceAll('\n', ' ')), {timeout: 12_000, message: 'the engine banner'});
		tui.press('?');
		await tui.waitFor('Keys (Esc or ? closes', {message: 'the help overlay'});
		tui.press('\u001B');
		await tui.waitFor(screen => screen.includes('─ Nodes') && !screen.includes('Keys (Esc'), {message: 'the help overlay to close'});
		const pressed = performance.now();
		tui.press('q');
		const exit = await tui.exited;
		expect(exit).toEqual({exitCode: 0, signal: undefined});
		// `exited` waits 60 ms of quiet output after the exit; the process itself must not linger on its socket.
		expect(performance.now() - pressed).toBeLessThan(1500);
		expect(tui.activeBuffer()).toBe('normal');
	}, 30_000);

	it.each([
		['SIGTERM', 143],
		['SIGINT', 130],
	] as const)('%s ends it within a second while it waits on the engine, terminal restored', async (signal, code) => {
		const silent = await fakeEngineSocket();
		const tui = launchTui({env: {...sandbox.env, DOCKER_HOST: silent.dockerHost}});
		await tui.waitFor(() => tui.activeBuffer() === 'alternate' && silent.connections > 0, {message: 'the UI up and waiting on the engine'});
		const sent = performance.now();
		tui.kill(signal);
		const exit = await tui.exited;
		expect(exit).toEqual({exitCode: code, signal: undefined});
		expect(performance.now() - sent).toBeLessThan(1500);
		expect(tui.activeBuffer()).toBe('normal');
	}, 30_000);
});
