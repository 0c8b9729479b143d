/**
 * An engine on another host whose files vnode-tui cannot reach (tcp:// elsewhere; an ssh:// host's configs are
 * read over SFTP there: test/integration/ssh-files.test.ts): a start there would bind this machine's paths on
 * that host, so start and restart are refused before anything is done.
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {ActionError} from '../../source/services/action-error.js';
import {NodeService} from '../../source/services/node-service.js';
import {remoteAddressOf} from '../../source/docker/engine-target.js';
import {UiWorld} from '../helpers/ui-world.js';

let world: UiWorld;
beforeEach(() => {
	world = new UiWorld();
	world.writeConfig('alpha');
});
afterEach(() => {
	world.cleanup();
});

describe('a tcp:// engine on another host', () => {
	it('start and restart are refused before any engine request, saying why and what to do', async () => {
		const remote = new NodeService({...world.service.deps, remoteEngine: 'tcp://10.0.0.5:2376'});
		world.engine.calls.length = 0;
		for (const attempt of [remote.start({name: 'alpha'}), remote.restart({name: 'alpha'})]) {
			// eslint-disable-next-line no-await-in-loop
			const error = await attempt.then(() => undefined, (thrown: unknown) => thrown);
			expect(error).toBeInstanceOf(ActionError);
			expect((error as Error).message).toMatch(/^alpha was not (started|restarted): the Docker engine is on another host \(tcp:\/\/10\.0\.0\.5:2376\).*Reach that engine over ssh:\/\/.*Nothing was done\.$/);
		}

		expect(world.engine.calls).toEqual([]);
		expect(world.engine.containers.size).toBe(0);
	});

	it('the same service on this machine starts the node', async () => {
		await world.service.start({name: 'alpha'});
		expect([...world.engine.containers.values()].map(container => container.details.name)).toEqual(['vantage6-alpha-user']);
	});

	it('ssh and tcp to another address are remote; a socket and loopback tcp are this machine', () => {
		expect(remoteAddressOf({kind: 'ssh', host: 'pi-1', address: 'ssh://pi-1'})).toBe('ssh://pi-1');
		expect(remoteAddressOf({kind: 'tcp', host: '10.0.0.5', port: 2376, address: 'tcp://10.0.0.5:2376'})).toBe('tcp://10.0.0.5:2376');
		expect(remoteAddressOf({kind: 'tcp', host: '127.0.0.1', port: 2375, address: 'tcp://127.0.0.1:2375'})).toBeUndefined();
		expect(remoteAddressOf({kind: 'tcp', host: 'localhost', port: 2375, address: 'tcp://localhost:2375'})).toBeUndefined();
		expect(remoteAddressOf({kind: 'unix', socketPath: '/var/run/docker.sock', address: '/var/run/docker.sock'})).toBeUndefined();
	});
});
