/**
 * Keys no binding knows never end the app: characters outside the BMP (one key
 * each, two UTF-16 units), ZWJ sequences and flags (several keys in one chunk),
 * and ctrl-modified escape sequences Ink's parser names nothing (patched
 * use-input, scripts/source-patches.mjs).
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {keys, type Rendered} from '../../helpers/render-ink.js';
import {rowOf, UiWorld} from '../../helpers/ui-world.js';

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

const astral = ['🙂', '𠀀', '👍🏽', '🏳️‍🌈', '🇩🇪', '🙂🙂'];
// Ctrl+F13, an unknown ctrl code, a cursor-position request; then every CSI tilde and letter key with modifiers 2-16.
const unnamed = ['\u001B[25;5~', '\u001B[57;5~', '\u001B[6n'];
const fuzz = [2, 3, 5, 9, 13, 16].flatMap(modifier => [
	...[1, 2, 3, 5, 6, 15, 17, 25, 29, 34, 57, 99].map(code => `\u001B[${code};${modifier}~`),
	...['A', 'B', 'P', 'Z', 'u', 'q'].map(letter => `\u001B[1;${modifier}${letter}`),
]);

/** Presses every key; fails when one throws or the app's frame is gone. */
async function survives(pressed: readonly string[]): Promise<void> {
	for (const key of pressed) {
		try {
			await ui!.press(key);
		} catch (error) {
			throw new Error(`key ${JSON.stringify(key)}: ${String(error)}`);
		}

		if (ui!.frame().trim() === '') {
			throw new Error(`the app ended after ${JSON.stringify(key)}`);
		}
	}
}

describe('keys no binding knows', () => {
	it('emoji, 𠀀, skin tones, ZWJ sequences and flags are ignored in the table, detail, log and dialogs', async () => {
		world.writeConfig('alpha');
		await world.service.start({name: 'alpha', scope: 'user'});
		ui = world.render(100, 30);
		await ui.waitFor(frame => rowOf(frame, 'alpha').includes('● running'));
		await survives(astral);
		expect(rowOf(ui.frame(), 'alpha')).toMatch(/^▸ alpha/);
		await ui.press(keys.enter);
		await survives(astral);
		await ui.press('l');
		await ui.waitFor('heartbeat');
		await survives(astral);
		await ui.press('x');
		await ui.waitFor('Stop alpha (user)?');
		await survives(astral);
		expect(ui.frame()).toContain('Stop alpha (user)?');
		await ui.press(keys.escape);
		await ui.press('r');
		await ui.waitFor('Restart alpha (user)?');
		await survives(astral);
		await ui.press(keys.escape);
		await ui.press('K');
		await ui.waitFor('New API key for alpha (user)');
		await survives(astral);
		await ui.press(keys.escape);
		await ui.press('?');
		await survives(astral);
		await ui.press(keys.escape);
		// Typed into the filter they are text.
		await ui.press(keys.escape);
		await ui.press(keys.escape);
		await ui.press('/');
		await ui.press('🙂');
		await ui.waitFor('🙂');
	});

	it('ctrl-modified sequences with no name (Ctrl+F13, modifiers 2-16) are ignored', async () => {
		world.writeConfig('alpha');
		ui = world.render(100, 30);
		await ui.waitFor(frame => rowOf(frame, 'alpha').startsWith('▸'));
		await survives([...unnamed, ...fuzz]);
		await ui.press('?');
		await ui.waitFor('Keys');
	});
});
