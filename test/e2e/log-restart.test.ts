/**
 * The log pane survives restarts on a real engine: the node stopped and
 * started again (same name, a new container) gets a marker line and the new
 * container's log; while it is down the pane says so.
 */
import {afterAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {dockerSkipReason, dockerTitle, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {launchTui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

describe.skipIf(dockerSkipReason)(dockerTitle('log pane across restarts on a real node'), () => {
	const sandbox = new Sandbox();
	const name = uniqueNodeName('logrestart');
	sandbox.writeConfig(name, 'user', validConfig({images: {node: fixtureImage}, fixture_lines_per_second: 1}));

	afterAll(async () => {
		await removeNodeLeftovers(name);
		sandbox.cleanup();
	});

	it('says the node is down while it is, then marks the new container and follows it', async () => {
		expect((await sandbox.run(['start', name])).code).toBe(0);
		const tui = launchTui({cols: 120, rows: 30, env: sandbox.env});
		await tui.waitFor(screen => screen.includes(`▸ ${name}`));
		tui.press('l');
		// Full screen, so the marker and the new container's start-up lines fit on it together.
		tui.press('z');
		await tui.waitFor(/heartbeat seq=2\b/, {timeout: 15_000});

		expect((await sandbox.run(['stop', name])).code).toBe(0);
		let screen = await tui.waitFor('the container stopped; waiting for the node to start again', {timeout: 15_000});
		expect(screen).toMatch(/heartbeat seq=\d+/);

		expect((await sandbox.run(['start', name])).code).toBe(0);
		screen = await tui.waitFor(text => /the node was restarted: new container [\da-f]{12}/.test(text) && /Starting node \S+ \(fixture/.test(text.slice(text.indexOf('the node was restarted'))), {timeout: 15_000});
		expect(screen.indexOf('the container stopped')).toBeGreaterThanOrEqual(0);
		expect(screen.indexOf('the container stopped')).toBeLessThan(screen.indexOf('the node was restarted'));
		const firstId = /the node was restarted: new container ([\da-f]{12})/.exec(screen)![1]!;
		// The new container's heartbeat starts again at 1, after the marker.
		const afterMarker = (text: string) => text.slice(text.indexOf('the node was restarted'));
		screen = await tui.waitFor(text => text.includes('the node was restarted') && /heartbeat seq=1\b/.test(afterMarker(text)), {timeout: 15_000});

		// `r` restarts it from the UI, with the same marker for the next container.
		tui.press('r');
		await tui.waitFor(/Restart/);
		tui.press('y');
		const newIds = (text: string) => [...text.matchAll(/the node was restarted: new container ([\da-f]{12})/g)].map(match => match[1]).filter(id => id !== firstId);
		await tui.waitFor(text => newIds(text).length > 0, {timeout: 20_000});
		tui.press('q');
		expect((await tui.exited).exitCode).toBe(0);
	}, 90_000);
});
