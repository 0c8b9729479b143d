/**
 * dist/THIRD-PARTY-NOTICES: one section per bundled package (nested copies
 * included), its licence file's text, our own files left out.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
// @ts-expect-error: plain ESM build script, no types
import {thirdPartyNotices} from '../../scripts/third-party-notices.mjs';

const root = mkdtempSync(join(tmpdir(), 'vnode-notices-'));
afterAll(() => {
	rmSync(root, {recursive: true, force: true});
});

function fakePackage(dir: string, name: string, version: string, licence?: [file: string, text: string]): void {
	mkdirSync(join(root, dir), {recursive: true});
	writeFileSync(join(root, dir, 'package.json'), JSON.stringify({name, version, license: 'MIT'}));
	if (licence) {
		writeFileSync(join(root, dir, licence[0]), licence[1]);
	}
}

describe('third-party notices', () => {
	it('names every bundled package once, with its licence text, nested and scoped copies too', () => {
		fakePackage('node_modules/alpha', 'alpha', '1.0.0', ['LICENSE', 'alpha licence text']);
		fakePackage('node_modules/alpha/node_modules/beta', 'beta', '7.2.0', ['license.md', 'beta 7 licence']);
		fakePackage('node_modules/beta', 'beta', '8.3.0', ['LICENCE.txt', 'beta 8 licence']);
		fakePackage('node_modules/@scope/gamma', '@scope/gamma', '2.0.0');
		const text = thirdPartyNotices(root, [
			'source/cli.tsx',
			'scripts/bounded-cache.mjs',
			'node_modules/alpha/index.js',
			'node_modules/alpha/lib/more.js',
			'node_modules/alpha/node_modules/beta/index.js',
			'node_modules/beta/index.js',
			'node_modules/@scope/gamma/dist/index.js',
		]) as string;
		expect(text.match(/^\S+@\d[^ ]* \(/gm)).toEqual(['@scope/gamma@2.0.0 (', 'alpha@1.0.0 (', 'beta@7.2.0 (', 'beta@8.3.0 (']);
		expect(text).toContain('alpha licence text');
		expect(text).toContain('beta 7 licence');
		expect(text).toContain('beta 8 licence');
		expect(text).toContain('No licence file in the package; its package.json says: MIT.');
		expect(text).not.toContain('bounded-cache');
	});
});
