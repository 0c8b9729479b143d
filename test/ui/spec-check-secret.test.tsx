/**
 * A running node whose database password changed in its config: the spec check
 * says the difference is inside a secret (both sides look the same masked), and
 * v shows the two values.
 */
import {afterEach, beforeEach, expect, it} from 'vitest';
import {type Rendered} from '../helpers/render-ink.js';
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

const database = (password: string) => ({databases: [{label: 'default', uri: `postgresql://u:${password}@h/db`, type: 'sql'}]});

it('a changed password in a database URI: "differs" with "(secret; v shows)", and v shows both values', async () => {
	world.writeConfig('alpha', database('old-1'));
	await world.service.start({name: 'alpha', scope: 'user'});
	world.writeConfig('alpha', database('new-2'));
	ui = world.render(220, 40);
	await ui.waitFor(frame => rowOf(frame, 'alpha').includes('● running'));
	const masked = await ui.waitFor(frame => frame.includes('differs') && frame.includes('DEFAULT_DATABASE_URI'));
	const line = masked.split('\n').find(text => text.includes('✗ differs') && text.includes('DEFAULT_DATABASE_URI')) ?? '';
	expect(line).toContain('(secret; v shows)');
	expect(masked).not.toMatch(/old-1|new-2/);
	await ui.press('\t');
	await ui.press('v');
	const shown = await ui.waitFor('new-2');
	expect(shown).toContain('old-1');
});
