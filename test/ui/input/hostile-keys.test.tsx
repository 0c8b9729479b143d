/**
 * Keys no binding knows never end the app: characters outside the BMP (one key
 * each, two UTF-16 units), ZWJ sequences and flags (several keys in one chunk),
 * and ctrl-modified escape sequences Ink's parser names nothing (patched
 * use-input, scripts/source-patches.mjs).
 */
import {describe, expect, it} from 'vitest';
import {keys} from '../../helpers/render-ink.js';
import {perTestWorld, rowOf} from '../../helpers/ui-world.js';

const t = perTestWorld();

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
			await t.ui!.press(key);
		} catch (error) {
			throw new Error(`key ${JSON.stringify(key)}: ${String(error)}`);
		}

		if (t.ui!.frame().trim() === '') {
			throw new Error(`the app ended after ${JSON.stringify(key)}`);
		}
	}
}

describe('keys no binding knows', () => {
	it('emoji, 𠀀, skin tones, ZWJ sequences and flags are ignored in the table, detail, log and dialogs', async () => {
		t.world.writeConfig('alpha');
		await t.world.service.start({name: 'alpha', scope: 'user'});
		t.ui = t.world.render(100, 30);
		await t.ui!.waitFor(frame => rowOf(frame, 'alpha').includes('● running'));
		await survives(astral);
		expect(rowOf(t.ui!.frame(), 'alpha')).toMatch(/^▸ alpha/);
		await t.ui!.press(keys.enter);
		await survives(astral);
		await t.ui!.press('l');
		await t.ui!.waitFor('heartbeat');
		await survives(astral);
		await t.ui!.press('x');
		await t.ui!.waitFor('Stop alpha (user)?');
		await survives(astral);
		expect(t.ui!.frame()).toContain('Stop alpha (user)?');
		await t.ui!.press(keys.escape);
		await t.ui!.press('r');
		await t.ui!.waitFor('Restart alpha (user)?');
		await survives(astral);
		await t.ui!.press(keys.escape);
		await t.ui!.press('K');
		await t.ui!.waitFor('New API key for alpha (user)');
		await survives(astral);
		await t.ui!.press(keys.escape);
		await t.ui!.press('?');
		await survives(astral);
		await t.ui!.press(keys.escape);
		// Typed into the filter they are text.
		await t.ui!.press(keys.escape);
		await t.ui!.press(keys.escape);
		await t.ui!.press('/');
		await t.ui!.press('🙂');
		await t.ui!.waitFor('🙂');
	});

	it('ctrl-modified sequences with no name (Ctrl+F13, modifiers 2-16) are ignored', async () => {
		t.world.writeConfig('alpha');
		t.ui = t.world.render(100, 30);
		await t.ui!.waitFor(frame => rowOf(frame, 'alpha').startsWith('▸'));
		await survives([...unnamed, ...fuzz]);
		await t.ui!.press('?');
		await t.ui!.waitFor('Keys');
	});
});
