/**
 * `vnode-tui clean` and the world fields of `list --json` on the in-memory engine:
 * what is listed, what is removed (exactly that), and when it refuses.
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {runCommand, type CommandFlags} from '../../source/commands/commands.js';
import {fakeParts, WorldHarness} from '../helpers/node-world-harness.js';
import {UiWorld} from '../helpers/ui-world.js';

const defaults: CommandFlags = {json: false, keep: false, follow: false, timestamps: false, volumes: false, colors: false, encryption: false, db: []};

let world: UiWorld;
let things: WorldHarness;
beforeEach(() => {
	world = new UiWorld();
	things = new WorldHarness(fakeParts(world.engine));
});
afterEach(() => {
	world.cleanup();
});

async function vnode(command: string, args: string[] = [], flags: Partial<CommandFlags> = {}, confirm?: (question: string) => Promise<boolean>) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await runCommand(
		{
			service: world.service,
			configs: world.configs,
			io: {out: text => out.push(text), err: text => err.push(text)},
			signal: new AbortController().signal,
			readSecret: async () => 'k',
			...(confirm ? {confirm} : {}),
		},
		command,
		args,
		{...defaults, ...flags},
	);
	return {code, out: out.join('\n'), err: err.join('\n')};
}

const labels = (node: string, runId: number, type = 'algorithm') => ({'vantage6-type': type, node, run_id: String(runId)});

/** alpha runs with an active run and a crashed one; beta is stopped with a run, a VPN client, its network and a tmp volume. */
async function arrange() {
	world.writeConfig('alpha');
	world.writeConfig('beta');
	expect((await vnode('start', ['alpha'])).code).toBe(0);
	await things.box({name: 'vantage6-alpha-run-7', labels: labels('alpha', 7), volumes: ['vantage6-alpha-user-3-tmpvol']});
	await things.box({name: 'vantage6-alpha-run-6', labels: labels('alpha', 6), lines: ['Traceback', 'ValueError: no data'], exitCode: 1});
	await things.box({name: 'vantage6-alpha-squid', exitCode: 137});
	await things.volume('vantage6-alpha-user-2-tmpvol');
	await things.box({name: 'vantage6-beta-run-9', labels: labels('beta', 9), volumes: ['vantage6-beta-user-4-tmpvol']});
	await things.box({name: 'vantage6-beta-vpn-client'});
	await things.network('vantage6-beta-user-net');
}

const expectedPlan = [
	['container', 'vantage6-alpha-squid'],
	['container', 'vantage6-beta-run-9'],
	['container', 'vantage6-beta-vpn-client'],
	['network', 'vantage6-beta-user-net'],
	['volume', 'vantage6-alpha-user-2-tmpvol'],
	['volume', 'vantage6-beta-user-4-tmpvol'],
];

const containerNames = () => [...world.engine.containers.values()].map(container => container.details.name).sort();

describe('list --json: runs, helpers and leftovers per node', () => {
	it('shows each run with its exit code, each helper, and what is left over', async () => {
		await arrange();
		const json = JSON.parse((await vnode('list', [], {json: true})).out) as {nodes: Array<Record<string, any>>};
		const alpha = json.nodes.find(node => node['name'] === 'alpha')!;
		expect(alpha['runs'].map((run: any) => [run.runId, run.container, run.state, run.exitCode])).toEqual([
			['6', 'vantage6-alpha-run-6', 'exited', 1],
			['7', 'vantage6-alpha-run-7', 'running', null],
		]);
		expect(alpha['helpers']).toEqual([expect.objectContaining({kind: 'squid', container: 'vantage6-alpha-squid', state: 'exited', exitCode: 137})]);
		expect(alpha['leftovers'].map((item: any) => [item.kind, item.name])).toEqual([
			['container', 'vantage6-alpha-squid'],
			['volume', 'vantage6-alpha-user-2-tmpvol'],
		]);
		const beta = json.nodes.find(node => node['name'] === 'beta')!;
		expect(beta['leftovers'].map((item: any) => item.name)).toEqual(['vantage6-beta-run-9', 'vantage6-beta-vpn-client', 'vantage6-beta-user-net', 'vantage6-beta-user-4-tmpvol']);
	});

	it('the list table says per node how many runs failed and what is left over, and how to clean it', async () => {
		await arrange();
		const {out} = await vnode('list');
		expect(out).toContain("alpha (user): 2 runs (1 running, 1 failed), 1 helper down, 2 leftovers ('vnode-tui clean alpha' lists and removes the leftovers)");
		expect(out).toContain("beta (user): 1 run (1 running), 4 leftovers ('vnode-tui clean beta' lists and removes the leftovers)");
	});
});

