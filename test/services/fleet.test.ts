/**
 * The fleet (services/fleet.ts) on hand-written hosts: every action reaches the
 * row's own host, a host that hangs or refuses does not hold back the others'
 * rows, and a down host is asked again by itself and comes back.
 */
import {getEventListeners} from 'node:events';
import {describe, expect, it} from 'vitest';
import {EngineError, type EngineEvent} from '../../source/docker/engine.js';
import type {ContainerSummary} from '../../source/domain/container.js';
import {joinNodes} from '../../source/domain/node-row.js';
import {Fleet, type FleetMember} from '../../source/services/fleet.js';
import type {NodeListing, NodeRef} from '../../source/services/node-service.js';

const timing = {connectTimeoutMs: 200, listTimeoutMs: 200, downWaitMs: 20, retryMs: 50};

function container(name: string, id: string): ContainerSummary {
	return {id, name: `vantage6-${name}-user`, image: 'img', state: 'running', status: 'Up 1 minute', created: 0, labels: {name, system: 'False', 'vantage6-type': 'node'}} as ContainerSummary;
}

function listingOf(...containers: ContainerSummary[]): NodeListing {
	return {rows: joinNodes([], containers), problems: [], engine: {version: '24.0', host: 'x'} as NodeListing['engine'] & object};
}

type Host = FleetMember & {calls: string[]; answer: () => Promise<NodeListing>; emit: (event: EngineEvent) => void};

function host(name: string, listing: () => Promise<NodeListing>): Host {
	const calls: string[] = [];
	let emit: (event: EngineEvent) => void = () => undefined;
	const record = (what: string) => async (ref: NodeRef) => {
		calls.push(`${what} ${ref.name} ${ref.host ?? '-'}`);
		return {} as never;
	};

	const member: Host = {
		name,
		address: `ssh://${name}`,
		calls,
		answer: listing,
		emit: event => emit(event),
		nodes: {
			list: async () => member.answer(),
			start: record('start'),
			stop: record('stop'),
			restart: record('restart'),
			remove: record('remove'),
			inspect: record('inspect'),
			inspectContainer: async id => {
				calls.push(`inspectContainer ${id}`);
				return {} as never;
			},
			clean: async () => [],
		},
		engine: {
			async *events(signal) {
				const queue: EngineEvent[] = [];
				let wake: (() => void) | undefined;
				emit = event => {
					queue.push(event);
					wake?.();
				};

				while (!signal.aborted) {
					if (queue.length === 0) {
						// eslint-disable-next-line no-await-in-loop
						await new Promise<void>(resolve => {
							const onAbort = () => resolve();
							wake = () => {
								signal.removeEventListener('abort', onAbort);
								resolve();
							};

							signal.addEventListener('abort', onAbort, {once: true});
						});
					}

					while (queue.length > 0) {
						yield queue.shift()!;
					}
				}
			},
			async *logs(id) {
				yield {text: `${name} log of ${id}`, stream: 'stdout'} as never;
			},
			async *stats() {},
		},
		configs: {
			create: async () => ({ok: true, path: name}) as never,
			edit: async () => ({}) as never,
			delete: async (node: string) => {
				calls.push(`delete ${node}`);
				return {} as never;
			},
			setApiKey: async () => '',
			fieldsOf: async () => ({}) as never,
		},
	};
	return member;
}

const never = async () => new Promise<NodeListing>(() => undefined);

