/**
 * The full-screen UI through a proxy socket that is taken down for 2–5 s and
 * brought back, six times in a row: every time, the banner goes and the table
 * is live again within 3 s of the engine answering. On some returns the first
 * listing hangs (a daemon that answers pings while it is still starting up),
 * on others the event stream does.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {dockerSkipReason, dockerTitle} from '../helpers/docker.js';
import {launchTui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';
import {SocketProxy} from '../helpers/socket-proxy.js';

const sandbox = new Sandbox();
const name = uniqueNodeName('reconnect');
sandbox.writeConfig(name, 'user', validConfig());

describe.skipIf(dockerSkipReason)(dockerTitle('the UI across engine outages (real engine behind a proxy)'), () => {
	let dir: string;
	let proxy: SocketProxy;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'vnode-reconnect-'));
		proxy = new SocketProxy(join(dir, 'docker.sock'));
		await proxy.up();
	});

	afterAll(async () => {
		await proxy.down();
		rmSync(dir, {recursive: true, force: true});
		sandbox.cleanup();
	});

	it('is back within 3 s of the engine answering, six outages in a row', async () => {
		const tui = launchTui({cols: 160, rows: 30, env: {...sandbox.env, DOCKER_HOST: `unix://${proxy.path}`}});
		const live = (screen: string) => /Docker \d+\.\d+/.test(screen) && !screen.includes('Docker unreachable') && screen.includes(name);
		await tui.waitFor(live, {timeout: 10_000, message: 'the table with the engine up'});
		const outagesMs = [2000, 5000, 3000, 4000, 2500, 3500];
		const backMs: number[] = [];
		for (const [cycle, outageMs] of outagesMs.entries()) {
			await proxy.down();
			await tui.waitFor('Docker unreachable', {timeout: 10_000, message: `the banner (outage ${cycle + 1})`});
			// The outage itself: the engine is away this long (the scenario, not a wait for the UI).
			await new Promise(resolve => setTimeout(resolve, outageMs));
			const upAt = performance.now();
			// Some returns hang the first listing (pings and events work); some hang the event stream (the listing works,
			// and the next outage must still show, though the stream never said it was back).
			await proxy.up([{hold: {pattern: /\/containers\/json/, count: 1}}, {hold: {pattern: /\/events/, count: 1}}, {}][cycle % 3]);
			await tui.waitFor(live, {timeout: 30_000, message: `the table live again (outage ${cycle + 1})`});
			backMs.push(Math.round(performance.now() - upAt));
		}

		expect(proxy.held.length, 'listings held').toBeGreaterThan(0);
		expect(Math.max(...backMs), `back after ${backMs.join(', ')} ms`).toBeLessThan(3000);
	}, 120_000);
});
