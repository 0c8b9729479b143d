/**
 * Runs the bundled app as one classic script with a V8 code cache kept per user.
 *
 * Why not `import()` the bundle: the ESM loader compiles every module from scratch on Node 20, makes
 * a facade for each built-in it imports (reading every export, which loads lazy parts such as
 * webcrypto), and decodes the text again. A script compiled with the cache made by an earlier run
 * skips parsing and compiling every function that run used before its first frame.
 */
import {closeSync, constants, existsSync, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, statSync, unlinkSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {Script} from 'node:vm';

/** The bundle's wrapper parameters, in the order the build writes them. */
type BundleFunction = (require: NodeJS.Require, filename: string, dirname: string, metaUrl: string) => Promise<unknown>;

export type BundleRun = {
	/** Settles when the bundle's top level has run (for the UI: when it has closed). */
	done: Promise<unknown>;
	/** What happened to the cache: loaded and used, rejected by V8, absent, or not kept at all. */
	cache: 'used' | 'rejected' | 'absent' | 'off';
	/** Writes the cache now if this run should (it is also written on its own, once). */
	saveCache: () => void;
};

export type BundleOptions = {
	/** Absolute path of the bundle. */
	bundlePath: string;
	/** Where caches live (made 0700); undefined: no cache. */
	cacheDir: string | undefined;
	/** One cache per kind of run (the UI, `list`, ...): each compiles different functions. */
	kind: string;
	/** Names this bundle on this Node: caches under another key a day old are deleted when a cache is written. */
	key: string;
	/** Node's flags: V8 refuses a cache made under other flags, so each set keeps its own. */
	flags: readonly string[];
	/** Milliseconds after start when the cache is written (a run that ends sooner writes it at exit). */
	saveAfterMs?: number;
};

/** A cache bigger than this is not read: the bundle's own cache is a few MB. */
export const maxCacheBytes = 32 * 1024 * 1024;

export function runBundle(options: BundleOptions): BundleRun {
	const source = readFileText(options.bundlePath);
	const bundleKey = fnv1a(`${options.key}\0${source.length}`);
	const cacheFile = options.cacheDir === undefined ? undefined : join(options.cacheDir, `${bundleKey}-${fnv1a(options.flags.join('\0'))}-${options.kind}.v8cache`);
	const cachedData = cacheFile === undefined ? undefined : readOwnCache(cacheFile);
	const script = new Script(source, {filename: options.bundlePath, ...(cachedData ? {cachedData} : {})});
	const cache: BundleRun['cache'] = cacheFile === undefined ? 'off' : cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';
	let pending = cache === 'absent' || cache === 'rejected';
	const saveCache = () => {
		if (!pending || cacheFile === undefined || options.cacheDir === undefined) {
			return;
		}

		pending = false;
		writeCache(options.cacheDir, cacheFile, `${bundleKey}-`, script.createCachedData());
	};

	if (pending) {
		// Written once the first frame is long drawn, so the cache holds what start-up compiled (and not
		// at exit, by when V8 may have dropped the code of functions only start-up ran).
		setTimeout(saveCache, options.saveAfterMs ?? 2500).unref();
		process.once('exit', saveCache);
	}

	const run = script.runInThisContext() as BundleFunction;
	const require = createRequire(options.bundlePath);
	const dirname = options.bundlePath.slice(0, options.bundlePath.lastIndexOf('/'));
	return {done: run(require, options.bundlePath, dirname, pathToFileURL(options.bundlePath).href), cache, saveCache};
}

/** The kind of run argv asks for: the UI when no command is given, else the command's name. */
export function runKind(argv: readonly string[]): string {
	const first = argv.find(arg => !arg.startsWith('-'));
	// A flag's value (`--hosts a,b`) can come first: with any flag before it, call it the UI's.
	if (first === undefined || argv[0]?.startsWith('-')) {
		return 'ui';
	}

	return /^[a-z][a-z-]{0,19}$/.test(first) ? first : 'other';
}

/** Where the cache lives: `$XDG_CACHE_HOME/vnode-tui`, else `~/.cache/vnode-tui`; none without either. */
export function cacheDirectory(env: NodeJS.ProcessEnv, home: string | undefined): string | undefined {
	if (env.VNODE_CODE_CACHE === '0') {
		return undefined;
	}

	const base = env.XDG_CACHE_HOME?.startsWith('/') ? env.XDG_CACHE_HOME : home?.startsWith('/') ? join(home, '.cache') : undefined;
	return base === undefined ? undefined : join(base, 'vnode-tui');
}

function fnv1a(text: string): string {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		hash ^= text.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}

	return hash.toString(16).padStart(8, '0');
}

