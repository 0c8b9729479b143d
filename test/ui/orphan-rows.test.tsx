/**
 * Containers without config act on themselves only: a container whose labels
 * name another node (or have no usable scope) is shown by its own name, its
 * inspector and log are its own, and node actions are refused with a reason.
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {keys, type Rendered} from '../helpers/render-ink.js';
import {rowOf, UiWorld} from '../helpers/ui-world.js';

let world: UiWorld;
let ui: Rendered | undefined;

beforeEach(() => {
	world = new UiWorld();
});

afterEach(() => {
	ui?.unmount();
	ui = undefined;
	world.cleanup();
});

/** Moves the selection down until `name`'s row is selected. */
async function select(name: string): Promise<string> {
	for (let step = 0; step < 5 && !rowOf(ui!.frame(), name).startsWith('▸'); step++) {
		await ui!.press('j');
	}

	return ui!.waitFor(frame => rowOf(frame, name).startsWith('▸'));
}

describe('containers without config', () => {
	it('a container labelled as another node shows itself and refuses stop, restart and remove; the other node keeps running', async () => {
		const victim = world.engine.plant('vantage6-victim-user', {system: 'False', name: 'victim', marker: 'real-victim'});
		world.engine.plant('vantage6-orph-user', {system: 'False', name: 'victim', marker: 'impostor'});
		ui = world.render(200, 60);
		await ui.waitFor(frame => rowOf(frame, 'victim').length > 0 && rowOf(frame, 'vantage6-orph-user').length > 0);
		await select('vantage6-orph-user');
		await ui.waitFor('No config on disk for vantage6-orph-user');
		await ui.waitFor('planted vantage6-orph-user says hello');
		expect(ui.frame()).not.toContain('planted vantage6-victim-user');
		for (const key of ['x', 'r', 'd']) {
			await ui.press(key);
			await ui.waitFor('vantage6-orph-user: its labels name another node; manage it with docker.');
			expect(ui.frame()).not.toMatch(/Stop|Restart|Remove the stopped/);
		}

		// Its labels tab shows its own labels.
		await ui.press(keys.tab);
		for (let index = 0; index < 5 && !ui.frame().includes('[Labels]'); index++) {
			await ui.press(']');
		}

		const labels = await ui.waitFor('[Labels]');
		expect(labels).toContain('impostor');
		expect(labels).not.toContain('real-victim');
		const running = await world.engine.inspectContainer(victim);
		expect(running.state.running).toBe(true);
	});

	it('a container with no usable scope label is inspected by itself, with its log; actions are refused with a reason', async () => {
		world.engine.plant('vantage6-odd-user', {system: '\u001B[31m', name: 'odd'});
		ui = world.render(200, 60);
		await ui.waitFor(frame => rowOf(frame, 'vantage6-odd-user').startsWith('▸'));
		await ui.waitFor('No config on disk for vantage6-odd-user');
		await ui.waitFor('planted vantage6-odd-user says hello');
		expect(ui.frame()).not.toContain('Inspecting…');
		await ui.press('x');
		await ui.waitFor('vantage6-odd-user: its container has no scope label; manage it with docker.');
	});
});
