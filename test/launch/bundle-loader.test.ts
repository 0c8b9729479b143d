/**
 * The launcher's code cache: what it reads, what it refuses, what it writes, and that a bad cache
 * never stops the app (a real V8 cache of a small bundle, on disk).
 */
import {chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {cacheDirectory, maxCacheBytes, runBundle, runKind, type BundleOptions, type BundleRun} from '../../source/launch/bundle-loader.js';

const scratch = mkdtempSync(join(tmpdir(), 'vnode-bundle-loader-'));
afterAll(() => {
	rmSync(scratch, {recursive: true, force: true});
});

const runs: BundleRun[] = [];
afterEach(() => {
	for (const run of runs.splice(0)) {
		process.removeListener('exit', run.saveCache);
	}
});

const isRoot = process.getuid?.() === 0;
let count = 0;

/**
 * A bundle as the build writes it: the body of an async function of (require, __filename, __dirname, url).
 * `digit` changes the text but not its length: V8 keeps what it compiled per text in the process, so a
 * second run of the very same text would never look at the cache; our key (not V8) tells builds apart.
 */
function bundle(digit = 0, dir = join(scratch, `b${count++}`)): string {
	mkdirSync(dir, {recursive: true});
	const path = join(dir, 'app.js');
	const functions = Array.from({length: 40}, (_, index) => `function f${index}(x) { return x * ${index} + ${digit}; }`).join('\n');
	writeFileSync(path, `(async function (require, __filename, __dirname, __vnodeMetaUrl) {${functions}\nlet sum = 0; for (let i = 0; i < 40; i++) sum += eval('f' + i)(i);\nreturn [require('node:path').basename(__filename), __dirname === ${JSON.stringify(dir)}, __vnodeMetaUrl.startsWith('file://'), sum];\n})\n`);
	return path;
}

/** The same bundle's path with new text of the same length. */
const again = (path: string, digit: number) => bundle(digit, path.slice(0, -'/app.js'.length));

function start(bundlePath: string, cacheDir: string | undefined, extra: Partial<BundleOptions> = {}): BundleRun {
	const run = runBundle({bundlePath, cacheDir, kind: 'ui', key: 'test 1', flags: [], saveAfterMs: 3_600_000, ...extra});
	runs.push(run);
	return run;
}

/** A run to its end, with its cache written as it would be at exit. */
async function runToEnd(...args: Parameters<typeof start>): Promise<BundleRun> {
	const run = start(...args);
	await run.done;
	run.saveCache();
	return run;
}

const cacheFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter(name => name.endsWith('.v8cache')) : []);

