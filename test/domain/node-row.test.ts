import {describe, expect, it} from 'vitest';
import type {ContainerStateName, ContainerSummary} from '../../source/domain/container.js';
import type {NodeConfig, NodeConfigEntry, Scope} from '../../source/domain/node-config.js';
import {countNodes, joinNodes, scopeOfLabels, statusText, type NodeRow} from '../../source/domain/node-row.js';
import {validConfig} from '../helpers/fixture-configs.js';

const configDirs: Record<Scope, string> = {user: '/home/op/.config/vantage6/node', system: '/etc/vantage6/node'};

function entry(name: string, scope: Scope = 'user', invalid = false): NodeConfigEntry {
	const path = `${configDirs[scope]}/${name}.yaml`;
	return invalid
		? {name, scope, path, problems: [{path: 'port', message: `'port' must be a whole number or empty, not a list.`}]}
		: {name, scope, path, config: validConfig() as NodeConfig, problems: []};
}

function container(name: string, state: ContainerStateName = 'running', status = 'Up 3 minutes', labels?: Record<string, string>): ContainerSummary {
	return {
		id: `id-${name}`,
		name,
		image: 'harbor2.vantage6.ai/infrastructure/node:4.14',
		state,
		status,
		created: 1_700_000_000,
		labels: labels ?? {'vantage6-type': 'node'},
	};
}

/** A container as `v6 node start` labels it. */
function nodeContainer(name: string, scope: Scope, state: ContainerStateName = 'running', status = 'Up 3 minutes'): ContainerSummary {
	return container(`vantage6-${name}-${scope}`, state, status, {'vantage6-type': 'node', system: scope === 'system' ? 'True' : 'False', name});
}

const keys = (rows: readonly NodeRow[]) => rows.map(row => row.key);

