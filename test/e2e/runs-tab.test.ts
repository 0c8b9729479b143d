/**
 * The Runs tab and `c` in the built TUI on the real engine. Beside a running
 * fixture node (alpha) and a stopped one (beta), the harness makes what a
 * vantage6 4.14 node makes: runs with their labels (one crashed with exit 1 and
 * a last line), a dead squid, the node network, tmp volumes, a VPN client and
 * the four node volumes of a node that crashed. The crashed run's exit code and
 * last lines show in the log pane; `c` removes exactly what it listed, and a
 * running node's runs, network and volumes in use stay.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {containerNamed, docker, dockerSkipReason, dockerTitle, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {realParts, WorldHarness} from '../helpers/node-world-harness.js';
import {launchTui, type Tui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';
import {crashedNodeWorld, fourVolumes, runLabels, worldNames} from '../helpers/world-names.js';

const sandbox = new Sandbox();
const alpha = uniqueNodeName('ra');
const beta = uniqueNodeName('rb');
let things: WorldHarness;

const labels = runLabels;
const nodeVolumes = fourVolumes;
const engine = worldNames(alpha, beta);
const [volumeNames, networkNames, containerNames] = [engine.volumes, engine.networks, engine.containers];

/** Shows only `name`'s row (other helpers' containers share this engine) and selects it. */
async function only(tui: Tui, name: string): Promise<void> {
	tui.press('/');
	await tui.waitFor('(Enter keeps, Esc clears)');
	tui.press(`${name}\r`);
	await tui.waitFor(screen => screen.includes(`filter: ${name} (Esc clears)`) && new RegExp(`▸ ${name}`).test(screen));
}

/** The kind and name of each thing the clean dialog lists. */
function listed(screen: string): string[][] {
	return screen.split('\n').flatMap(line => {
		const match = /│ (container|network|volume) +(\S+)/.exec(line);
		return match ? [[match[1]!, match[2]!]] : [];
	});
}

