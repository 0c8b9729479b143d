/**
 * One key press is one config write: Enter pasted or held on [ Save ], and K or D
 * answered again while the first write still runs, write once. The real config
 * store on temp files; each write is counted and held until the test lets it go.
 */
import {readdirSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {commentedConfigYaml} from '../helpers/fixture-configs.js';
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

type Method = 'edit' | 'setApiKey' | 'delete';

/** Counts calls of a config action and holds each until `release()`. */
function counted(method: Method): {calls: () => number; release: () => void} {
	let calls = 0;
	let release!: () => void;
	const gate = new Promise<void>(resolve => {
		release = resolve;
	});
	const configs = world.configs as unknown as Record<Method, (...args: unknown[]) => Promise<unknown>>;
	const original = configs[method].bind(world.configs);
	configs[method] = async (...args: unknown[]) => {
		calls++;
		await gate;
		return original(...args);
	};

	return {calls: () => calls, release};
}

async function moveTo(label: RegExp) {
	for (let step = 0; step < 40 && !ui!.frame().split('\n').some(line => /▸/.test(line) && label.test(line)); step++) {
		await ui!.press('j');
	}

	await ui!.waitFor(frame => frame.split('\n').some(line => /▸/.test(line) && label.test(line)));
}

const files = (dir: string) => readdirSync(join(world.root, 'configs', 'user', dir));

describe('config writes', () => {
	it('"x\\n" pasted 50 times on [ Save ] saves once', async () => {
		world.writeConfig('hand', commentedConfigYaml);
		const edit = counted('edit');
		ui = world.render(100, 30);
		await ui.waitFor('hand');
		await ui.press('e');
		await ui.waitFor('Edit hand (user)');
		await moveTo(/Log level/);
		await ui.press(' ');
		await ui.waitFor('‹ WARNING ›');
		await moveTo(/\[ Save \]/);
		await ui.press('x\n'.repeat(50));
		for (let index = 0; index < 10; index++) {
			await ui.press(keys.enter);
		}

		await ui.waitFor('Saving…');
		edit.release();
		await ui.waitFor('Saved 1 change');
		expect(edit.calls()).toBe(1);
		expect(files('.').filter(file => file.endsWith('.tmp'))).toEqual([]);
	});

	it('K answered twice while the first key is written writes once, and says why', async () => {
		world.writeConfig('alpha');
		const setApiKey = counted('setApiKey');
		ui = world.render(100, 30);
		await ui.waitFor(frame => rowOf(frame, 'alpha').startsWith('▸'));
		for (const key of ['first-key', 'second-key']) {
			await ui.press('K');
			await ui.waitFor('New API key for alpha (user)');
			await ui.press(`${key}\r`);
			await ui.waitFor(frame => !frame.includes('New API key for alpha'));
		}

		await ui.waitFor('user/alpha: still writing the config; wait for it to finish.');
		setApiKey.release();
		await ui.waitFor('Saved the new API key');
		expect(setApiKey.calls()).toBe(1);
	});

	it('D answered twice while the first delete runs moves the config once', async () => {
		world.writeConfig('alpha');
		const remove = counted('delete');
		ui = world.render(100, 30);
		await ui.waitFor(frame => rowOf(frame, 'alpha').startsWith('▸'));
		for (let index = 0; index < 2; index++) {
			await ui.press('D');
			await ui.waitFor('Delete the config of alpha (user)?');
			await ui.press('y');
			await ui.waitFor(frame => !frame.includes('Delete the config of alpha'));
		}

		await ui.waitFor('user/alpha: still writing the config');
		remove.release();
		await ui.waitFor(/Moved the config of alpha to \S+/);
		expect(remove.calls()).toBe(1);
		expect(files('.deleted')).toHaveLength(1);
	});
});
