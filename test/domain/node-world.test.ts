import {describe, expect, it} from 'vitest';
import type {ContainerStateName} from '../../source/domain/container.js';
import type {NodeConfig, NodeConfigEntry, Scope} from '../../source/domain/node-config.js';
import {joinNodes, type NodeRow} from '../../source/domain/node-row.js';
import {attachWorld, classifyContainer, cleanPlan, worldSummary, worldSummaryText, type NetworkSummary, type World, type WorldContainer} from '../../source/domain/node-world.js';
import {validConfig} from '../helpers/fixture-configs.js';

function entry(name: string, scope: Scope = 'user'): NodeConfigEntry {
	return {name, scope, path: `/cfg/${scope}/${name}.yaml`, config: validConfig() as NodeConfig, problems: []};
}

function box(name: string, state: ContainerStateName, labels: Record<string, string> = {}, volumes: string[] = [], exitCode = 0): WorldContainer {
	const status = state === 'running' ? 'Up 1 minute' : state === 'created' ? 'Created' : `Exited (${exitCode}) 5 seconds ago`;
	return {id: `id-${name}`, name, image: 'algo:1', state, status, created: 1000, labels, volumes, networks: []};
}

const node = (name: string, scope: Scope, state: ContainerStateName, volumes: string[] = []) =>
	box(`vantage6-${name}-${scope}`, state, {'vantage6-type': 'node', system: scope === 'system' ? 'True' : 'False', name}, volumes);
const run = (nodeName: string, id: number, state: ContainerStateName, exitCode = 0, volumes: string[] = []) =>
	box(`vantage6-${nodeName}-run-${id}`, state, {'vantage6-type': 'algorithm', node: nodeName, run_id: String(id)}, volumes, exitCode);
const runHelper = (nodeName: string, id: number, state: ContainerStateName) =>
	box(`vantage6-${nodeName}-run-${id}-helper`, state, {'vantage6-type': 'algorithm-helper', node: nodeName, run_id: String(id)});
const net = (name: string, containers: string[] = []): NetworkSummary => ({id: `net-${name}`, name, containers});
const nodeVolumes = (name: string, scope: Scope) => ['vol', 'vpn-vol', 'ssh-vol', 'squid-vol'].map(suffix => `vantage6-${name}-${scope}-${suffix}`);

function rowsOf(entries: NodeConfigEntry[], world: World): NodeRow[] {
	return attachWorld(joinNodes(entries, world.containers.filter(item => item.labels['vantage6-type'] === 'node')), world);
}

const leftoverNames = (row: NodeRow | undefined) => (row?.leftovers ?? []).map(item => `${item.kind}:${item.name}`).sort();

describe('classifyContainer', () => {
	it('reads runs and algorithm helpers by label, VPN, squid and ssh helpers by name, and nothing else', () => {
		expect(classifyContainer(run('a-b', 7, 'running'))).toMatchObject({node: 'a-b', runId: '7'});
		expect(classifyContainer(runHelper('a', 7, 'exited'))).toMatchObject({node: 'a', runId: '7', helper: 'algorithm-helper'});
		expect(classifyContainer(box('vantage6-a-b-vpn-client', 'running'))).toMatchObject({node: 'a-b', helper: 'vpn-client'});
		expect(classifyContainer(box('vantage6-a-squid', 'running'))).toMatchObject({node: 'a', helper: 'squid'});
		expect(classifyContainer(box('vantage6-a-ssh-tunnel', 'running'))).toMatchObject({node: 'a', helper: 'ssh-tunnel'});
		expect(classifyContainer(node('a', 'user', 'running'))).toBeUndefined();
		// A node container whose node is called `x-squid`... is labelled as a node, so it is never a helper.
		expect(classifyContainer(box('vantage6-x-squid', 'running', {'vantage6-type': 'node'}))).toBeUndefined();
		expect(classifyContainer(box('unrelated-vpn-client', 'running'))).toBeUndefined();
		expect(classifyContainer(box('vantage6-a-run-1', 'running', {'vantage6-type': 'algorithm'}))).toBeUndefined();
	});
});