describe('runBundle', () => {
	it('runs the bundle with its require, file name and URL, writes a cache once, and uses it next time', async () => {
		const path = bundle();
		const dir = join(scratch, 'cache-a', 'vnode-tui');
		const first = start(path, dir);
		expect(first.cache).toBe('absent');
		expect(await first.done).toEqual(['app.js', true, true, 20_540]);
		first.saveCache();
		const [file] = cacheFiles(dir);
		expect(file).toMatch(/^[\da-f]{8}-[\da-f]{8}-ui\.v8cache$/);
		expect(statSync(join(dir, file!)).mode & 0o777).toBe(0o600);
		expect(statSync(dir).mode & 0o777).toBe(0o700);
		const written = readFileSync(join(dir, file!));

		const second = start(again(path, 1), dir);
		expect(second.cache).toBe('used');
		await second.done;
		second.saveCache();
		// An accepted cache is not written again.
		expect(readFileSync(join(dir, file!)).equals(written)).toBe(true);
	});

	it('a cache V8 refuses (bytes of something else) is replaced, and the app still runs', async () => {
		const path = bundle();
		const dir = join(scratch, 'cache-b');
		await runToEnd(path, dir);
		const [file] = cacheFiles(dir);
		writeFileSync(join(dir, file!), Buffer.alloc(4096, 0x5a), {mode: 0o600});

		const second = start(again(path, 1), dir);
		expect(second.cache).toBe('rejected');
		expect(await second.done).toEqual(['app.js', true, true, 20_580]);
		second.saveCache();
		expect(start(again(path, 2), dir).cache).toBe('used');
	});

	it("keeps one cache per kind of run and per set of flags; another build's caches and crash leftovers go once a day old", async () => {
		const path = bundle();
		const dir = join(scratch, 'cache-c');
		for (const extra of [{}, {kind: 'list'}, {flags: ['--max-semi-space-size=1']}]) {
			await runToEnd(path, dir, extra);
		}

		expect(cacheFiles(dir)).toHaveLength(3);
		await runToEnd(path, dir, {key: 'test 2'});
		// Another build used in turn keeps its caches...
		expect(cacheFiles(dir)).toHaveLength(4);
		const old = cacheFiles(dir);
		const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000);
		for (const name of old) {
			utimesSync(join(dir, name), dayAgo, dayAgo);
		}

		writeFileSync(join(dir, 'x.v8cache.123.tmp'), 'partial');
		utimesSync(join(dir, 'x.v8cache.123.tmp'), dayAgo, dayAgo);
		await runToEnd(again(path, 3), dir, {key: 'test 3'});
		// ...until they are a day old: then only the newest build's cache is left.
		expect(readdirSync(dir)).toHaveLength(1);
		expect(cacheFiles(dir)).toHaveLength(1);
	});

	it('never reads a cache that others could have written, a link, an empty or an oversized file', async () => {
		const path = bundle();
		const dir = join(scratch, 'cache-d');
		await runToEnd(path, dir);
		const file = join(dir, cacheFiles(dir)[0]!);
		const good = readFileSync(file);

		chmodSync(file, 0o666);
		expect(start(again(path, 1), dir).cache).toBe('absent');
		chmodSync(file, 0o600);
		expect(start(again(path, 2), dir).cache).toBe('used');

		const elsewhere = join(scratch, 'elsewhere.v8cache');
		writeFileSync(elsewhere, good, {mode: 0o600});
		rmSync(file);
		symlinkSync(elsewhere, file);
		expect(start(path, dir).cache).toBe('absent');
		rmSync(file);

		writeFileSync(file, '', {mode: 0o600});
		expect(start(path, dir).cache).toBe('absent');
		truncateSync(file, maxCacheBytes + 1);
		expect(start(path, dir).cache).toBe('absent');

		if (isRoot) {
			writeFileSync(file, good, {mode: 0o600});
			chownSync(file, 65_534, 65_534);
			expect(start(path, dir).cache).toBe('absent');
		}
	});

	it('writes nothing into a directory others can write, or under a home that is not ours', async () => {
		const path = bundle();
		const open = join(scratch, 'open');
		mkdirSync(open, {mode: 0o777});
		chmodSync(open, 0o777);
		await runToEnd(path, open);
		expect(cacheFiles(open)).toEqual([]);

		if (isRoot) {
			const theirs = join(scratch, 'their-home');
			mkdirSync(theirs);
			chownSync(theirs, 65_534, 65_534);
			const dir = join(theirs, '.cache', 'vnode-tui');
			await runToEnd(path, dir);
			expect(existsSync(join(theirs, '.cache'))).toBe(false);
		}
	});

	it('runs without a cache directory, and when the directory cannot be made', async () => {
		const path = bundle();
		const off = start(path, undefined);
		expect(off.cache).toBe('off');
		expect((await off.done as unknown[])[0]).toBe('app.js');

		const blocker = join(scratch, 'a-file');
		writeFileSync(blocker, 'x');
		const blocked = start(path, join(blocker, 'vnode-tui'));
		await blocked.done;
		expect(() => blocked.saveCache()).not.toThrow();
	});
});

describe('cacheDirectory', () => {
	it('is $XDG_CACHE_HOME/vnode-tui, else ~/.cache/vnode-tui; none when turned off or without a home', () => {
		expect(cacheDirectory({XDG_CACHE_HOME: '/x/cache'}, '/home/op')).toBe('/x/cache/vnode-tui');
		expect(cacheDirectory({XDG_CACHE_HOME: 'relative'}, '/home/op')).toBe('/home/op/.cache/vnode-tui');
		expect(cacheDirectory({}, '/home/op')).toBe('/home/op/.cache/vnode-tui');
		expect(cacheDirectory({}, undefined)).toBeUndefined();
		expect(cacheDirectory({}, 'not/absolute')).toBeUndefined();
		expect(cacheDirectory({VNODE_CODE_CACHE: '0'}, '/home/op')).toBeUndefined();
	});
});

describe('runKind', () => {
	it('names the command, or the UI when none is given first', () => {
		expect(runKind([])).toBe('ui');
		expect(runKind(['--hosts', 'a,b'])).toBe('ui');
		expect(runKind(['list', '--json'])).toBe('list');
		expect(runKind(['set-api-key', 'n'])).toBe('set-api-key');
		expect(runKind(['../../etc/passwd'])).toBe('other');
		expect(runKind(['Evil\u001B[2J'])).toBe('other');
	});
});
