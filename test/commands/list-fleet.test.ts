/** `list` over a fleet: a HOST column, a line per host, and in JSON each node's host and each host's state. */
import {describe, expect, it} from 'vitest';
import {formatList, listJson} from '../../source/commands/list-output.js';
import {joinNodes} from '../../source/domain/node-row.js';
import type {ContainerSummary} from '../../source/domain/container.js';
import type {NodeListing} from '../../source/services/node-service.js';

const container = (name: string): ContainerSummary => ({id: `id-${name}`, name: `vantage6-${name}-user`, image: 'img', state: 'running', status: 'Up 2 minutes', created: 0, labels: {name, system: 'False'}}) as ContainerSummary;

const fleetListing: NodeListing = {
	rows: [
		...joinNodes([], [container('alpha')]).map(row => ({...row, key: `pi-1/${row.key}`, host: 'pi-1'})),
		...joinNodes([], [container('beta')]).map(row => ({...row, key: `vps/${row.key}`, host: 'vps', hostDown: 'connection refused'})),
	],
	problems: [],
	engine: {version: '24.0.7', host: 'ssh://vt@pi-1'} as NonNullable<NodeListing['engine']>,
	hosts: [
		{name: 'pi-1', address: 'ssh://vt@pi-1', state: 'connected', engine: {version: '24.0.7', host: 'ssh://vt@pi-1'} as NonNullable<NodeListing['engine']>},
		{name: 'vps', address: 'ssh://vps', state: 'unreachable', reason: 'connection \u001B[31mrefused', kind: 'daemon-unreachable'},
	],
};

describe('list over a fleet', () => {
	it('the text table has a HOST column and says each host\'s state, sanitized', () => {
		const text = formatList(fleetListing);
		expect(text).toMatch(/^HOST\s+NAME\s+SCOPE/);
		expect(text).toMatch(/\npi-1\s+alpha \(no config\)\s+user\s+running/);
		expect(text).toMatch(/\nvps\s+beta \(no config\)\s+user\s+running/);
		expect(text).toContain('2 hosts: 1 connected, 1 not');
		expect(text).toContain('host pi-1 (ssh://vt@pi-1): connected, engine 24.0.7');
		expect(text).toContain('host vps (ssh://vps): unreachable: connection refused');
		expect(text).not.toContain('\u001B');
	});

	it('JSON gives each node its host and each host its state, engineDown and counts', () => {
		const json = listJson(fleetListing) as {nodes: Array<{name: string; host: string | null}>; hosts: Array<Record<string, unknown>>};
		expect(json.nodes.map(node => [node.name, node.host])).toEqual([
			['alpha', 'pi-1'],
			['beta', 'vps'],
		]);
		expect(json.hosts[0]).toMatchObject({name: 'pi-1', state: 'connected', engine: {version: '24.0.7'}, counts: {total: 1, running: 1}});
		expect(json.hosts[0]).not.toHaveProperty('engineDown');
		expect(json.hosts[1]).toMatchObject({name: 'vps', state: 'unreachable', engineDown: 'connection refused', engineDownKind: 'daemon-unreachable', counts: {total: 1}});
	});

	it('one host: no HOST column, host null, no hosts part (as before)', () => {
		const single: NodeListing = {rows: joinNodes([], [container('alpha')]), problems: [], engine: {version: '24.0.7', host: '/var/run/docker.sock'} as NonNullable<NodeListing['engine']>};
		expect(formatList(single)).toMatch(/^NAME\s+SCOPE/);
		const json = listJson(single) as {nodes: Array<{host: unknown}>};
		expect(json.nodes[0]?.host).toBeNull();
		expect(json).not.toHaveProperty('hosts');
	});
});
