/**
 * Containers without config act on themselves only: a container whose labels
 * name another node (or have no usable scope) is shown by its own name, its
 * inspector and log are its own, and node actions are refused with a reason.
 */
import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/render-ink.js';
import {perTestWorld, rowOf} from '../helpers/ui-world.js';

const t = perTestWorld();

/** Moves the selection down until `name`'s row is selected. */
async function select(name: string): Promise<string> {
	for (let step = 0; step < 5 && !rowOf(t.ui!.frame(), name).startsWith('▸'); step++) {
		await t.ui!.press('j');
	}

	return t.ui!.waitFor(frame => rowOf(frame, name).startsWith('▸'));
}

describe('containers without config', () => {
	it('a container labelled as another node shows itself and refuses stop, restart and remove; the other node keeps running', async () => {
		const victim = t.world.engine.plant('vantage6-victim-user', {system: 'False', name: 'victim', marker: 'real-victim'});
		t.world.engine.plant('vantage6-orph-user', {system: 'False', name: 'victim', marker: 'impostor'});
		t.ui = t.world.render(200, 60);
		await t.ui!.waitFor(frame => rowOf(frame, 'victim').length > 0 && rowOf(frame, 'vantage6-orph-user').length > 0);
		await select('vantage6-orph-user');
		await t.ui!.waitFor('No config on disk for vantage6-orph-user');
		await t.ui!.waitFor('planted vantage6-orph-user says hello');
		expect(t.ui!.frame()).not.toContain('planted vantage6-victim-user');
		for (const key of ['x', 'r', 'd']) {
			await t.ui!.press(key);
			await t.ui!.waitFor('vantage6-orph-user: its labels name another node; manage it with docker.');
			expect(t.ui!.frame()).not.toMatch(/Stop|Restart|Remove the stopped/);
		}

		// Its labels tab shows its own labels.
		await t.ui!.press(keys.tab);
		for (let index = 0; index < 5 && !t.ui!.frame().includes('[Labels]'); index++) {
			await t.ui!.press(']');
		}

		const labels = await t.ui!.waitFor('[Labels]');
		expect(labels).toContain('impostor');
		expect(labels).not.toContain('real-victim');
		const running = await t.world.engine.inspectContainer(victim);
		expect(running.state.running).toBe(true);
	});

	it('a container with no usable scope label is inspected by itself, with its log; actions are refused with a reason', async () => {
		t.world.engine.plant('vantage6-odd-user', {system: '\u001B[31m', name: 'odd'});
		t.ui = t.world.render(200, 60);
		await t.ui!.waitFor(frame => rowOf(frame, 'vantage6-odd-user').startsWith('▸'));
		await t.ui!.waitFor('No config on disk for vantage6-odd-user');
		await t.ui!.waitFor('planted vantage6-odd-user says hello');
		expect(t.ui!.frame()).not.toContain('Inspecting…');
		await t.ui!.press('x');
		await t.ui!.waitFor('vantage6-odd-user: its container has no scope label; manage it with docker.');
	});
});
