/**
 * The audit log and read-only mode, in the services the UI and the commands
 * share: called directly, on the in-memory engine and real config files.
 */
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {newNodeDefaults} from '../../source/domain/new-node.js';
import {ActionError} from '../../source/services/action-error.js';
import {UiWorld} from '../helpers/ui-world.js';

const apiKey = 'audit-test-key-SHOULD-NOT-LEAK-42';
const dbPassword = 'db-pass-SHOULD-NOT-LEAK-77';

let world: UiWorld;
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

describe('audit log (services)', () => {
	beforeEach(() => {
		world = new UiWorld();
	});

	it('every changing action writes one entry: who, from where, node, scope, outcome, duration, the equivalent command; never a secret', async () => {
		const fields = {...newNodeDefaults, name: 'alpha', apiKey, image: 'vnode-fixture:latest', databases: [{label: 'default', uri: `postgresql://user:${dbPassword}@db/x`, type: 'sql'}]};
		expect((await world.configs.create(fields)).ok).toBe(true);
		await world.service.start({name: 'alpha'}, {keep: true});
		await world.service.restart({name: 'alpha'});
		await world.service.stop({name: 'alpha'});
		await world.service.remove({name: 'alpha'}, {volumes: true});
		const form = await world.configs.fieldsOf('alpha', 'user');
		if (!('fields' in form)) {
			throw new Error('expected fields');
		}

		await world.configs.edit(form.fields, {...form.fields, port: '7602'});
		await world.configs.setApiKey('alpha', 'user', `${apiKey}-new`);
		await world.service.clean(await world.service.cleanPlan());
		await world.configs.delete('alpha', 'user');
		expect(world.audit.map(entry => entry.action)).toEqual(['new', 'start', 'restart', 'stop', 'remove', 'edit', 'set-api-key', 'clean', 'delete']);
		expect(world.audit.every(entry => entry.outcome === 'ok')).toBe(true);
		expect(world.audit[1]).toMatchObject({
			host: 'testhost',
			user: 'tester',
			uid: 1234,
			sshClient: '192.0.2.7',
			tty: '/dev/pts/9',
			action: 'start',
			node: 'alpha',
			scope: 'user',
			command: 'v6 node start --name alpha --user --keep',
		});
		expect(world.audit[1]!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(world.audit[1]!.durationMs).toBeGreaterThanOrEqual(0);
		expect(world.audit[4]!.command).toBe('docker rm vantage6-alpha-user && docker volume rm vantage6-alpha-user-vol vantage6-alpha-user-vpn-vol vantage6-alpha-user-ssh-vol vantage6-alpha-user-squid-vol');
		expect(world.audit[5]!.detail).toBe('1 field changed: port');
		expect(world.audit[8]!.command).toMatch(/^mv .*alpha\.yaml .*\.deleted/);
		const text = JSON.stringify(world.audit);
		expect(text).not.toContain(apiKey);
		expect(text).not.toContain(dbPassword);
	});

	it('a failed action is logged as failed with its masked error, and still throws to the caller', async () => {
		world.writeConfig('alpha', {databases: [{label: 'default', uri: `postgresql://user:${dbPassword}@db/x`, type: 'sql'}]});
		await world.service.start({name: 'alpha'});
		expect((await rejection(world.service.start({name: 'alpha'}))).kind).toBe('already-running');
		expect(world.audit.at(-1)).toMatchObject({action: 'start', outcome: 'failed', error: expect.stringContaining('running') as unknown});
		await rejection(world.configs.setApiKey('alpha', 'user', `bad key ${apiKey}`));
		expect(world.audit.at(-1)).toMatchObject({action: 'set-api-key', outcome: 'failed'});
		expect(JSON.stringify(world.audit)).not.toContain(apiKey);
	});

	it('an audit log that cannot be written is reported, and the action is still done and says so', async () => {
		world.writeConfig('alpha');
		world.auditFailure = 'disk full';
		const outcome = await world.service.start({name: 'alpha'});
		expect(outcome.containerName).toBe('vantage6-alpha-user');
		expect((await world.engine.inspectContainer('vantage6-alpha-user')).state.running).toBe(true);
		expect(world.auditErrors).toEqual(['disk full']);
	});

	it('what only reads (list, inspect, the clean plan) writes nothing', async () => {
		world.writeConfig('alpha');
		await world.service.list();
		await world.service.inspect({name: 'alpha'});
		await world.service.cleanPlan();
		expect(world.audit).toEqual([]);
	});
});

describe('read-only mode (services)', () => {
	beforeEach(() => {
		world = new UiWorld({readOnly: '--read-only'});
	});

	it('every changing action is refused with a clear error, and nothing changes in the engine or on disk', async () => {
		const path = world.writeConfig('alpha');
		const refusals = [
			world.service.start({name: 'alpha'}),
			world.service.stop({name: 'alpha'}),
			world.service.restart({name: 'alpha'}),
			world.service.remove({name: 'alpha'}, {volumes: true}),
			world.service.clean([]),
			world.configs.create({...newNodeDefaults, name: 'beta', apiKey}),
			world.configs.delete('alpha', 'user'),
			world.configs.setApiKey('alpha', 'user', apiKey),
			world.configs.edit({...newNodeDefaults, name: 'alpha', apiKey}, {...newNodeDefaults, name: 'alpha', apiKey, port: '1'}),
		];
		for (const promise of refusals) {
			const error = await rejection(promise);
			expect(error.kind).toBe('read-only');
			expect(error.message).toMatch(/^read-only mode \(--read-only\): '[a-z-]+' is turned off; nothing was changed\.$/);
		}

		expect(world.engine.volumes.size).toBe(0);
		expect(await world.engine.listNodeContainers()).toEqual([]);
		expect(existsSync(path)).toBe(true);
		expect(existsSync(join(world.root, 'configs', 'user', 'beta.yaml'))).toBe(false);
		expect(world.audit).toEqual([]);
	});

	it('reading still works', async () => {
		world.writeConfig('alpha');
		expect((await world.service.list()).rows.map(row => row.name)).toEqual(['alpha']);
		expect((await world.service.inspect({name: 'alpha'})).entry?.name).toBe('alpha');
	});
});
