/**
 * `vnode-tui clean NAME` on a terminal: it lists, asks y/N, and Enter alone (the
 * default) or Ctrl+D removes nothing; `y` removes exactly what it listed.
 */
import {afterAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {docker, dockerSkipReason, dockerTitle, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {launchTui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

const sandbox = new Sandbox();
const name = uniqueNodeName('cp');
const tmp = `vantage6-${name}-user-4-tmpvol`;

async function volumeThere(): Promise<boolean> {
	return docker
		.getVolume(tmp)
		.inspect()
		.then(
			() => true,
			() => false,
		);
}

describe.skipIf(dockerSkipReason)(dockerTitle('clean asks on a terminal'), () => {
	afterAll(async () => {
		await removeNodeLeftovers(name);
		sandbox.cleanup();
	});

	it('Enter (no) and Ctrl+D keep everything; y removes the listed tmp volume', async () => {
		sandbox.writeConfig(name, 'user', validConfig({images: {node: fixtureImage}}));
		await docker.createVolume({Name: tmp});
		for (const answer of ['\r', '\u0004']) {
			const tui = launchTui({args: ['clean', name], env: sandbox.env, cols: 160});
			await tui.waitFor('Remove these 1? [y/N]');
			expect(tui.screen()).toMatch(new RegExp(`volume\\s+${tmp}\\s+tmp volume no run uses`));
			tui.press(answer);
			expect((await tui.exited).exitCode).toBe(1);
			expect(await volumeThere()).toBe(true);
		}

		const tui = launchTui({args: ['clean', name], env: sandbox.env, cols: 160});
		await tui.waitFor('Remove these 1? [y/N]');
		tui.press('y\r');
		expect((await tui.exited).exitCode).toBe(0);
		expect(tui.screen()).toContain(`removed volume ${tmp}`);
		expect(await volumeThere()).toBe(false);
	});
});
