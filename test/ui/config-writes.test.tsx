/**
 * One key press is one config write: Enter pasted or held on [ Save ], and K or D
 * answered again while the first write still runs, write once. The real config
 * store on temp files; each write is counted and held until the test lets it go.
 */
import {readdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {commentedConfigYaml} from '../helpers/fixture-configs.js';
import {keys} from '../helpers/render-ink.js';
import {perTestWorld, rowOf} from '../helpers/ui-world.js';

const t = perTestWorld();

type Method = 'edit' | 'setApiKey' | 'delete';

/** Counts calls of a config action and holds each until `release()`. */
function counted(method: Method): {calls: () => number; release: () => void} {
	let calls = 0;
	let release!: () => void;
	const gate = new Promise<void>(resolve => {
		release = resolve;
	});
	const configs = t.world.configs as unknown as Record<Method, (...args: unknown[]) => Promise<unknown>>;
	const original = configs[method].bind(t.world.configs);
	configs[method] = async (...args: unknown[]) => {
		calls++;
		await gate;
		return original(...args);
	};

	return {calls: () => calls, release};
}

async function moveTo(label: RegExp) {
	for (let step = 0; step < 40 && !t.ui!.frame().split('\n').some(line => /▸/.test(line) && label.test(line)); step++) {
		await t.ui!.press('j');
	}

	await t.ui!.waitFor(frame => frame.split('\n').some(line => /▸/.test(line) && label.test(line)));
}

const files = (dir: string) => readdirSync(join(t.world.root, 'configs', 'user', dir));

describe('config writes', () => {
	it('"x\\n" pasted 50 times on [ Save ] saves once', async () => {
		t.world.writeConfig('hand', commentedConfigYaml);
		const edit = counted('edit');
		t.ui = t.world.render(100, 30);
		await t.ui!.waitFor('hand');
		await t.ui!.press('e');
		await t.ui!.waitFor('Edit hand (user)');
		await moveTo(/Log level/);
		await t.ui!.press(' ');
		await t.ui!.waitFor('‹ WARNING ›');
		await moveTo(/\[ Save \]/);
		await t.ui!.press('x\n'.repeat(50));
		for (let index = 0; index < 10; index++) {
			await t.ui!.press(keys.enter);
		}

		await t.ui!.waitFor('Saving…');
		edit.release();
		await t.ui!.waitFor('Saved 1 change');
		expect(edit.calls()).toBe(1);
		expect(files('.').filter(file => file.endsWith('.tmp'))).toEqual([]);
	});

	it('K answered twice while the first key is written writes once, and says why', async () => {
		t.world.writeConfig('alpha');
		const setApiKey = counted('setApiKey');
		t.ui = t.world.render(100, 30);
		await t.ui!.waitFor(frame => rowOf(frame, 'alpha').startsWith('▸'));
		for (const key of ['first-key', 'second-key']) {
			await t.ui!.press('K');
			await t.ui!.waitFor('New API key for alpha (user)');
			await t.ui!.press(`${key}\r`);
			await t.ui!.waitFor(frame => !frame.includes('New API key for alpha'));
		}

		await t.ui!.waitFor('user/alpha: still writing the config; wait for it to finish.');
		setApiKey.release();
		await t.ui!.waitFor('Saved the new API key');
		expect(setApiKey.calls()).toBe(1);
	});

	it('D answered twice while the first delete runs moves the config once', async () => {
		t.world.writeConfig('alpha');
		const remove = counted('delete');
		t.ui = t.world.render(100, 30);
		await t.ui!.waitFor(frame => rowOf(frame, 'alpha').startsWith('▸'));
		for (let index = 0; index < 2; index++) {
			await t.ui!.press('D');
			await t.ui!.waitFor('Delete the config of alpha (user)?');
			await t.ui!.press('y');
			await t.ui!.waitFor(frame => !frame.includes('Delete the config of alpha'));
		}

		await t.ui!.waitFor('user/alpha: still writing the config');
		remove.release();
		await t.ui!.waitFor(/Moved the config of alpha to \S+/);
		expect(remove.calls()).toBe(1);
		expect(files('.deleted')).toHaveLength(1);
	});
});
