/**
 * The reviewer's steps against the real engine: a container made by hand whose
 * labels name a running node (`name=VICTIM`, container `vantage6-VICTIMo-user`).
 * Its row is shown by its own name, x, d and r are refused with the reason, and
 * the node it names keeps running with all its volumes.
 */
import {rmSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {containerNamed, docker, dockerSkipReason, dockerTitle, fixtureImage, nodeVolumes, removeNodeLeftovers} from '../helpers/docker.js';
import {launchTui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

describe.skipIf(dockerSkipReason)(dockerTitle('a container whose labels name another node'), () => {
	let sandbox: Sandbox;
	let victim: string;
	let impostor: string;

	beforeAll(async () => {
		sandbox = new Sandbox();
		victim = uniqueNodeName('vic');
		impostor = `vantage6-${victim}o-user`;
		const path = sandbox.writeConfig(victim, 'user', validConfig({images: {node: fixtureImage}}));
		const started = await sandbox.run(['start', victim]);
		expect(started.code, started.stdout + started.stderr).toBe(0);
		// The node runs; its config is not in this UI's config dir: "VICTIM (no config)".
		rmSync(path);
		const container = await docker.createContainer({
			name: impostor,
			Image: fixtureImage,
			Cmd: ['sleep', '600'],
			Labels: {'vantage6-type': 'node', system: 'False', name: victim},
		});
		await container.start();
	}, 120_000);

	afterAll(async () => {
		if (victim) {
			await removeNodeLeftovers(victim);
			await removeNodeLeftovers(`${victim}o`);
		}

		sandbox?.cleanup();
	}, 60_000);

	it('x y, d y and r y on its row act on nothing; the named node keeps running with its volumes', async () => {
		const volumes = await nodeVolumes(victim);
		expect(volumes.length).toBeGreaterThanOrEqual(1);
		const tui = launchTui({cols: 160, rows: 40, env: sandbox.env});
		await tui.waitFor(/\d+ nodes ·/);
		tui.press('/');
		await tui.waitFor('(Enter keeps, Esc clears)');
		tui.press(`${victim}\r`);
		// The row cuts a long name to keep its ` (no config)` mark whole: the impostor's row is known by its start.
		const impostorRow = new RegExp(`▸ ${impostor.slice(0, 18)}`);
		await tui.waitFor(screen => screen.includes(`filter: ${victim}`) && screen.includes(impostor.slice(0, 18)));
		for (let step = 0; step < 3 && !impostorRow.test(tui.screen()); step++) {
			tui.press('j');
			await tui.quiet({quietMs: 100});
		}

		await tui.waitFor(impostorRow);
		for (const key of ['x', 'd', 'r']) {
			tui.press(key);
			await tui.waitFor(`${impostor}: its labels name another node; manage it with docker.`);
			tui.press('y');
			await tui.quiet({quietMs: 200});
		}

		tui.press('q');
		expect((await tui.exited).exitCode).toBe(0);
		expect((await containerNamed(`vantage6-${victim}-user`))?.State.Running).toBe(true);
		expect((await containerNamed(impostor))?.State.Running).toBe(true);
		expect(await nodeVolumes(victim)).toEqual(volumes);
	}, 90_000);
});
