/**
 * Keys typed the moment the first frame shows are the app's, never the
 * terminal's: the pty must already be in raw mode (no echo) when anything is
 * drawn, or the line discipline echoes them onto the screen, under the frame,
 * where Ink never clears them.
 */
import {afterAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {dockerSkipReason, dockerTitle, fixtureImage} from '../helpers/docker.js';
import {launchTui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

describe.skipIf(dockerSkipReason)(dockerTitle('keys typed as the first frame appears'), () => {
	const sandbox = new Sandbox();
	sandbox.writeConfig(uniqueNodeName('keys'), 'user', validConfig({images: {node: fixtureImage}}));

	afterAll(() => {
		sandbox.cleanup();
	});

	it.each([1, 2, 3])('are not echoed onto the screen (try %i)', async () => {
		const rows = 24;
		const tui = launchTui({cols: 80, rows, env: sandbox.env});
		// A key every few milliseconds from the start until the first frame is up: one of them lands
		// wherever the terminal still echoes. An unbound key: the app ignores it.
		const typing = setInterval(() => tui.press('Q'), 3);
		try {
			await tui.waitFor(screen => /^q quit/m.test(screen));
		} finally {
			clearInterval(typing);
		}

		await tui.quiet();
		// The frame is one row shorter than the terminal; the cursor waits on the last row, where an echo lands.
		expect(tui.screen().split('\n')[rows - 1]).toBe('');
	}, 30_000);
});