describe('attachWorld', () => {
	it('gives a running node its runs and helpers, and nothing of its active runs as a leftover', () => {
		const world: World = {
			containers: [
				node('alpha', 'user', 'running', nodeVolumes('alpha', 'user')),
				run('alpha', 12, 'running', 0, ['vantage6-alpha-user-5-tmpvol']),
				run('alpha', 3, 'exited', 1),
				runHelper('alpha', 12, 'exited'),
				runHelper('alpha', 3, 'exited'),
				box('vantage6-alpha-vpn-client', 'running'),
				box('vantage6-alpha-squid', 'exited', {}, [], 137),
			],
			networks: [net('vantage6-alpha-user-net', ['id-vantage6-alpha-user'])],
			volumes: [...nodeVolumes('alpha', 'user'), 'vantage6-alpha-user-5-tmpvol', 'vantage6-alpha-user-4-tmpvol'],
		};
		const [row] = rowsOf([entry('alpha')], world);
		expect(row!.runs).toEqual([
			{runId: '3', container: 'vantage6-alpha-run-3', id: 'id-vantage6-alpha-run-3', state: 'exited', exitCode: 1, image: 'algo:1', created: 1000, ambiguous: false},
			{runId: '12', container: 'vantage6-alpha-run-12', id: 'id-vantage6-alpha-run-12', state: 'running', image: 'algo:1', created: 1000, ambiguous: false},
		]);
		expect(row!.helpers!.map(helper => [helper.kind, helper.state, helper.runId ?? null])).toEqual([
			['algorithm-helper', 'exited', '12'],
			['algorithm-helper', 'exited', '3'],
			['squid', 'exited', null],
			['vpn-client', 'running', null],
		]);
		// The exited helper of run 12 still serves a running run; the squid that died and the helper of finished run 3 are left over;
		// the network has the node on it; tmp volume 5 is mounted by the running run, 4 by nothing; node volumes are in use.
		expect(leftoverNames(row)).toEqual(['container:vantage6-alpha-run-3-helper', 'container:vantage6-alpha-squid', 'volume:vantage6-alpha-user-4-tmpvol']);
	});

	it('leaves everything of a node that is not running, except what a kept container still holds', () => {
		const world: World = {
			containers: [
				node('beta', 'system', 'exited', nodeVolumes('beta', 'system')),
				run('beta', 1, 'running', 0, ['vantage6-beta-system-9-tmpvol']),
				box('vantage6-beta-vpn-client', 'running'),
			],
			networks: [net('vantage6-beta-system-net')],
			volumes: [...nodeVolumes('beta', 'system'), 'vantage6-beta-system-9-tmpvol'],
		};
		const [row] = rowsOf([entry('beta', 'system')], world);
		expect(leftoverNames(row)).toEqual([
			'container:vantage6-beta-run-1',
			'container:vantage6-beta-vpn-client',
			'network:vantage6-beta-system-net',
			// The run goes first, so its tmp volume is free; the kept node container holds the four node volumes.
			'volume:vantage6-beta-system-9-tmpvol',
		]);
		const gone = rowsOf([entry('beta', 'system')], {...world, containers: world.containers.slice(1)});
		expect(leftoverNames(gone[0])).toEqual(expect.arrayContaining(nodeVolumes('beta', 'system').map(name => `volume:${name}`)));
	});

	it('puts runs and helpers of a node with no config under a (no config) row; volumes a deleted config left make no row', () => {
		const world: World = {
			containers: [run('ghost', 2, 'exited', 1), box('vantage6-ghost-ssh-tunnel', 'exited')],
			networks: [net('vantage6-spirit-user-net')],
			volumes: ['vantage6-spirit-user-3-tmpvol', ...nodeVolumes('spirit', 'user')],
		};
		const rows = rowsOf([entry('alpha')], world);
		expect(rows.map(row => [row.key, row.configPath ?? '(no config)', row.status])).toEqual([
			['user/alpha', '/cfg/user/alpha.yaml', 'not-created'],
			['world/ghost', '(no config)', 'not-created'],
		]);
		expect(rows[1]!.runs!.map(item => [item.runId, item.exitCode])).toEqual([['2', 1]]);
		expect(leftoverNames(rows[1])).toEqual(['container:vantage6-ghost-run-2', 'container:vantage6-ghost-ssh-tunnel']);
	});

	it('a node container with no config gets its network and volumes as leftovers', () => {
		const world: World = {containers: [node('orphan', 'user', 'exited')], networks: [net('vantage6-orphan-user-net')], volumes: ['vantage6-orphan-user-3-tmpvol']};
		const rows = rowsOf([], world);
		expect(rows.map(row => row.key)).toEqual(['container/vantage6-orphan-user']);
		expect(leftoverNames(rows[0])).toEqual(['network:vantage6-orphan-user-net', 'volume:vantage6-orphan-user-3-tmpvol']);
	});

	it('marks runs ambiguous when a user and a system node share the name, and leaves them while either runs', () => {
		const world: World = {containers: [node('twin', 'system', 'running'), run('twin', 4, 'exited', 2)], networks: [], volumes: []};
		const rows = rowsOf([entry('twin', 'user'), entry('twin', 'system')], world);
		expect(rows.map(row => [row.key, row.runs!.map(item => [item.runId, item.ambiguous])])).toEqual([
			['user/twin', [['4', true]]],
			['system/twin', [['4', true]]],
		]);
		expect(rows.flatMap(row => row.leftovers)).toEqual([]);
	});

	it('reads a tmp volume name strictly: another node whose name extends this one keeps its volumes', () => {
		const world: World = {containers: [node('a', 'user', 'running')], networks: [], volumes: ['vantage6-a-user-5-user-7-tmpvol']};
		const rows = rowsOf([entry('a')], world);
		expect(leftoverNames(rows[0])).toEqual([]);
		expect(rows.map(row => row.key)).toEqual(['user/a']);
	});
});