describe('vnode-tui clean', () => {
	it('without --yes and without a terminal lists what it would remove and refuses (exit 1)', async () => {
		await arrange();
		const before = containerNames();
		const result = await vnode('clean');
		expect(result.code).toBe(1);
		for (const [kind, name] of expectedPlan) {
			expect(result.out).toMatch(new RegExp(`^${kind}\\s+${name}\\s`, 'm'));
		}

		expect(result.out).toContain('These 6 would be removed:');
		expect(result.err).toContain('nothing was removed: not on a terminal to ask, and no --yes');
		expect(containerNames()).toEqual(before);
		expect(world.engine.networks.has('vantage6-beta-user-net')).toBe(true);
	});

	it('--dry-run lists and removes nothing, even with --yes; --json prints the plan', async () => {
		await arrange();
		const before = containerNames();
		const result = await vnode('clean', [], {dryRun: true, yes: true, json: true});
		expect(result.code).toBe(0);
		const json = JSON.parse(result.out) as {version: number; dryRun: boolean; planned: Array<{kind: string; name: string}>; results: unknown};
		expect(json).toMatchObject({version: 1, dryRun: true, results: null});
		expect(json.planned.map(item => [item.kind, item.name])).toEqual(expectedPlan);
		expect(containerNames()).toEqual(before);
	});

	it('asks on a terminal with no as the default; a yes removes exactly the listed things and nothing of the running node', async () => {
		await arrange();
		const questions: string[] = [];
		const declined = await vnode('clean', [], {}, async question => {
			questions.push(question);
			return false;
		});
		expect([declined.code, declined.out.endsWith('Nothing was removed.')]).toEqual([1, true]);
		expect(questions).toEqual(['Remove these 6? [y/N] ']);
		const volumesBefore = [...world.engine.volumes];

		const accepted = await vnode('clean', [], {json: true}, async () => true);
		expect(accepted.code).toBe(0);
		const json = JSON.parse(accepted.out) as {results: Array<{kind: string; name: string; outcome: string}>};
		expect(json.results.map(item => [item.kind, item.name, item.outcome])).toEqual(expectedPlan.map(([kind, name]) => [kind, name, 'removed']));
		expect(containerNames()).toEqual(['vantage6-alpha-run-6', 'vantage6-alpha-run-7', 'vantage6-alpha-user']);
		expect(world.engine.networks.has('vantage6-beta-user-net')).toBe(false);
		expect([...world.engine.volumes].sort()).toEqual(volumesBefore.filter(name => !expectedPlan.some(([, planned]) => planned === name)).sort());
		expect(world.engine.volumes.has('vantage6-alpha-user-3-tmpvol')).toBe(true);
	});

	it('clean NAME removes only that node\'s leftovers', async () => {
		await arrange();
		const result = await vnode('clean', ['alpha'], {yes: true});
		expect(result.code).toBe(0);
		expect(result.out).toContain('removed container vantage6-alpha-squid');
		expect(result.out).toContain('removed volume vantage6-alpha-user-2-tmpvol');
		expect(containerNames()).toContain('vantage6-beta-run-9');
		expect((await vnode('clean', ['nosuch'], {yes: true})).code).toBe(1);
	});

	it('leaves what stopped being a leftover between the listing and the yes (the node was started)', async () => {
		await arrange();
		const planned = await world.service.cleanPlan({name: 'beta'});
		expect(planned.map(item => item.name)).toContain('vantage6-beta-run-9');
		expect((await vnode('start', ['beta'])).code).toBe(0);
		await things.parts.networks.connect('vantage6-beta-user-net', 'vantage6-beta-user');
		const results = await world.service.clean(planned, {name: 'beta'});
		expect(results.map(item => [item.name, item.outcome])).toEqual([
			['vantage6-beta-run-9', 'skipped'],
			['vantage6-beta-vpn-client', 'skipped'],
			['vantage6-beta-user-net', 'skipped'],
			['vantage6-beta-user-4-tmpvol', 'skipped'],
		]);
		expect(containerNames()).toContain('vantage6-beta-run-9');
	});

	it('a hostile node label reaches neither the terminal raw nor a request: shown sanitized, and clean by that name is refused', async () => {
		await things.box({name: 'vantage6-evil-run-1', labels: {'vantage6-type': 'algorithm', node: 'evil\u001B]0;owned\u0007\u001B[2J', run_id: '1\u001B[31m'}, exitCode: 0});
		const list = await vnode('list');
		const json = await vnode('list', [], {json: true});
		const plan = await vnode('clean', [], {dryRun: true});
		for (const text of [list.out, json.out, plan.out]) {
			expect(text).not.toMatch(/\u001B|\u0007/);
		}

		expect(plan.out).toMatch(/^container\s+vantage6-evil-run-1\s/m);
		expect((await vnode('clean', ['evil\u001B[2J'], {yes: true})).code).toBe(2);
		expect(containerNames()).toContain('vantage6-evil-run-1');
	});
});