describe.skipIf(dockerSkipReason)(dockerTitle('the Runs tab and c on a real engine'), () => {
	beforeAll(async () => {
		things = new WorldHarness(await realParts());
		for (const name of [alpha, beta]) {
			sandbox.writeConfig(name, 'user', validConfig({images: {node: fixtureImage}}));
		}

		const started = await sandbox.run(['start', alpha]);
		expect(started.code, started.stderr).toBe(0);
		await things.box({name: `vantage6-${alpha}-run-1`, labels: labels(alpha, 1), lines: ['loading data', 'ValueError: no column age'], exitCode: 1, volumes: [`vantage6-${alpha}-user-11-tmpvol`]});
		await things.box({name: `vantage6-${alpha}-run-2`, labels: labels(alpha, 2), lines: ['working'], volumes: [`vantage6-${alpha}-user-12-tmpvol`]});
		await things.box({name: `vantage6-${alpha}-squid`, lines: ['squid: fatal'], exitCode: 137});
		await things.network(`vantage6-${alpha}-user-net`, [`vantage6-${alpha}-user`]);
		await things.volume(`vantage6-${alpha}-user-10-tmpvol`);
		await crashedNodeWorld(things, beta);
	}, 120_000);

	afterAll(async () => {
		await Promise.all([alpha, beta].map(async name => removeNodeLeftovers(name)));
		await things?.cleanup();
		sandbox.cleanup();
	});

	it("a crashed run shows its exit code and last lines; c removes exactly what it listed, the running node's runs stay", async () => {
		const tui = launchTui({cols: 200, rows: 50, env: sandbox.env});
		await tui.waitFor(/\d+ nodes ·/);
		await only(tui, alpha);
		// The row says it at a glance, and the failed run marks it.
		await tui.waitFor(new RegExp(`▸ ${alpha} ! .*2 runs, 1 failed · 1 helper down · 2 left`));

		tui.press('\t');
		await tui.waitFor('Enter open run');
		tui.press('[');
		await tui.waitFor('[Runs]');
		await tui.waitFor(/▸ run +1 +exited \(1\)/);
		tui.press('\r');
		const run = await tui.waitFor(screen => screen.includes('ValueError: no column age') && screen.includes('exit code 1'), {timeout: 15_000});
		expect(run).toContain('loading data');
		expect(run).toContain(`${alpha} (user) › run 1`);
		expect(run).toContain(`vantage6-${alpha}-run-1`);
		// Seen: the mark is gone.
		expect(run).toMatch(new RegExp(`▸ ${alpha} +user`));

		tui.press('\u001B');
		await tui.waitFor(screen => !screen.includes('› run 1') && /▸ run +1 +exited \(1\)/.test(screen));
		tui.press('c');
		const dialog = await tui.waitFor(`Clean up after ${alpha} (user)? Removes these 2:`);
		expect(listed(dialog)).toEqual([
			['container', `vantage6-${alpha}-squid`],
			['volume', `vantage6-${alpha}-user-10-tmpvol`],
		]);
		tui.press('y');
		await tui.waitFor(`Cleaned ${alpha}: removed 2 of 2`, {timeout: 20_000});
		expect(await containerNames()).toEqual(expect.arrayContaining([`vantage6-${alpha}-run-1`, `vantage6-${alpha}-run-2`, `vantage6-${alpha}-user`]));
		expect(await containerNames()).not.toContain(`vantage6-${alpha}-squid`);
		expect((await containerNamed(`vantage6-${alpha}-run-2`))?.State.Running).toBe(true);
		expect((await containerNamed(`vantage6-${alpha}-user`))?.State.Running).toBe(true);
		expect(await networkNames()).toContain(`vantage6-${alpha}-user-net`);
		const volumes = await volumeNames();
		expect(volumes).toEqual(expect.arrayContaining([`vantage6-${alpha}-user-11-tmpvol`, `vantage6-${alpha}-user-12-tmpvol`, ...nodeVolumes(beta)]));
		expect(volumes).not.toContain(`vantage6-${alpha}-user-10-tmpvol`);

		// beta is not running: all of its world goes, and only that.
		tui.press('\t');
		await tui.waitFor('/ filter');
		tui.press('\u001B');
		await tui.waitFor(screen => !screen.includes(`filter: ${alpha}`));
		await only(tui, beta);
		tui.press('c');
		const betaDialog = await tui.waitFor(`Clean up after ${beta} (user)? Removes these 8:`);
		const shown = listed(betaDialog);
		// The dialog shows what fits; j scrolls to the rest.
		while (shown.length < 8) {
			tui.press('j');
			await tui.quiet({quietMs: 100});
			for (const item of listed(tui.screen())) {
				if (!shown.some(([kind, name]) => kind === item[0] && name === item[1])) {
					shown.push(item);
				}
			}
		}

		expect(shown).toEqual([
			['container', `vantage6-${beta}-run-3`],
			['container', `vantage6-${beta}-vpn-client`],
			['network', `vantage6-${beta}-user-net`],
			...[`vantage6-${beta}-user-13-tmpvol`, ...nodeVolumes(beta)].sort().map(name => ['volume', name]),
		]);
		tui.press('y');
		await tui.waitFor(`Cleaned ${beta}: removed 8 of 8`, {timeout: 20_000});
		expect((await containerNames()).filter(name => name.startsWith(`vantage6-${beta}-`))).toEqual([]);
		expect((await networkNames()).filter(name => name.startsWith(`vantage6-${beta}-`))).toEqual([]);
		expect((await volumeNames()).filter(name => name.startsWith(`vantage6-${beta}-`))).toEqual([]);
		expect(await containerNames()).toEqual(expect.arrayContaining([`vantage6-${alpha}-run-1`, `vantage6-${alpha}-run-2`]));
		tui.press('q');
		expect((await tui.exited).exitCode).toBe(0);
	}, 120_000);
});
