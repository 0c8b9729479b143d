/**
 * E opens a shell in the selected node's container through the `shell` service (the UI never
 * reaches Docker itself), and says how it ended; a node that does not run gets a reason instead.
 */
import {describe, expect, it} from 'vitest';
import {perTestWorld, rowOf} from '../helpers/ui-world.js';

const t = perTestWorld();

describe('the shell key', () => {
	it('E on a running node runs sh in its container and says how the shell ended', async () => {
		t.world.writeConfig('alpha');
		await t.world.service.start({name: 'alpha', scope: 'user'});
		const id = (await t.world.engine.inspectContainer('vantage6-alpha-user')).id;
		t.ui = t.world.render(120, 30);
		await t.ui.waitFor(frame => rowOf(frame, 'alpha').includes('running'));
		await t.ui.press('E');
		await t.ui.waitFor('Shell in alpha ended (exit code 0).');
		expect(t.world.engine.execs).toEqual([{container: 'vantage6-alpha-user', request: expect.objectContaining({cmd: ['sh'], tty: true, stdin: true})}]);
		expect((await t.world.engine.inspectContainer(id)).id).toBe(id);
	});

	it('a container without sh gets the reason on the status line', async () => {
		t.world.writeConfig('bare');
		await t.world.service.start({name: 'bare', scope: 'user'});
		t.world.engine.noShell.add('vnode-fixture:latest');
		t.ui = t.world.render(200, 30);
		await t.ui.waitFor(frame => rowOf(frame, 'bare').includes('running'));
		await t.ui.press('E');
		await t.ui.waitFor("bare: the container has no 'sh' to run (exit 126). The image has no shell");
	});

	it('E on a stopped node opens nothing and says why', async () => {
		t.world.writeConfig('idle');
		t.ui = t.world.render(120, 30);
		await t.ui.waitFor(frame => rowOf(frame, 'idle').length > 0);
		await t.ui.press('E');
		await t.ui.waitFor('idle has no container to open a shell in; start it first (s).');
		expect(t.world.engine.execs).toEqual([]);
	});

	it('a shell that fails to start says why', async () => {
		t.world.writeConfig('gone');
		await t.world.service.start({name: 'gone', scope: 'user'});
		t.world.shell = async () => {
			throw new Error('the engine went away');
		};

		t.ui = t.world.render(120, 30);
		await t.ui.waitFor(frame => rowOf(frame, 'gone').includes('running'));
		await t.ui.press('E');
		await t.ui.waitFor('No shell in gone: the engine went away');
	});
});
