/**
 * What a permission error on a path says: whose the path is and what to run. Run as root, the owner is
 * root and "me" is another uid, as for a user after `sudo v6 node …`.
 */
import {chownSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {permissionAdvice} from '../../source/config/ownership.js';

const root = mkdtempSync(join(tmpdir(), 'vnode-own-'));
afterAll(() => rmSync(root, {recursive: true, force: true}));
const asRoot = process.geteuid?.() === 0;

describe.skipIf(!asRoot)('permissionAdvice [needs root to own dirs as another user]', () => {
	const home = join(root, 'home');
	const bob = {uid: 4242, user: 'bob', home};
	mkdirSync(join(home, '.config', 'vantage6', 'node'), {recursive: true});
	if (asRoot) {
		chownSync(home, 4242, 4242);
		chownSync(join(home, '.config'), 4242, 4242);
	}

	it('gives back the topmost dir of the other owner inside the home, with chown', () => {
		expect(permissionAdvice(join(home, '.config', 'vantage6', 'node', 'x.yaml'), bob)).toBe(
			`${join(home, '.config', 'vantage6')} is owned by root, not by bob (a 'sudo v6 node …' run leaves such dirs behind). Give it back with: sudo chown -R bob: ${join(home, '.config', 'vantage6')}`,
		);
	});

	it('says sudo, not chown, outside the home; quotes a path with a space; $USER when the name is unknown', () => {
		expect(permissionAdvice(root, bob)).toBe(`${root} is owned by root: run vnode-tui with sudo (or as root).`);
		const spaced = join(home, 'my dir');
		mkdirSync(spaced);
		expect(permissionAdvice(spaced, {...bob, user: undefined})).toBe(`${spaced} is owned by root, not by you (a 'sudo v6 node …' run leaves such dirs behind). Give it back with: sudo chown -R $USER: '${spaced}'`);
	});

	it('a dir of ones own with a mode that locks one out gets a chmod to run', () => {
		expect(permissionAdvice(join(home, '.config'), bob)).toMatch(/is yours but its mode \(0\d{3}\) does not let you in: 'chmod u\+rwX .+\.config'\.$/);
	});
});