function readFileText(path: string): string {
	const fd = openSync(path, 'r');
	try {
		const buffer = readWhole(fd, fstatSync(fd).size);
		if (!buffer) {
			throw new Error(`${path} changed while it was read`);
		}

		// The build checks that app.js is ASCII: Latin-1 is then the same text, copied rather than decoded.
		return buffer.toString('latin1');
	} finally {
		closeSync(fd);
	}
}

/** All `size` bytes of an open file, or undefined when it ends sooner. */
function readWhole(fd: number, size: number): Buffer | undefined {
	const buffer = Buffer.allocUnsafe(size);
	for (let read = 0; read < size; ) {
		const got = readSync(fd, buffer, read, size - read, read);
		if (got === 0) {
			return undefined;
		}

		read += got;
	}

	return buffer;
}

/**
 * The cache as bytes, or undefined when it is missing, not a plain file, not ours, writable by
 * others (someone else could feed V8 their code) or too big. V8 itself refuses a cache made for other
 * source, flags or versions.
 */
function readOwnCache(path: string): Buffer | undefined {
	let fd: number | undefined;
	try {
		// O_NOFOLLOW: a link planted in place of the cache is refused, not followed.
		fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
		const stat = fstatSync(fd);
		const uid = process.getuid?.();
		if (!stat.isFile() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o022) !== 0 || stat.size > maxCacheBytes || stat.size === 0) {
			return undefined;
		}

		return readWhole(fd, stat.size);
	} catch {
		return undefined;
	} finally {
		if (fd !== undefined) {
			closeSync(fd);
		}
	}
}

/** Atomically (a temp file, then a rename), 0600 in a 0700 directory; stale caches go. Never throws: a cache is only a speed-up. */
function writeCache(dir: string, file: string, keep: string, data: Buffer): void {
	try {
		const uid = process.getuid?.();
		// Root with a user's HOME (sudo -E) must not leave root's files in that user's home.
		if (uid !== undefined && statSync(nearestExisting(dir)).uid !== uid) {
			return;
		}

		mkdirSync(dir, {recursive: true, mode: 0o700});
		const dirStat = statSync(dir);
		if (!dirStat.isDirectory() || (uid !== undefined && dirStat.uid !== uid) || (dirStat.mode & 0o022) !== 0) {
			return;
		}

		const temporary = `${file}.${process.pid}.tmp`;
		writeFileSync(temporary, data, {mode: 0o600, flag: 'wx'});
		renameSync(temporary, file);
		removeStale(dir, keep);
	} catch {
		// not written: the next run compiles as this one did
	}
}

/** A day: two installed builds used in turn keep their caches; an upgraded one's go. */
const staleMs = 24 * 60 * 60 * 1000;

/** Caches of other builds, and temp files a crash left, once they are a day old. */
function removeStale(dir: string, keep: string): void {
	for (const name of readdirSync(dir).slice(0, 500)) {
		if (!(name.endsWith('.v8cache') && !name.startsWith(keep)) && !name.endsWith('.tmp')) {
			continue;
		}

		try {
			const path = join(dir, name);
			if (Date.now() - lstatSync(path).mtimeMs > staleMs) {
				unlinkSync(path);
			}
		} catch {
			// gone already, or not ours to remove
		}
	}
}

function nearestExisting(path: string): string {
	let current = path;
	while (!existsSync(current) && dirname(current) !== current) {
		current = dirname(current);
	}

	return current;
}
