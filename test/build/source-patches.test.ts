/**
 * The fixes the build applies to dependencies' source: that they still match
 * the installed packages, and that the patched modules work.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
// @ts-expect-error: plain ESM build script, no types
import {BoundedCache} from '../../scripts/bounded-cache.mjs';
// @ts-expect-error: plain ESM build script, no types
import {patchSource, sourcePatches, stringWidthFastSet} from '../../scripts/source-patches.mjs';
import {importDependency, nodeModules, removeDependencyCopies, seededRandom} from '../helpers/dependency-file.js';

type AnyFunction = (...args: any[]) => any;
const require = createRequire(import.meta.url);
const modemLib = dirname(require.resolve('docker-modem/lib/ssh.js'));
const modemRequire = createRequire(join(modemLib, 'ssh.js'));
const scratch = mkdtempSync(join(tmpdir(), 'vnode-source-patches-'));
afterAll(() => {
	rmSync(scratch, {recursive: true, force: true});
	removeDependencyCopies();
});

describe('source patches', () => {
	it('every replacement matches the installed package exactly once', () => {
		const patches = sourcePatches as Record<string, Array<[string, string]>>;
		for (const file of Object.keys(patches)) {
			const source = readFileSync(join(nodeModules, file), 'utf8');
			const patched = patchSource(file, source) as string;
			expect(patched).not.toBe(source);
			for (const [from, to] of patches[file]!) {
				if (!to.includes(from)) {
					expect(patched).not.toContain(from);
				}

				expect(patched).toContain(to.split('\n').at(-1));
			}
		}
	});

	it('refuses to build against text it does not recognise', () => {
		expect(() => patchSource('ink/build/measure-text.js', 'const cache = new WeakMap();')).toThrow(/measure-text\.js has 0 copies/);
	});

	it('patched Yoga instantiates from its inlined binary without fetch()', async () => {
		const realFetch = globalThis.fetch;
		const fetched: unknown[] = [];
		globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
			fetched.push(args[0]);
			return realFetch(...args);
		};

		try {
			const {default: loadYoga} = await importDependency<{default: () => Promise<unknown>}>('yoga-layout/dist/binaries/yoga-wasm-base64-esm.js');
			const {default: wrapAssembly} = await importDependency<{default: (module: unknown) => any}>('yoga-layout/dist/src/wrapAssembly.js', {patched: false});
			const yoga = wrapAssembly(await loadYoga());
			expect(fetched).toEqual([]);
			const node = yoga.Node.create();
			node.setWidth(42);
			node.calculateLayout(100, 100, 1);
			expect(node.getComputedWidth()).toBe(42);
		} finally {
			globalThis.fetch = realFetch;
		}
	});

	it.each(['string-width/index.js', 'wrap-ansi/node_modules/string-width/index.js'])(
		'patched %s measures every code point below U+3000, and strings of the fast path, as the original does',
		async file => {
			type StringWidth = {default: (text: string, options?: object) => number};
			const {default: original} = await importDependency<StringWidth>(file, {patched: false});
			const {default: patched} = await importDependency<StringWidth>(file);
			// The wider set (string-width 8's): strings of it must measure the same in either copy.
			const fast = new RegExp(`^[${stringWidthFastSet as string}]$`);
			const points: string[] = [];
			for (let code = 0; code < 0x30_00; code++) {
				const character = String.fromCodePoint(code);
				if (fast.test(character)) {
					points.push(character);
				}

				for (const ambiguousIsNarrow of [true, false]) {
					expect([code, patched(character, {ambiguousIsNarrow})]).toEqual([code, original(character, {ambiguousIsNarrow})]);
				}
			}

			expect(points.length).toBeGreaterThan(1000);
			const next = seededRandom(42);
			const samples = ['▸ vtfp1 ● running ─── · …', '\u001B[31m✓ ok\u001B[39m → ↻ §', 'naïve café — “quoted” ‹x›', '表 wide', 'e\u0301 combining', '👍 emoji', '▪\uFE0F'];
			for (let index = 0; index < 300; index++) {
				samples.push(Array.from({length: 1 + next(40)}, () => points[next(points.length)]).join(''));
			}

			for (const text of samples) {
				expect([text, patched(text)]).toEqual([text, original(text)]);
			}
		},
	);

	it("patched ansi-tokenize splits rows into the same tokens as the original, with or without its shortcut", async () => {
		type Tokenize = {tokenize: (text: string, endChar?: number) => unknown[]};
		const {tokenize: original} = await importDependency<Tokenize>('@alcalzone/ansi-tokenize/build/tokenize.js', {patched: false});
		const {tokenize: patched} = await importDependency<Tokenize>('@alcalzone/ansi-tokenize/build/tokenize.js');
		const fast = new RegExp(`^[${stringWidthFastSet as string}]$`);
		const points: string[] = [];
		for (let code = 0x20; code < 0x30_00; code++) {
			if (fast.test(String.fromCodePoint(code))) {
				points.push(String.fromCodePoint(code));
			}
		}

		const styles = ['\u001B[31m', '\u001B[39m', '\u001B[1m', '\u001B[22m', '\u001B[38;2;10;20;30m', '\u001B]8;;https://x\u0007', '\u001B]8;;\u0007'];
		// Outside the shortcut: combining marks, emoji with FE0F and ZWJ, flags, CJK, CR LF, Hangul jamo.
		const others = ['e\u0301', '\u2764\uFE0F', '\u{1F468}\u200D\u{1F469}', '\u{1F1F3}\u{1F1F1}', '\u8868', '\r\n', '\u1100\u1161', '\u200B'];
		const next = seededRandom(7);
		const samples = ['\u001B[7m\u001B[1m\u001B[32m\u25B8 vtfp1   \u25CF running\u001B[39m\u001B[22m\u001B[27m', '\u2500 Nodes \u2500\u2500\u2500 \u00B7 \u2026'];
		for (let index = 0; index < 400; index++) {
			samples.push(
				Array.from({length: 1 + next(30)}, () => {
					const pick = next(10);
					return pick < 7 ? points[next(points.length)]! : pick < 9 ? styles[next(styles.length)]! : index % 2 === 0 ? others[next(others.length)]! : 'a';
				}).join(''),
			);
		}

		for (const text of samples) {
			expect([text, patched(text)]).toEqual([text, original(text)]);
			expect([text, patched(text, 5)]).toEqual([text, original(text, 5)]);
		}
	});

	it('no patched module makes an Intl.Segmenter when loaded (the first costs ~15 ms), only when one is needed', async () => {
		const files = ['string-width/index.js', 'wrap-ansi/node_modules/string-width/index.js', 'slice-ansi/tokenize-ansi.js', '@alcalzone/ansi-tokenize/build/tokenize.js'];
		const Real = Intl.Segmenter;
		const intl = Intl as {Segmenter: typeof Intl.Segmenter};
		let made = 0;
		intl.Segmenter = class extends Real {
			constructor(...args: ConstructorParameters<typeof Real>) {
				super(...args);
				made++;
			}
		};
		try {
			const modules = [];
			for (const file of files) {
				modules.push(await importDependency<Record<string, AnyFunction>>(file));
			}

			expect(made).toBe(0);
			const [width8, width7, slice, tokenizer] = modules as [{default: AnyFunction}, {default: AnyFunction}, {default: AnyFunction}, {tokenize: AnyFunction}];
			expect(width8.default('\u25B8 plain \u2500')).toBe(9);
			expect(tokenizer.tokenize('\u001B[1mplain\u001B[22m')).toHaveLength(7);
			expect(made).toBe(0);
			expect(width8.default('\u{1F468}\u200D\u{1F469}')).toBe(2);
			expect(width7.default('e\u0301')).toBe(1);
			expect(tokenizer.tokenize('e\u0301')).toHaveLength(1);
			expect(slice.default('e\u0301x', 0, 1)).toHaveLength(2);
			expect(made).toBeGreaterThan(0);
		} finally {
			intl.Segmenter = Real;
		}
	});

	it('patched docker-modem formats no request options (a debug line that would print credentials)', () => {
		const patched = patchSource('docker-modem/lib/modem.js', readFileSync(join(modemLib, 'modem.js'), 'utf8')) as string;
		expect(patched).not.toMatch(/util\.inspect\(options/);
		expect(patched).not.toMatch(/debug\('Sending/);
	});

	it('patched docker-modem loads ssh2 only when an ssh:// host is used', () => {
		const ssh2 = modemRequire.resolve('ssh2');
		const patched = (patchSource('docker-modem/lib/ssh.js', readFileSync(join(modemLib, 'ssh.js'), 'utf8')) as string).replaceAll("require('ssh2')", `require(${JSON.stringify(ssh2)})`);
		const path = join(scratch, 'ssh.cjs');
		writeFileSync(path, patched);
		const loaded = () => Object.keys(require.cache).some(key => key.startsWith(dirname(ssh2)));
		expect(loaded()).toBe(false);
		const agentFor = require(path) as (options: object) => {createConnection: unknown};
		expect(loaded()).toBe(false);
		expect(typeof agentFor({host: '127.0.0.1', port: 1}).createConnection).toBe('function');
		expect(loaded()).toBe(true);
	});

	it('patched docker-modem loads https only when a request goes over https', () => {
		const patched = (patchSource('docker-modem/lib/http.js', readFileSync(join(modemLib, 'http.js'), 'utf8')) as string).replace("require('./utils')", `require(${JSON.stringify(join(modemLib, 'utils.js'))})`);
		const path = join(scratch, 'http.cjs');
		writeFileSync(path, patched);
		const probe = `const loaded = () => process.moduleLoadList.includes('NativeModule https');
const http = require(${JSON.stringify(path)});
const before = loaded();
const local = typeof http.http.request === 'function' && loaded();
const request = http.https.Agent;
console.log(JSON.stringify({before, local, after: loaded(), request: typeof request}));`;
		const result = spawnSync(process.execPath, ['-e', probe], {encoding: 'utf8'});
		expect(JSON.parse(result.stdout)).toEqual({before: false, local: false, after: true, request: 'function'});
	});

	it('patched docker-modem asks net.isIP nothing for a request over a local socket (its regex costs ~17 ms to compile)', () => {
		const probe = (source: string) => {
			const path = join(scratch, `http-${Math.random().toString(36).slice(2)}.cjs`);
			writeFileSync(path, source.replace("require('./utils')", `require(${JSON.stringify(join(modemLib, 'utils.js'))})`));
			const socket = join(scratch, `s-${Math.random().toString(36).slice(2)}.sock`);
			const script = `const net = require('node:net');
const real = net.isIP;
let calls = 0;
net.isIP = value => { calls++; return real(value); };
const server = require('node:http').createServer((_, response) => response.end('ok')).listen(${JSON.stringify(socket)}, () => {
	require(${JSON.stringify(path)}).http.request({socketPath: ${JSON.stringify(socket)}, path: '/_ping', method: 'GET', headers: {}}, response => {
		response.resume();
		response.on('end', () => { console.log(JSON.stringify({calls, status: response.statusCode})); server.close(); });
	}).end();
});`;
			const result = spawnSync(process.execPath, ['-e', script], {encoding: 'utf8', timeout: 10_000});
			return JSON.parse(result.stdout) as {calls: number; status: number};
		};

		const original = readFileSync(join(modemLib, 'http.js'), 'utf8');
		expect(probe(original).calls).toBeGreaterThan(0);
		expect(probe(patchSource('docker-modem/lib/http.js', original) as string)).toEqual({calls: 0, status: 200});
	});

	it('patched dockerode loads tar-fs and zlib only when a build context is packed', () => {
		const utilFile = require.resolve('dockerode/lib/util.js');
		const dockerodeRequire = createRequire(utilFile);
		const patched = (patchSource('dockerode/lib/util.js', readFileSync(utilFile, 'utf8')) as string).replaceAll(
			/require\('(@balena\/dockerignore|tar-fs)'\)/g,
			(_, name: string) => `require(${JSON.stringify(dockerodeRequire.resolve(name))})`,
		);
		const path = join(scratch, 'dockerode-util.cjs');
		writeFileSync(path, patched);
		const context = mkdtempSync(join(scratch, 'context-'));
		writeFileSync(join(context, 'Dockerfile'), 'FROM scratch\n');
		writeFileSync(join(context, '.dockerignore'), 'secret\n');
		const probe = `const loaded = () => ({zlib: process.moduleLoadList.includes('NativeModule zlib'), tar: Object.keys(require.cache).some(key => key.includes('tar-fs'))});
const util = require(${JSON.stringify(path)});
const before = loaded();
util.prepareBuildContext({context: ${JSON.stringify(context)}, src: ['Dockerfile', 'secret']}, stream => {
	let bytes = 0;
	stream.on('data', chunk => { bytes += chunk.length; });
	stream.on('end', () => console.log(JSON.stringify({before, after: loaded(), gzip: bytes > 0})));
});`;
		const result = spawnSync(process.execPath, ['-e', probe], {encoding: 'utf8'});
		expect(JSON.parse(result.stdout), result.stderr).toEqual({before: {zlib: false, tar: false}, after: {zlib: true, tar: true}, gzip: true});
	});

	it('patched measureText still measures, through the bounded cache', async () => {
		const {default: measureText} = await importDependency<{default: AnyFunction}>('ink/build/measure-text.js');
		expect(measureText('abc\nde')).toEqual({width: 3, height: 2});
		expect(measureText('abc\nde')).toBe(measureText('abc\nde'));
		expect(measureText('表')).toEqual({width: 2, height: 1});
		expect(measureText('')).toEqual({width: 0, height: 0});
	});

	it('patched wrapText wraps and truncates as Ink does', async () => {
		const {default: wrapText} = await importDependency<{default: AnyFunction}>('ink/build/wrap-text.js');
		const {default: original} = await importDependency<{default: AnyFunction}>('ink/build/wrap-text.js', {patched: false});
		for (const [text, width, mode] of [['hello world', 5, 'wrap'], ['hello world', 6, 'truncate-end'], ['hello world', 6, 'truncate-middle'], ['\u001B[31mred text\u001B[39m', 4, 'wrap']] as const) {
			expect(wrapText(text, width, mode)).toBe(original(text, width, mode));
			expect(wrapText(text, width, mode)).toBe(original(text, width, mode));
		}

		expect(wrapText('hello world', 6, 'truncate-end')).toBe('hello…');
	});

	it('patched Ink Output draws what the original draws, and cuts each line once for every frame', async () => {
		type OutputClass = new (options: {width: number; height: number}) => {
			write: (x: number, y: number, text: string, options: {transformers: unknown[]}) => void;
			get: () => {output: string; height: number};
			caches: {styledChars: {size: number}; getStyledChars: (line: string) => unknown[]};
		};
		// Served patched by vitest (served-patches.test.ts); its tokenizer is ESM-only, so no scratch copy.
		const {default: Output} = (await import(/* @vite-ignore */ join(nodeModules, 'ink/build/output.js'))) as {default: OutputClass};
		const frame = (Kind: OutputClass, lines: string[]) => {
			const output = new Kind({width: 30, height: lines.length + 1});
			for (const [row, line] of lines.entries()) {
				output.write(1, row, line, {transformers: []});
			}

			return output;
		};

		const lines = ['plain', '\u001B[31mred\u001B[39m and not', '表 wide ✓', '\u001B[1mbold\u001B[22m'];
		expect(frame(Output, lines).get()).toEqual({output: ' plain\n \u001B[31mred\u001B[39m and not\n 表 wide ✓\n \u001B[1mbold\u001B[22m\n', height: 5});
		// A new frame (Ink makes a new Output for each) finds the lines of the last one already cut.
		const next = frame(Output, lines);
		expect(next.caches).toBe(frame(Output, []).caches);
		expect(next.caches.styledChars.size).toBeGreaterThanOrEqual(lines.length);
		// A row drawn before (the same writes at the same places) is not built again, cell by cell.
		const cut: string[] = [];
		const {getStyledChars} = next.caches;
		next.caches.getStyledChars = function (line: string) {
			cut.push(line);
			return getStyledChars.call(this, line);
		};

		try {
			expect(frame(Output, lines).get().output).toBe(frame(Output, lines).get().output);
			expect(cut).toEqual([]);
			// Moved up one row, the rows are still the ones drawn before; a new one is built.
			frame(Output, [...lines.slice(1), 'new']).get();
			expect(cut).toEqual(['new']);
		} finally {
			next.caches.getStyledChars = getStyledChars;
		}

		// Later writes cover earlier ones on the same row, as in Ink's own Output; wide characters take two cells.
		const overlap = new Output({width: 10, height: 2});
		overlap.write(0, 0, 'aaaaaaaa', {transformers: []});
		overlap.write(2, 0, 'bb', {transformers: []});
		overlap.write(0, 1, '表表', {transformers: []});
		overlap.write(1, 1, 'x', {transformers: []});
		expect(overlap.get().output).toBe('aabbaaaa\n表x表');
		// Bounded: a log tail draws new lines all the time.
		for (let index = 0; index < 5000; index++) {
			frame(Output, [`line ${index}`]).get();
		}

		expect(next.caches.styledChars.size).toBeLessThanOrEqual(200);
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
