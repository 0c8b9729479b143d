/**
 * The fixes the build applies to Ink's source: that they still match the
 * installed Ink, and that the patched modules work and stay bounded.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
// @ts-expect-error: plain ESM build script, no types
import {BoundedCache} from '../../scripts/bounded-cache.mjs';
// @ts-expect-error: plain ESM build script, no types
import {inkPatches, patchInkSource} from '../../scripts/ink-patches.mjs';

const require = createRequire(import.meta.url);
const inkBuild = dirname(require.resolve('ink'));
const inkRequire = createRequire(join(inkBuild, 'index.js'));
const scratch = mkdtempSync(join(tmpdir(), 'vnode-ink-patches-'));
afterAll(() => {
	rmSync(scratch, {recursive: true, force: true});
});

/** Imports a patched Ink module from a scratch dir, its bare imports pointed at Ink's own dependencies. */
async function patchedModule(file: string): Promise<{default: (...args: any[]) => any}> {
	const patched = (patchInkSource(file, readFileSync(join(inkBuild, file), 'utf8')) as string).replaceAll(
		/from '([a-z-]+)'/g,
		(_, name: string) => `from ${JSON.stringify(pathToFileURL(inkRequire.resolve(name)).href)}`,
	);
	const path = join(scratch, file.replace(/\.js$/, '.mjs'));
	writeFileSync(path, patched);
	return import(pathToFileURL(path).href) as Promise<{default: (...args: any[]) => any}>;
}

describe('ink patches', () => {
	it('every replacement matches the installed Ink exactly once', () => {
		for (const file of Object.keys(inkPatches as Record<string, unknown>)) {
			const source = readFileSync(join(inkBuild, file), 'utf8');
			const patched = patchInkSource(file, source) as string;
			expect(patched).not.toBe(source);
			for (const [from, to] of (inkPatches as Record<string, Array<[string, string]>>)[file]!) {
				expect(patched).not.toContain(from);
				expect(patched).toContain(to.split('\n').at(-1));
			}
		}
	});

	it('refuses to build against Ink text it does not recognise', () => {
		expect(() => patchInkSource('measure-text.js', 'const cache = new WeakMap();')).toThrow(/measure-text\.js has 0 copies/);
	});

	it('patched measureText still measures, through the bounded cache', async () => {
		const {default: measureText} = await patchedModule('measure-text.js');
		expect(measureText('abc\nde')).toEqual({width: 3, height: 2});
		expect(measureText('abc\nde')).toBe(measureText('abc\nde'));
		expect(measureText('表')).toEqual({width: 2, height: 1});
		expect(measureText('')).toEqual({width: 0, height: 0});
	});

	it('patched wrapText wraps and truncates as Ink does', async () => {
		const {default: wrapText} = await patchedModule('wrap-text.js');
		const {default: original} = (await import(pathToFileURL(join(inkBuild, 'wrap-text.js')).href)) as {default: (...args: any[]) => any};
		for (const [text, width, mode] of [['hello world', 5, 'wrap'], ['hello world', 6, 'truncate-end'], ['hello world', 6, 'truncate-middle'], ['\u001B[31mred text\u001B[39m', 4, 'wrap']] as const) {
			expect(wrapText(text, width, mode)).toBe(original(text, width, mode));
			expect(wrapText(text, width, mode)).toBe(original(text, width, mode));
		}

		expect(wrapText('hello world', 6, 'truncate-end')).toBe('hello…');
	});
});

describe('BoundedCache', () => {
	it('never holds more than two generations', () => {
		const cache = new BoundedCache(100);
		for (let index = 0; index < 10_000; index++) {
			cache.set(`line ${index}`, index);
		}

		expect(cache.size).toBeLessThanOrEqual(200);
		expect(cache.get('line 9999')).toBe(9999);
		expect(cache.get('line 0')).toBeUndefined();
	});

	it('keeps what is still read when a generation is dropped', () => {
		const cache = new BoundedCache(10);
		cache.set('header', 'kept');
		for (let round = 0; round < 50; round++) {
			expect(cache.get('header')).toBe('kept');
			for (let index = 0; index < 10; index++) {
				cache.set(`round ${round} line ${index}`, index);
			}
		}

		expect(cache.size).toBeLessThanOrEqual(20);
	});
});
