/**
 * A running node whose database password changed in its config: the spec check
 * says the difference is inside a secret (both sides look the same masked), and
 * v shows the two values.
 */
import {expect, it} from 'vitest';
import {perTestWorld, rowOf} from '../helpers/ui-world.js';

const t = perTestWorld();

const database = (password: string) => ({databases: [{label: 'default', uri: `postgresql://u:${password}@h/db`, type: 'sql'}]});

it('a changed password in a database URI: "differs" with "(secret; v shows)", and v shows both values', async () => {
	t.world.writeConfig('alpha', database('old-1'));
	await t.world.service.start({name: 'alpha', scope: 'user'});
	t.world.writeConfig('alpha', database('new-2'));
	t.ui = t.world.render(220, 40);
	await t.ui!.waitFor(frame => rowOf(frame, 'alpha').includes('● running'));
	const masked = await t.ui!.waitFor(frame => frame.includes('differs') && frame.includes('DEFAULT_DATABASE_URI'));
	const line = masked.split('\n').find(text => text.includes('✗ differs') && text.includes('DEFAULT_DATABASE_URI')) ?? '';
	expect(line).toContain('(secret; v shows)');
	expect(masked).not.toMatch(/old-1|new-2/);
	await t.ui!.press('\t');
	await t.ui!.press('v');
	const shown = await t.ui!.waitFor('new-2');
	expect(shown).toContain('old-1');
});
