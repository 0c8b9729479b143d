/**
 * The services the commands and the UI share (source/services), on the
 * in-memory engine and real config files in a temp dir. No Docker.
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {ActionError} from '../../source/services/action-error.js';
import {UiWorld} from '../helpers/ui-world.js';

let world: UiWorld;
beforeEach(() => {
	world = new UiWorld();
});
afterEach(() => {
	world.cleanup();
});

async function rejection(promise: Promise<unknown>): Promise<ActionError> {
	const error = await promise.then(
		() => undefined,
		(thrown: unknown) => thrown,
	);
	expect(error).toBeInstanceOf(ActionError);
	return error as ActionError;
}

describe('NodeService', () => {
	it('start creates the four volumes and the container, and refuses a node already running', async () => {
		world.writeConfig('alpha');
		const outcome = await world.service.start({name: 'alpha'});
		expect(outcome).toMatchObject({containerName: 'vantage6-alpha-user', image: 'vnode-fixture:latest'});
		expect([...world.engine.volumes].sort()).toEqual(['vol', 'vpn-vol', 'ssh-vol', 'squid-vol'].map(suffix => `vantage6-alpha-user-${suffix}`).sort());
		expect((await rejection(world.service.start({name: 'alpha'}))).kind).toBe('already-running');
	});

	it('restart checks the config before it stops anything: a broken config leaves the node running', async () => {
		world.writeConfig('alpha');
		await world.service.start({name: 'alpha'});
		world.writeConfig('alpha', {databases: [{label: 'default', uri: 'relative/path.csv', type: 'csv'}]});
		const error = await rejection(world.service.restart({name: 'alpha'}));
		expect(error.kind).toBe('spec-invalid');
		expect(error.message).toContain('left running');
		expect((await world.engine.inspectContainer('vantage6-alpha-user')).state.running).toBe(true);
	});

	it('stop removes the volumes; stopping a node that is not running says why, without an error', async () => {
		world.writeConfig('alpha');
		await world.service.start({name: 'alpha'});
		const stopped = await world.service.stop({name: 'alpha'});
		expect(stopped).toMatchObject({stopped: true, volumesLeft: []});
		expect(world.engine.volumes.size).toBe(0);
		expect(await world.service.stop({name: 'alpha'})).toEqual({stopped: false, reason: 'alpha (user) is not running: there is no container vantage6-alpha-user.'});
	});

	it('remove refuses a running node, and removes a kept one with its volumes', async () => {
		world.writeConfig('alpha');
		await world.service.start({name: 'alpha'}, {keep: true});
		expect((await rejection(world.service.remove({name: 'alpha'}, {volumes: true}))).kind).toBe('running');
		await world.service.stop({name: 'alpha'});
		const removed = await world.service.remove({name: 'alpha'}, {volumes: true});
		expect(removed.containerRemoved).toBe(true);
		expect(removed.volumesRemoved.length + removed.volumesLeft.length).toBeGreaterThan(0);
		expect(world.engine.volumes.size).toBe(0);
	});

	it('a config of the user scope wins over the system scope of the same name; --system picks the other', async () => {
		world.writeConfig('alpha', {}, 'user');
		world.writeConfig('alpha', {}, 'system');
		expect((await world.service.requireConfig({name: 'alpha'})).scope).toBe('user');
		expect((await world.service.requireConfig({name: 'alpha', scope: 'system'})).scope).toBe('system');
		expect((await rejection(world.service.requireConfig({name: 'nobody'}))).kind).toBe('config-missing');
	});

	it('list joins configs and containers; with the engine gone the configs stay listed and engineDown says why', async () => {
		world.writeConfig('alpha');
		await world.service.start({name: 'alpha'});
		expect((await world.service.list()).rows.map(row => [row.name, row.status])).toEqual([['alpha', 'running']]);
		world.engine.goDown();
		const listing = await world.service.list();
		expect(listing.rows.map(row => row.name)).toEqual(['alpha']);
		expect(listing.engine).toBeUndefined();
		expect(listing.engineDown).toMatch(/Cannot reach the Docker engine/);
	});
});

describe('ConfigActions', () => {
	it('delete refuses a running node and moves a stopped one to .deleted/, naming volumes left', async () => {
		world.writeConfig('alpha');
		await world.service.start({name: 'alpha'}, {keep: true});
		expect((await rejection(world.configs.delete('alpha', 'user'))).kind).toBe('running');
		await world.engine.stopContainer('vantage6-alpha-user');
		const outcome = await world.configs.delete('alpha', 'user');
		expect(outcome.backupPath).toContain('.deleted');
		expect(outcome.leftoverVolumes).toContain('vantage6-alpha-user-vol');
		expect(await world.service.findConfig({name: 'alpha'})).toBeUndefined();
	});
});
