/**
 * The built TUI in a pty against the real engine: a node container burning CPU
 * in a 64 MiB limit fills the CPU and MEM columns of a wide table within a few
 * seconds; at 80 columns the columns are gone and the table is as before.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, dockerSkipReason, dockerTitle, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {launchTui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

const sandbox = new Sandbox();
const name = uniqueNodeName('cpu');

describe.skipIf(dockerSkipReason)(dockerTitle('CPU and MEM columns in the TUI (real engine)'), () => {
	beforeAll(async () => {
		const container = await docker.createContainer({
			name: `vantage6-${name}-user`,
			Image: fixtureImage,
			Entrypoint: ['sh', '-c'],
			Cmd: ['while :; do :; done'],
			Labels: {'vantage6-type': 'node', system: 'False', name},
			HostConfig: {Memory: 64 * 1024 * 1024},
		});
		await container.start();
	});
	afterAll(async () => {
		await removeNodeLeftovers(name);
		sandbox.cleanup();
	});

	it('the busy node row fills its CPU column with a measured percent and MEM with used/64M', async () => {
		const tui = launchTui({cols: 140, rows: 30, env: sandbox.env});
		const rowOf = (screen: string) => screen.split('\n').find(line => line.includes(`${name} (no config)`)) ?? '';
		const header = await tui.waitFor(/NAME.*UPTIME\s+RUNS\s+CPU\s+MEM\s+IMAGE/, {timeout: 10_000, message: 'the wide header'});
		expect(header).toContain(name);
		const filled = await tui.waitFor(screen => /\s(\d+\.\d)%\s+\S+\/64M\s/.test(rowOf(screen)), {timeout: 15_000, message: 'the CPU column filled'});
		const cpu = Number(/\s(\d+\.\d)%\s/.exec(rowOf(filled))![1]);
		expect(cpu).toBeGreaterThan(0);

		tui.resize(80, 24);
		const narrow = await tui.waitFor(screen => !/\bCPU\b/.test(screen) && /NAME\s+SCOPE\s+STATUS\s+UPTIME\s+IMAGE/.test(screen), {timeout: 5000, message: 'the narrow table'});
		expect(rowOf(narrow)).not.toMatch(/\/64M/);
		tui.press('q');
		expect((await tui.exited).exitCode).toBe(0);
	});
});