describe('fleet', () => {
	it('merges the hosts\' rows, each with its host and a key of its own', async () => {
		const fleet = new Fleet([host('pi-1', async () => listingOf(container('a', 'id1'))), host('pi-2', async () => listingOf(container('a', 'id2')))], timing);
		const listing = await fleet.list();
		expect(listing.rows.map(row => [row.host, row.name, row.key])).toEqual([
			['pi-1', 'a', 'pi-1/container/vantage6-a-user'],
			['pi-2', 'a', 'pi-2/container/vantage6-a-user'],
		]);
		expect(listing.hosts?.map(state => state.state)).toEqual(['connected', 'connected']);
		expect(listing.engineDown).toBeUndefined();
	});

	it('sends every action to the row\'s own host, and container actions to the host that has the container', async () => {
		const one = host('pi-1', async () => listingOf(container('a', 'id1')));
		const two = host('pi-2', async () => listingOf(container('a', 'id2')));
		const fleet = new Fleet([one, two], timing);
		await fleet.list();
		await fleet.nodes.stop({name: 'a', scope: 'user', host: 'pi-2'});
		await fleet.nodes.inspect({name: 'a', host: 'pi-1'});
		await fleet.nodes.inspectContainer('id2');
		await fleet.configs.delete('a', 'user', 'pi-1');
		const lines: string[] = [];
		for await (const line of fleet.engine.logs('id2')) {
			lines.push(line.text);
		}

		expect(two.calls).toEqual(['stop a -', 'inspectContainer id2']);
		expect(one.calls).toEqual(['inspect a -', 'delete a']);
		expect(lines).toEqual(['pi-2 log of id2']);
		await expect(fleet.nodes.stop({name: 'a', scope: 'user'})).rejects.toThrow(/Which host\? This fleet has pi-1, pi-2/);
		await expect(fleet.nodes.stop({name: 'a', host: 'vps'})).rejects.toThrow(/No host named 'vps'/);
	});

	it('a host that hangs does not hold back the others: its listing gives up after its timeout, its rows say why, its actions are refused', async () => {
		const slow = host('slow', async () => listingOf(container('b', 'id2')));
		const fleet = new Fleet([host('fast', async () => listingOf(container('a', 'id1'))), slow], timing);
		await fleet.list();
		slow.answer = never;
		const started = Date.now();
		const listing = await fleet.list();
		expect(Date.now() - started).toBeLessThan(timing.listTimeoutMs + 150);
		expect(listing.rows.map(row => [row.host, row.name, row.hostDown])).toEqual([
			['fast', 'a', undefined],
			['slow', 'b', 'no answer within 0.2 s'],
		]);
		expect(listing.hosts?.[1]?.state).toBe('unreachable');
		await expect(fleet.nodes.stop({name: 'b', host: 'slow'})).rejects.toThrow(/slow is unreachable: no answer/);
		// Known down now: the next listing does not wait for it again.
		const again = Date.now();
		await fleet.list();
		expect(Date.now() - again).toBeLessThan(timing.listTimeoutMs);
	});

	it('a refused host says why; with no host up the listing says engineDown', async () => {
		const refused = async () => {
			throw new EngineError('daemon-unreachable', 'ssh: connect to 127.0.0.3 refused');
		};

		const fleet = new Fleet([host('pi-1', refused)], timing);
		const listing = await fleet.list();
		expect(listing.hosts?.[0]).toMatchObject({state: 'unreachable', reason: 'ssh: connect to 127.0.0.3 refused', kind: 'daemon-unreachable'});
		expect(listing.engineDown).toContain('pi-1: ssh: connect to 127.0.0.3 refused');
	});

	it('a down host\'s config dirs are not listed as problems of their own (the hosts line says why once); an up host\'s same problem twice is said once', async () => {
		const reason = 'SSH to 127.0.0.2:22 refused';
		const problem = (scope: 'user' | 'system') => ({scope, dir: `/${scope}`, message: reason});
		const downListing = async (): Promise<NodeListing> => ({rows: [], problems: [problem('user'), problem('system')], engineDown: reason, engineDownKind: 'daemon-unreachable'});
		const upListing = async (): Promise<NodeListing> => ({...listingOf(), problems: [problem('user'), problem('system')]});
		const fleet = new Fleet([host('pi-1', downListing), host('pi-2', upListing)], timing);
		const listing = await fleet.list();
		expect(listing.hosts?.map(each => each.state)).toEqual(['unreachable', 'connected']);
		expect(listing.problems.map(each => each.message)).toEqual([`pi-2: ${reason}`]);
	});

	it('a host whose engine goes away is reconnecting, is asked again on its own clock, and comes back by itself with an event to list again', async () => {
		const one = host('pi-1', async () => listingOf(container('a', 'id1')));
		const two = host('pi-2', async () => listingOf(container('b', 'id2')));
		const fleet = new Fleet([one, two], timing);
		await fleet.list();
		const abort = new AbortController();
		const seen: EngineEvent[] = [];
		const reading = (async () => {
			for await (const event of fleet.events(abort.signal)) {
				seen.push(event);
			}
		})();
		let attempts = 0;
		two.answer = async () => {
			attempts++;
			throw new EngineError('daemon-unreachable', 'connection refused');
		};

		two.emit({type: 'engine', status: 'disconnected', message: 'connection lost'});
		await waitFor(() => seen.length >= 1);
		expect(fleet.hostStates()[1]).toMatchObject({state: 'reconnecting', reason: 'connection lost'});
		await waitFor(() => attempts >= 2);
		expect(fleet.hostStates()[1]).toMatchObject({state: 'unreachable', reason: 'connection refused'});
		const before = seen.length;
		two.answer = async () => listingOf(container('b', 'id2'));
		await waitFor(() => fleet.hostStates()[1]?.state === 'connected');
		await waitFor(() => seen.length > before);
		expect((await fleet.list()).rows.every(row => row.hostDown === undefined)).toBe(true);
		// The other host's events went on meanwhile.
		one.emit({type: 'container', action: 'die', id: 'id1', name: 'vantage6-a-user', labels: {}, timeNano: 1});
		await waitFor(() => seen.some(event => event.type === 'container' && event.action === 'die'));
		// Each wait for an event takes its abort listener off again (a long session waits thousands of times).
		for (let index = 0; index < 20; index++) {
			one.emit({type: 'container', action: 'start', id: 'id1', name: 'vantage6-a-user', labels: {}, timeNano: index});
			// eslint-disable-next-line no-await-in-loop
			await new Promise(resolve => setTimeout(resolve, 1));
		}

		expect(getEventListeners(abort.signal, 'abort').length).toBeLessThan(6);
		abort.abort();
		fleet.close();
		await reading;
	});
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) {
			throw new Error('condition not met in time');
		}

		// eslint-disable-next-line no-await-in-loop
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}
