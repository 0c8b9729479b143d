/**
 * The full-screen UI sees containers that someone else creates, however slow
 * the engine is to open the event stream: a node container created after the
 * first listing but before the stream listens (the stream has no `since` to
 * replay from yet) must still show, not wait for some later event.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {docker, dockerSkipReason, dockerTitle, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {launchTui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';
import {SocketProxy} from '../helpers/socket-proxy.js';

const sandbox = new Sandbox();
const name = uniqueNodeName('stale');
const orphan = uniqueNodeName('orphan');
sandbox.writeConfig(name, 'user', validConfig());

describe.skipIf(dockerSkipReason)(dockerTitle('the table and containers created by someone else (real engine behind a proxy)'), () => {
	let dir: string;
	let proxy: SocketProxy;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'vnode-stale-'));
		proxy = new SocketProxy(join(dir, 'docker.sock'));
		// The first event stream reaches the engine late (at most 4.5 s: under the 5 s wait for its headers): a busy daemon.
		// It sends no events at all: other tests' containers on the shared engine must not bring a listing by chance.
		await proxy.up({delay: {pattern: /\/events/, count: 1, ms: 4500}, mute: /\/events/});
	});

	afterAll(async () => {
		await proxy.down();
		await removeNodeLeftovers(orphan);
		rmSync(dir, {recursive: true, force: true});
		sandbox.cleanup();
	});

	it('shows a container created between the first listing and the event stream', async () => {
		const tui = launchTui({cols: 160, rows: 30, env: {...sandbox.env, DOCKER_HOST: `unix://${proxy.path}`}});
		await tui.waitFor(screen => /Docker \d+\.\d+/.test(screen) && screen.includes(name), {timeout: 10_000, message: 'the table with the engine up'});
		await expect.poll(() => proxy.delayed.length, {timeout: 10_000, message: 'the event stream asked for'}).toBe(1);
		// Someone else's node container (another terminal, another test): no config here, so an orphan row. Docker has
		// sent its create event (asked for from the past, bounded by `until`) before the UI's stream is let through.
		const since = Math.floor(Date.now() / 1000) - 1;
		await docker.createContainer({Image: fixtureImage, name: `vantage6-${orphan}-user`, Labels: {'vantage6-type': 'node', system: 'False', name: orphan}});
		const sent = async () => {
			const past = await docker.getEvents({since, until: Math.floor(Date.now() / 1000) + 1, filters: {type: ['container'], event: ['create'], container: [`vantage6-${orphan}-user`]}});
			let text = '';
			for await (const chunk of past) {
				text += String(chunk);
			}

			return text.includes('"create"');
		};

		await expect.poll(sent, {timeout: 10_000, message: 'Docker sent the create event'}).toBe(true);
		// Otherwise the container was made after the stream listened, and this test would prove nothing.
		expect(proxy.forwarded, 'the event stream still waiting when the container was made').toBe(0);
		proxy.release();
		await tui.waitFor(`${orphan} (no config)`, {timeout: 10_000, message: 'the orphan row'});
	}, 60_000);
});
