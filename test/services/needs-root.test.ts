/**
 * A system-scope node when vnode-tui does not run as root (ConfigStore.needsRoot): every action that
 * changes it is refused before any engine request or file write, with the command to run instead.
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {ActionError} from '../../source/services/action-error.js';
import {fieldsOfConfig} from '../../source/domain/new-node.js';
import type {NodeConfig} from '../../source/domain/node-config.js';
import {officialLocations} from '../../source/config/paths.js';
import {YamlConfigStore} from '../../source/config/yaml-config-store.js';
import {UiWorld} from '../helpers/ui-world.js';

const reason = '/etc/vantage6/node is not writable by user alice';

let world: UiWorld;
beforeEach(async () => {
	world = new UiWorld();
	world.writeConfig('sys', {}, 'system');
	world.writeConfig('usr', {}, 'user');
	// Running (started by root; planted: a start here would make the real /usr/local/share/vantage6/node/sys).
	world.engine.plant('vantage6-sys-system', {'vantage6-type': 'node', system: 'True', name: 'sys'});
	world.withoutRoot(reason);
	world.engine.calls.length = 0;
});
afterEach(() => {
	world.cleanup();
});

async function refusal(promise: Promise<unknown>): Promise<string> {
	const error = await promise.then(
		() => undefined,
		(thrown: unknown) => thrown,
	);
	expect(error).toBeInstanceOf(ActionError);
	expect((error as ActionError).kind).toBe('needs-root');
	return (error as ActionError).message;
}

describe('a system node without root', () => {
	it('start, stop, restart and remove are refused before any engine request, naming the command to run', async () => {
		expect(await refusal(world.service.start({name: 'sys'}))).toBe(`sys is a system-scope node and needs root (${reason}). Run 'sudo vnode-tui start sys --system'. Nothing was done.`);
		expect(await refusal(world.service.stop({name: 'sys'}))).toContain("Run 'sudo vnode-tui stop sys --system'");
		expect(await refusal(world.service.restart({name: 'sys', scope: 'system'}))).toContain("Run 'sudo vnode-tui restart sys --system'");
		expect(await refusal(world.service.remove({name: 'sys'}, {volumes: true}))).toContain("Run 'sudo vnode-tui remove sys --system'");
		expect(world.engine.calls).toEqual([]);
		expect((await world.engine.inspectContainer('vantage6-sys-system')).state.running).toBe(true);
	});

	it('delete, set-api-key and an edit are refused before the file or the engine is touched', async () => {
		const before = fieldsOfConfig((await world.service.requireConfig({name: 'usr'})).config as NodeConfig, 'sys', 'system');
		expect(await refusal(world.configs.delete('sys', 'system'))).toContain("Run 'sudo vnode-tui delete sys --system'");
		expect(await refusal(world.configs.setApiKey('sys', 'system', 'a-new-key-0123456789'))).toContain("Run 'sudo vnode-tui set-api-key sys --system'");
		expect(await refusal(world.configs.edit(before, {...before, port: '7000'}))).toContain("Run 'sudo vnode-tui'");
		expect(world.engine.calls).toEqual([]);
	});

	it('the listing marks system rows only; a user node works as before', async () => {
		const listing = await world.service.list();
		expect(listing.rows.map(row => [row.name, row.needsRoot])).toEqual([
			['sys', reason],
			['usr', undefined],
		]);
		await world.service.start({name: 'usr'});
		world.engine.calls.length = 0;
		expect((await world.engine.inspectContainer('vantage6-usr-user')).state.running).toBe(true);
	});
});

describe('YamlConfigStore.needsRoot', () => {
	it.skipIf(process.geteuid?.() !== 0)('never for root, whatever the dir', () => {
		const store = new YamlConfigStore(officialLocations({configRoot: '/proc/1', env: {}}));
		expect(store.needsRoot('system')).toBeUndefined();
	});

	it('never for the user scope', () => {
		const store = new YamlConfigStore(officialLocations({configRoot: '/proc/1', env: {}}));
		expect(store.needsRoot('user')).toBeUndefined();
	});
});
