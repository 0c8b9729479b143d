/**
 * A node's world on the real engine: beside a running fixture node and a stopped
 * one, the harness makes what a vantage6 4.14 node makes (runs with their labels,
 * a crashed run, a run helper, a VPN client, a squid that died, the node network,
 * tmp volumes, the four node volumes after a crash). `list --json` must show it
 * per node, and `clean NAME` must remove exactly what it listed. Only `clean NAME`
 * removes here: other test files share this engine.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {containerNamed, docker, dockerSkipReason, dockerTitle, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {realParts, WorldHarness} from '../helpers/node-world-harness.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';
import {crashedNodeWorld, fourVolumes, runLabels, worldNames} from '../helpers/world-names.js';

type Json = Record<string, any>;

const sandbox = new Sandbox();
const alpha = uniqueNodeName('wa');
const beta = uniqueNodeName('wb');
let things: WorldHarness;

const labels = runLabels;
const nodeVolumes = fourVolumes;
const engine = worldNames(alpha, beta);
const [volumeNames, networkNames, containerNames] = [engine.volumes, engine.networks, engine.containers];

describe.skipIf(dockerSkipReason)(dockerTitle("a node's runs, helpers and leftovers on a real engine"), () => {
	beforeAll(async () => {
		things = new WorldHarness(await realParts());
		for (const name of [alpha, beta]) {
			sandbox.writeConfig(name, 'user', validConfig({images: {node: fixtureImage}, fixture_lines_per_second: 2}));
		}

		const started = await sandbox.run(['start', alpha]);
		expect(started.code, started.stderr).toBe(0);
		// alpha runs: a run that crashed, a run still running with its helper, a VPN client, a squid that died, its network, an old tmp volume.
		await things.box({name: `vantage6-${alpha}-run-1`, labels: labels(alpha, 1), lines: ['loading data', 'ValueError: no column age'], exitCode: 1, volumes: [`vantage6-${alpha}-user-11-tmpvol`]});
		await things.box({name: `vantage6-${alpha}-run-2`, labels: labels(alpha, 2), lines: ['working'], volumes: [`vantage6-${alpha}-user-12-tmpvol`]});
		await things.box({name: `vantage6-${alpha}-run-2-helper`, labels: labels(alpha, 2, 'algorithm-helper')});
		const vpn = await things.box({name: `vantage6-${alpha}-vpn-client`});
		await things.box({name: `vantage6-${alpha}-squid`, lines: ['squid: fatal'], exitCode: 137});
		await things.network(`vantage6-${alpha}-user-net`, [`vantage6-${alpha}-user`, vpn]);
		await things.volume(`vantage6-${alpha}-user-10-tmpvol`);
		// beta crashed: its run, VPN client, empty network, the run's tmp volume and its four volumes are left.
		await crashedNodeWorld(things, beta);
	}, 120_000);

	afterAll(async () => {
		// The node containers first: alpha's network cannot go while its node is on it.
		await Promise.all([alpha, beta].map(async name => removeNodeLeftovers(name)));
		await things?.cleanup();
		sandbox.cleanup();
	});

	it('list --json shows each node its runs (a crash with its exit code), helpers and leftovers', async () => {
		const result = await sandbox.run(['list', '--json']);
		expect(result.code, result.stderr).toBe(0);
		const nodes = (JSON.parse(result.stdout) as {nodes: Json[]}).nodes;
		const a = nodes.find(node => node['name'] === alpha)!;
		expect(a['runs'].map((run: Json) => [run['runId'], run['container'], run['state'], run['exitCode'], run['image']])).toEqual([
			['1', `vantage6-${alpha}-run-1`, 'exited', 1, fixtureImage],
			['2', `vantage6-${alpha}-run-2`, 'running', null, fixtureImage],
		]);
		expect(a['helpers'].map((helper: Json) => [helper['kind'], helper['state'], helper['exitCode']])).toEqual([
			['algorithm-helper', 'running', null],
			['squid', 'exited', 137],
			['vpn-client', 'running', null],
		]);
		expect(a['leftovers'].map((item: Json) => [item['kind'], item['name']])).toEqual([
			['container', `vantage6-${alpha}-squid`],
			['volume', `vantage6-${alpha}-user-10-tmpvol`],
		]);
		const b = nodes.find(node => node['name'] === beta)!;
		expect(b['runs'].map((run: Json) => [run['runId'], run['exitCode']])).toEqual([['3', 0]]);
		expect(b['leftovers'].map((item: Json) => [item['kind'], item['name']])).toEqual([
			['container', `vantage6-${beta}-run-3`],
			['container', `vantage6-${beta}-vpn-client`],
			['network', `vantage6-${beta}-user-net`],
			['volume', `vantage6-${beta}-user-13-tmpvol`],
			...nodeVolumes(beta).map(name => ['volume', name]),
		]);
	});

	it('without --yes and without a terminal, clean lists and refuses; --dry-run lists; nothing changes', async () => {
		const before = [await containerNames(), await networkNames(), await volumeNames()];
		const refused = await sandbox.run(['clean', beta]);
		expect(refused.code).toBe(1);
		expect(refused.stdout).toMatch(new RegExp(`^network\\s+vantage6-${beta}-user-net\\s`, 'm'));
		expect(refused.stderr).toContain('nothing was removed');
		const dry = await sandbox.run(['clean', '--dry-run']);
		expect(dry.code).toBe(0);
		expect(dry.stdout).toMatch(new RegExp(`^container\\s+vantage6-${alpha}-squid\\s`, 'm'));
		expect(dry.stdout).not.toContain(`vantage6-${alpha}-run-2`);
		expect([await containerNames(), await networkNames(), await volumeNames()]).toEqual(before);
	});

	it('clean NAME --yes removes exactly what it listed; the running node, its active run and everything else stay', async () => {
		const containersBefore = await containerNames();
		const volumesBefore = await volumeNames();
		const cleanedBeta = await sandbox.run(['clean', beta, '--yes', '--json']);
		expect(cleanedBeta.code, cleanedBeta.stderr).toBe(0);
		const cleanedAlpha = await sandbox.run(['clean', alpha, '--yes', '--json']);
		expect(cleanedAlpha.code, cleanedAlpha.stderr).toBe(0);
		const results = [cleanedBeta, cleanedAlpha].flatMap(result => (JSON.parse(result.stdout) as {results: Json[]}).results);
		expect(results.every(item => item['outcome'] === 'removed')).toBe(true);
		const removed = results.map(item => item['name'] as string);
		expect(removed.sort()).toEqual(
			[
				`vantage6-${beta}-run-3`,
				`vantage6-${beta}-vpn-client`,
				`vantage6-${beta}-user-net`,
				`vantage6-${beta}-user-13-tmpvol`,
				...nodeVolumes(beta),
				`vantage6-${alpha}-squid`,
				`vantage6-${alpha}-user-10-tmpvol`,
			].sort(),
		);
		expect(await containerNames()).toEqual(containersBefore.filter(name => !removed.includes(name)));
		expect(await volumeNames()).toEqual(volumesBefore.filter(name => !removed.includes(name)));
		expect(await networkNames()).toEqual([`vantage6-${alpha}-user-net`]);
		expect((await containerNamed(`vantage6-${alpha}-user`))?.State.Running).toBe(true);
		expect((await containerNamed(`vantage6-${alpha}-run-2`))?.State.Running).toBe(true);
		expect((await containerNamed(`vantage6-${alpha}-run-2-helper`))?.State.Running).toBe(true);
		expect((await containerNamed(`vantage6-${alpha}-run-1`))?.State.ExitCode).toBe(1);
		// Nothing more to clean for either node.
		const again = await sandbox.run(['clean', alpha, '--yes']);
		expect([again.code, again.stdout]).toEqual([0, 'Nothing to clean: no leftovers.\n']);
	});
});