describe('cleanPlan', () => {
	it('lists each thing once, containers before networks before volumes', () => {
		const rows: NodeRow[] = [
			{key: 'a', name: 'a', problems: [], status: 'exited', leftovers: [{kind: 'volume', name: 'v', reason: 'r', ambiguous: false}, {kind: 'container', name: 'c', id: 'c1', reason: 'r', ambiguous: true}]},
			{key: 'b', name: 'a', problems: [], status: 'exited', leftovers: [{kind: 'container', name: 'c', id: 'c1', reason: 'r', ambiguous: true}, {kind: 'network', name: 'n', reason: 'r', ambiguous: false}]},
		];
		expect(cleanPlan(rows).map(item => `${item.kind}:${item.name}`)).toEqual(['container:c', 'network:n', 'volume:v']);
	});
});

describe('worldSummaryText', () => {
	it('says how many runs, how many run and failed, helpers down and leftovers; nothing for a quiet node', () => {
		const world: World = {
			containers: [node('alpha', 'user', 'running'), run('alpha', 1, 'running'), run('alpha', 2, 'exited', 1), run('alpha', 3, 'exited', 0), box('vantage6-alpha-squid', 'exited', {}, [], 137)],
			networks: [],
			volumes: ['vantage6-alpha-user-9-tmpvol'],
		};
		const [row] = rowsOf([entry('alpha')], world);
		expect(worldSummary(row!)).toEqual({runs: 3, running: 1, failed: 1, helpersDown: 1, leftovers: 2});
		expect(worldSummaryText(row!)).toBe('3 runs (1 running, 1 failed), 1 helper down, 2 leftovers');
		expect(worldSummaryText(rowsOf([entry('quiet')], {containers: [], networks: [], volumes: []})[0]!)).toBeUndefined();
		expect(worldSummaryText({key: 'k', name: 'n', problems: [], status: 'unknown'})).toBeUndefined();
	});
});
