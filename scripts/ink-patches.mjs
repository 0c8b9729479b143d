/**
 * Source fixes applied to Ink 6.8 while bundling. Each replacement must match
 * exactly once: if Ink's text changes, the build fails instead of silently
 * shipping without the fix.
 */
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';

const boundedCache = fileURLToPath(new URL('bounded-cache.mjs', import.meta.url));
// Entries per cache: a frame measures a few hundred strings, so unchanged rows stay hits.
const cacheLimit = 2000;
const useBoundedCache = `import {BoundedCache as __VnodeBoundedCache} from ${JSON.stringify(boundedCache)};\nconst cache = new __VnodeBoundedCache(${cacheLimit});`;

export const inkPatches = {
	// The incremental writer moves the cursor up one row too few when the frame ends with a
	// newline (every frame shorter than the terminal does), so each repaint lands a row lower
	// and rows it skips as unchanged go stale. Ink 7 fixed it but needs Node 22.
	'log-update.js': [['buffer.push(ansiEscapes.cursorUp(previousVisible - 1));', "buffer.push(ansiEscapes.cursorUp(previousVisible - (previousOutput.endsWith('\\n') ? 0 : 1)));"]],
	// Unbounded caches keyed by every string rendered (vadimdemedes/ink#986).
	'measure-text.js': [['const cache = new Map();', useBoundedCache]],
	'wrap-text.js': [
		['const cache = {};', useBoundedCache],
		['const cachedText = cache[cacheKey];', 'const cachedText = cache.get(cacheKey);'],
		['cache[cacheKey] = wrappedText;', 'cache.set(cacheKey, wrappedText);'],
	],
};

/** The patched text of one of Ink's build files; throws when a replacement does not match exactly once. */
export function patchInkSource(file, source) {
	let patched = source;
	for (const [from, to] of inkPatches[file] ?? []) {
		const count = patched.split(from).length - 1;
		if (count !== 1) {
			throw new Error(`ink-patches: ${file} has ${count} copies of \`${from}\` (expected 1); check whether the fix is still needed`);
		}

		patched = patched.replace(from, () => to);
	}

	return patched;
}

/** The esbuild plugin. */
export const inkPatchesPlugin = {
	name: 'ink-patches',
	setup(build) {
		const files = Object.keys(inkPatches).map(file => file.replaceAll('.', '\\.')).join('|');
		build.onLoad({filter: new RegExp(`[\\\\/]ink[\\\\/]build[\\\\/](${files})$`)}, async args => {
			const file = args.path.split(/[\\/]/).at(-1);
			return {contents: patchInkSource(file, await readFile(args.path, 'utf8')), loader: 'js'};
		});
	},
};