describe('joinNodes', () => {
	it('joins a config with its container by exact name', () => {
		const running = nodeContainer('alpha', 'user');
		const [row, ...rest] = joinNodes([entry('alpha')], [running]);
		expect(rest).toEqual([]);
		expect(row).toEqual({
			key: 'user/alpha',
			name: 'alpha',
			scope: 'user',
			configPath: '/home/op/.config/vantage6/node/alpha.yaml',
			problems: [],
			status: 'running',
			container: running,
		});
	});

	it('the same name in both scopes joins each with its own container', () => {
		const user = nodeContainer('alpha', 'user', 'exited', 'Exited (0) 1 hour ago');
		const system = nodeContainer('alpha', 'system');
		const rows = joinNodes([entry('alpha', 'system'), entry('alpha', 'user')], [system, user]);
		expect(rows.map(row => [row.key, row.status, row.container?.name])).toEqual([
			['user/alpha', 'exited', 'vantage6-alpha-user'],
			['system/alpha', 'running', 'vantage6-alpha-system'],
		]);
	});

	it('config a does not match the container of config a-b', () => {
		const ab = nodeContainer('a-b', 'user');
		const rows = joinNodes([entry('a')], [ab]);
		expect(rows).toEqual([
			{key: 'user/a', name: 'a', scope: 'user', configPath: '/home/op/.config/vantage6/node/a.yaml', problems: [], status: 'not-created'},
			{key: 'container/vantage6-a-b-user', name: 'a-b', scope: 'user', problems: [], status: 'running', container: ab},
		]);
	});

	it('a container matches only its own scope', () => {
		const rows = joinNodes([entry('alpha', 'system')], [nodeContainer('alpha', 'user')]);
		expect(rows.map(row => [row.key, row.status])).toEqual([
			['system/alpha', 'not-created'],
			['container/vantage6-alpha-user', 'running'],
		]);
	});

	it('a container without config: key from its name, name and scope from its labels', () => {
		const rows = joinNodes([], [
			container('vantage6-beta-system', 'running', 'Up 2 hours', {'vantage6-type': 'node', system: 'True', name: 'beta'}),
			container('vantage6-gamma-user', 'exited', 'Exited (1) 3 days ago', {'vantage6-type': 'node', system: 'False', name: 'gamma'}),
		]);
		expect(rows.map(row => ({key: row.key, name: row.name, scope: row.scope, configPath: row.configPath, status: row.status}))).toEqual([
			{key: 'container/vantage6-beta-system', name: 'beta', scope: 'system', configPath: undefined, status: 'running'},
			{key: 'container/vantage6-gamma-user', name: 'gamma', scope: 'user', configPath: undefined, status: 'exited'},
		]);
	});

	it('a container whose labels name another node is shown by its own name, with no scope: node actions never reach the other node', () => {
		const rows = joinNodes([], [
			container('vantage6-orph-user', 'running', 'Up 1 minute', {'vantage6-type': 'node', system: 'False', name: 'victim'}),
			container('vantage6-victim-user', 'running', 'Up 1 minute', {'vantage6-type': 'node', system: 'False', name: 'victim'}),
			container('vantage6-nolabel-user', 'running', 'Up 1 minute', {'vantage6-type': 'node', system: 'False'}),
			container('vantage6-scoped-system', 'running', 'Up 1 minute', {'vantage6-type': 'node', system: 'False', name: 'scoped'}),
		]);
		expect(rows.map(row => ({key: row.key, name: row.name, scope: row.scope, unmanaged: row.unmanaged}))).toEqual([
			{key: 'container/vantage6-nolabel-user', name: 'vantage6-nolabel-user', scope: undefined, unmanaged: 'its container has no name label'},
			{key: 'container/vantage6-orph-user', name: 'vantage6-orph-user', scope: undefined, unmanaged: 'its labels name another node'},
			{key: 'container/vantage6-scoped-system', name: 'vantage6-scoped-system', scope: undefined, unmanaged: 'its labels name another node'},
			{key: 'container/vantage6-victim-user', name: 'victim', scope: 'user', unmanaged: undefined},
		]);
	});

	it('a container without name label is named after the container; an odd system label gives no scope', () => {
		const [row] = joinNodes([], [container('vantage6-odd-user', 'created', 'Created', {'vantage6-type': 'node', system: 'yes'})]);
		expect(row).toEqual({
			key: 'container/vantage6-odd-user',
			name: 'vantage6-odd-user',
			unmanaged: 'its container has no scope label',
			problems: [],
			status: 'created',
			container: container('vantage6-odd-user', 'created', 'Created', {'vantage6-type': 'node', system: 'yes'}),
		});
		expect(row && 'scope' in row).toBe(false);
	});

	it('an invalid config without container is invalid, with its problems', () => {
		const [row] = joinNodes([entry('broken', 'user', true)], []);
		expect(row).toEqual({
			key: 'user/broken',
			name: 'broken',
			scope: 'user',
			configPath: '/home/op/.config/vantage6/node/broken.yaml',
			problems: [{path: 'port', message: `'port' must be a whole number or empty, not a list.`}],
			status: 'invalid',
		});
	});

	it('with the engine not asked, a valid config is unknown (not "not created"), an invalid one still invalid', () => {
		const rows = joinNodes([entry('alpha'), entry('broken', 'user', true)], undefined);
		expect(rows.map(row => [row.name, row.status, statusText(row)])).toEqual([
			['alpha', 'unknown', 'unknown (no engine)'],
			['broken', 'invalid', 'invalid config'],
		]);
		expect(countNodes(rows)).toEqual({total: 2, running: 0, stopped: 0, invalid: 1, orphans: 0, unknown: 1});
	});

	it('an invalid config with a running container shows the container state and keeps the problems', () => {
		const [row] = joinNodes([entry('broken', 'user', true)], [nodeContainer('broken', 'user')]);
		expect(row?.status).toBe('running');
		expect(row?.problems).toHaveLength(1);
		expect(row?.container?.name).toBe('vantage6-broken-user');
	});

	it.each([
		['Up 3 minutes (healthy)', 'running', 'healthy', undefined],
		['Up 1 second (health: starting)', 'running', 'starting', undefined],
		['Up 2 hours (unhealthy)', 'running', 'unhealthy', undefined],
		['Up 5 minutes', 'running', undefined, undefined],
		['Exited (137) 2 minutes ago', 'exited', undefined, 137],
		['Exited (0) 5 seconds ago', 'exited', undefined, 0],
		['Exited (-1) 1 second ago', 'exited', undefined, -1],
		['Created', 'created', undefined, undefined],
		['Up 3 minutes (Paused)', 'paused', undefined, undefined],
		['Restarting (1) 4 seconds ago', 'restarting', undefined, undefined],
	] as const)('status %j → %s, health %s, exit code %s', (status, state, health, exitCode) => {
		const [row] = joinNodes([entry('alpha')], [nodeContainer('alpha', 'user', state, status)]);
		expect(row?.status).toBe(state);
		expect(row?.health).toBe(health);
		expect(row?.exitCode).toBe(exitCode);
		expect(row !== undefined && 'health' in row).toBe(health !== undefined);
		expect(row !== undefined && 'exitCode' in row).toBe(exitCode !== undefined);
	});

	describe('sort order', () => {
		const entries = [
			entry('zeta', 'system'),
			entry('alpha', 'system'),
			entry('beta', 'user', true),
			entry('alpha', 'user'),
			entry('Beta', 'system'),
			entry('zeta', 'user'),
		];
		const containers = [
			container('vantage6-orphan-b-user', 'exited', 'Exited (2) 1 day ago', {'vantage6-type': 'node', system: 'False', name: 'orphan-b'}),
			nodeContainer('zeta', 'user'),
			container('vantage6-orphan-a-system', 'running', 'Up 1 minute', {'vantage6-type': 'node', system: 'True', name: 'orphan-a'}),
			nodeContainer('alpha', 'system', 'exited', 'Exited (137) 2 minutes ago'),
			container('vantage6-orphan-a-user', 'running', 'Up 1 minute', {'vantage6-type': 'node', system: 'False', name: 'orphan-a'}),
		];
		const expected = [
			'user/alpha',
			'system/alpha',
			'user/beta',
			'system/Beta',
			'user/zeta',
			'system/zeta',
			'container/vantage6-orphan-a-user',
			'container/vantage6-orphan-a-system',
			'container/vantage6-orphan-b-user',
		];

		it('configs by name, user before system; containers without config last', () => {
			expect(keys(joinNodes(entries, containers))).toEqual(expected);
		});

		it('the same input in another order gives the same rows', () => {
			const forward = joinNodes(entries, containers);
			expect(joinNodes([...entries].reverse(), [...containers].reverse())).toEqual(forward);
			const rotated = [...entries.slice(3), ...entries.slice(0, 3)];
			expect(joinNodes(rotated, [...containers.slice(2), ...containers.slice(0, 2)])).toEqual(forward);
		});

		it('does not change its inputs', () => {
			const entriesCopy = structuredClone(entries);
			const containersCopy = structuredClone(containers);
			joinNodes(entries, containers);
			expect(entries).toEqual(entriesCopy);
			expect(containers).toEqual(containersCopy);
		});
	});
});

