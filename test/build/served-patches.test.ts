/**
 * The tests run the dependencies as the bundle ships them: vitest.config.ts puts
 * scripts/source-patches.mjs in front of vitest's loader. Each check here fails when
 * its patch is removed from the table (or when vitest stops applying the table).
 */
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
// @ts-expect-error: plain ESM build script, no types
import {sourcePatches} from '../../scripts/source-patches.mjs';

type AnyFunction = (...args: any[]) => any;
const nodeModules = fileURLToPath(new URL('../../node_modules/', import.meta.url));
/** A dependency's file as the tests' loader serves it (a deep path no package export offers). */
async function served<T>(file: string): Promise<T> {
	return import(/* @vite-ignore */ `${nodeModules}${file}`) as Promise<T>;
}

describe('dependencies as the tests load them are patched like the bundle', () => {
	it('Yoga (through Ink) instantiates without fetch()', async () => {
		const realFetch = globalThis.fetch;
		const fetched: unknown[] = [];
		globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
			fetched.push(String(args[0]).slice(0, 30));
			return realFetch(...args);
		};

		try {
			const {default: yoga} = await import('yoga-layout');
			const node = yoga.Node.create();
			node.setWidth(42);
			node.calculateLayout(100, 100, 1);
			expect(node.getComputedWidth()).toBe(42);
			expect(fetched).toEqual([]);
		} finally {
			globalThis.fetch = realFetch;
		}
	});

	it("Ink's incremental writer moves up over every row of a frame that ends with a newline", async () => {
		const {default: logUpdate} = await served<{default: {create: AnyFunction}}>('ink/build/log-update.js');
		const writes: string[] = [];
		const render = logUpdate.create({write: (text: string) => writes.push(text), isTTY: true}, {showCursor: true, incremental: true});
		render('one\ntwo\nthree\n');
		render('one\nTWO\nthree\n');
		// Three rows drawn, the cursor below them: up 3 to the first row (Ink 6.8 moved up 2).
		expect(writes.at(-1)).toMatch(/^\u001B\[3A/);
	});

	it("Ink's text caches are bounded and string-width has its shortcut, in both copies", async () => {
		const {default: measureText} = await served<{default: AnyFunction}>('ink/build/measure-text.js');
		const {default: wrapText} = await served<{default: AnyFunction}>('ink/build/wrap-text.js');
		const {default: stringWidth} = await import('string-width');
		const {default: stringWidth7} = await served<{default: AnyFunction}>('wrap-ansi/node_modules/string-width/index.js');
		expect(measureText('abc')).toEqual({width: 3, height: 1});
		expect(wrapText('hello world', 6, 'truncate-end')).toBe('hello…');
		// The bounded cache is read with get(); Ink's own wrap-text indexes a plain object.
		expect(String(wrapText)).toContain('cache.get(cacheKey)');
		expect(stringWidth('─ ▸ ●')).toBe(5);
		expect(String(stringWidth)).toContain('\\u2500-\\u25FC');
		expect(stringWidth7('─ ▸ ●')).toBe(5);
		expect(String(stringWidth7)).toContain('\\u2500-\\u25A9');
	});

	it('Ink forgets its frame on every resize (whatever text the table uses for it)', async () => {
		const patches = (sourcePatches as Record<string, Array<[string, string]>>)['ink/build/ink.js'];
		expect(patches?.length).toBeGreaterThan(0);
		const {default: Ink} = await served<{default: {prototype: Record<string, unknown>}}>('ink/build/ink.js');
		const source = Object.values(Object.getOwnPropertyDescriptors(Ink.prototype))
			.map(descriptor => String(descriptor.value ?? ''))
			.join('\n');
		for (const [from, to] of patches!) {
			const line = to
				.split('\n')
				.map(text => text.trim())
				.find(text => !from.includes(text) && text.length > 0);
			expect(source).toContain(line);
		}
	});

});