describe('scopeOfLabels', () => {
	it('reads the system label of v6 node start', () => {
		expect(scopeOfLabels({system: 'True'})).toBe('system');
		expect(scopeOfLabels({system: 'False'})).toBe('user');
		expect(scopeOfLabels({system: 'true'})).toBe(undefined);
		expect(scopeOfLabels({})).toBe(undefined);
	});
});

describe('countNodes', () => {
	it('counts running, stopped, invalid and rows without config', () => {
		const rows = joinNodes(
			[entry('a'), entry('b'), entry('c', 'user', true), entry('d', 'system'), entry('e', 'user', true)],
			[
				nodeContainer('a', 'user'),
				nodeContainer('b', 'user', 'exited', 'Exited (1) 1 minute ago'),
				nodeContainer('e', 'user'),
				nodeContainer('orphan', 'system'),
				nodeContainer('gone', 'user', 'dead', 'Dead'),
			],
		);
		expect(countNodes(rows)).toEqual({total: 7, running: 3, stopped: 3, invalid: 1, orphans: 2, unknown: 0});
	});

	it('counts nothing in an empty table', () => {
		expect(countNodes([])).toEqual({total: 0, running: 0, stopped: 0, invalid: 0, orphans: 0, unknown: 0});
	});
});

describe('statusText', () => {
	const row = (overrides: Partial<NodeRow>): NodeRow => ({key: 'user/a', name: 'a', scope: 'user', configPath: '/x/a.yaml', problems: [], status: 'running', ...overrides});
	const problem = [{path: 'port', message: 'bad'}];

	it.each([
		[row({status: 'running'}), 'running'],
		[row({status: 'exited', exitCode: 137}), 'exited (137)'],
		[row({status: 'exited', exitCode: 0}), 'exited (0)'],
		[row({status: 'exited'}), 'exited'],
		[row({status: 'exited', exitCode: 1, problems: problem}), 'exited (1), invalid config'],
		[row({status: 'not-created'}), 'not created'],
		[row({status: 'invalid', problems: problem}), 'invalid config'],
		[row({status: 'running', problems: problem}), 'running, invalid config'],
		[row({status: 'paused'}), 'paused'],
		[row({status: 'restarting'}), 'restarting'],
		[row({status: 'created'}), 'created'],
	])('%# → %s', (input, expected) => {
		expect(statusText(input)).toBe(expected);
	});

	it('matches the rows joinNodes builds', () => {
		const rows = joinNodes([entry('a'), entry('b', 'user', true)], [nodeContainer('a', 'user', 'exited', 'Exited (137) 2 minutes ago')]);
		expect(rows.map(item => statusText(item))).toEqual(['exited (137)', 'invalid config']);
	});
});
