/**
 * Source fixes applied to dependencies while bundling (esbuild) and while testing
 * (vitest), keyed by their path under node_modules. Each replacement must match
 * exactly once: if the dependency's text changes, the build fails instead of
 * silently shipping without the fix. Every patched package is pinned to an exact
 * version in package.json (wrap-ansi's string-width and ansi-tokenize through `overrides`): ink 6.8.0,
 * yoga-layout 3.2.1, string-width 8.3.0 and 7.2.0, wrap-ansi 9.0.2, docker-modem
 * 5.0.7, dockerode 4.0.12, slice-ansi 8.0.0, @alcalzone/ansi-tokenize 0.2.5, meow 14.1.0. Upstream issues and PRs, and what each patch measured: docs/patches.md.
 */
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';

const boundedCache = fileURLToPath(new URL('bounded-cache.mjs', import.meta.url));
const scrollShift = fileURLToPath(new URL('scroll-shift.mjs', import.meta.url));
// Entries per cache: a frame measures a few hundred strings, so unchanged rows stay hits.
const cacheLimit = 2000;
// A line's styled characters are an object per character (~10 KB for a 120-column row): few are kept. With the
// row cache in front, they are asked for only to build a row not drawn before.
const styledCharsLimit = 100;
const useBoundedCache = `import {BoundedCache as __VnodeBoundedCache} from ${JSON.stringify(boundedCache)};\nconst cache = new __VnodeBoundedCache(${cacheLimit});`;

/** Code points that are a grapheme cluster of their own and never emoji without a following FE0F or ZWJ (not in the set). */
export const stringWidthFastSet = '\\u0020-\\u007E\\u00A0-\\u00AC\\u00AE-\\u02FF\\u2010-\\u2027\\u2030-\\u205E\\u2190-\\u21FF\\u2212\\u2500-\\u25FC\\u25FF\\u2713\\u2717';
/** The same less what string-width 7 (emoji-regex) counts as a 2-column emoji on its own. */
export const stringWidth7FastSet =
	'\\u0020-\\u007E\\u00A0-\\u00A8\\u00AA-\\u00AC\\u00AF-\\u02FF\\u2010-\\u2027\\u2030-\\u203B\\u203D-\\u2048\\u204A-\\u205E\\u2190-\\u2193\\u219A-\\u21A8\\u21AB-\\u21FF\\u2212\\u2500-\\u25A9\\u25AC-\\u25B5\\u25B7-\\u25BF\\u25C1-\\u25FA\\u25FF\\u2713\\u2717';

/** A module-level Intl.Segmenter made on first use instead of at load (the first one costs ~15 ms). */
function lazySegmenter(declaration, use) {
	const made = declaration.replace('const segmenter = ', '').replace(/;$/, '');
	return [
		[declaration, 'let segmenter;'],
		[use, use.replace('segmenter.segment(', `(segmenter ??= ${made}).segment(`)],
	];
}

/** string-width: a string made only of `set` is measured code point by code point (East Asian Width), as its segmenter path would. */
function measureCodePointByCodePoint(set) {
	const start = '\tlet width = 0;\n\tconst eastAsianWidthOptions = {ambiguousAsWide: !ambiguousIsNarrow};\n';
	return [start, `${start}\tif (/^[${set}]*$/.test(string)) {\n\t\tfor (const character of string) {\n\t\t\twidth += eastAsianWidth(character.codePointAt(0), eastAsianWidthOptions);\n\t\t}\n\n\t\treturn width;\n\t}\n`];
}

/** Ink 6.8's Output.get(): how one written line is placed on its row, cell by cell (moved, not changed, by the row cache). */
const inkPlaceCharacters = `                    const characters = this.caches.getStyledChars(line);
                    let offsetX = x;
                    for (const character of characters) {
                        currentLine[offsetX] = character;
                        // Determine printed width using string-width to align with measurement
                        const characterWidth = Math.max(1, this.caches.getStringWidth(character.value));
                        // For multi-column characters, clear following cells to avoid stray spaces/artifacts
                        if (characterWidth > 1) {
                            for (let index = 1; index < characterWidth; index++) {
                                currentLine[offsetX + index] = {
                                    type: 'char',
                                    value: '',
                                    fullWidth: false,
                                    styles: character.styles,
                                };
                            }
                        }
                        offsetX += characterWidth;
                    }
`;

export const sourcePatches = {
	// Ink 6.8's incremental writer moves the cursor up one row too few when the frame ends with a
	// newline (every frame shorter than the terminal does), so each repaint lands a row lower
	// and rows it skips as unchanged go stale. Ink 7 fixed it but needs Node 22 (the case without a
	// trailing newline: vadimdemedes/ink#982).
	'ink/build/log-update.js': [
		['buffer.push(ansiEscapes.cursorUp(previousVisible - 1));', "buffer.push(ansiEscapes.cursorUp(previousVisible - (previousOutput.endsWith('\\n') ? 0 : 1)));"],
		// A block of rows that moved up (a followed log) is moved on the terminal instead of rewritten
		// row by row: at 100 lines/s that is about a third of the bytes (scripts/scroll-shift.mjs).
		["import ansiEscapes from 'ansi-escapes';", `import {planShift as __vnodePlanShift, applyShift as __vnodeApplyShift} from ${JSON.stringify(scrollShift)};\nimport ansiEscapes from 'ansi-escapes';`],
		[
			'        for (let i = 0; i < visibleCount; i++) {',
			'        let previousRows = previousLines;\n        const shift = visibleCount === previousVisible ? __vnodePlanShift(previousLines, nextLines, visibleCount) : undefined;\n        if (shift) {\n            const applied = __vnodeApplyShift(previousLines, shift);\n            buffer.push(applied.sequence);\n            previousRows = applied.previous;\n        }\n        for (let i = 0; i < visibleCount; i++) {',
		],
		['if (nextLines[i] === previousLines[i]) {', 'if (nextLines[i] === previousRows[i]) {'],
	],
	// On a resize the app clears the screen (a terminal that reflowed leaves old rows behind), but Ink
	// forgets the frame it drew only when the width shrank: after a resize that adds rows or columns it
	// skipped the rows it believed unchanged, and they stayed blank. Forget it on every resize.
	'ink/build/ink.js': [['        if (currentWidth < this.lastTerminalWidth) {', '        /* vnode-tui: on every resize */ {']],
	// An escape sequence Ink's parser has no name for (Ctrl+F13 `\e[25;5~`, `\e[57;5~`, `\e[1;2q`,
	// a paste marker) reached the app as undefined when ctrl was set (`input.startsWith` threw and
	// ended the app) and as its text without the ESC otherwise ("[1;2q": keys `[`, `1`, `;`, `2`, `q`,
	// quitting). A key with no name types nothing. No upstream issue.
	'ink/build/hooks/use-input.js': [['            else if (keypress.ctrl) {\n                input = keypress.name;', "            else if (keypress.name === undefined) {\n                input = '';\n            }\n            else if (keypress.ctrl) {\n                input = keypress.name;"]],
	// Ink keeps every distinct string it ever measured or wrapped (vadimdemedes/ink#986): a log
	// tail renders new strings all the time, so the heap grew by about 50 KB/s at 100 lines/s.
	'ink/build/measure-text.js': [['const cache = new Map();', useBoundedCache]],
	'ink/build/wrap-text.js': [
		['const cache = {};', useBoundedCache],
		['const cachedText = cache[cacheKey];', 'const cachedText = cache.get(cacheKey);'],
		['cache[cacheKey] = wrappedText;', 'cache.set(cacheKey, wrappedText);'],
	],
	// Ink builds every frame from nothing: a grid of cells, each string it draws tokenized into styled
	// characters and placed cell by cell, then each row turned back into a string. At 100 lines/s that
	// was over a third of the process's CPU, for rows that mostly did not change or only moved up (a
	// followed log). A row's text is a pure function of the width and what is written on it, in order
	// (x and text): that list is the key of a bounded cache of finished rows, and only a row not drawn
	// before is built (with caches shared across frames, bounded). No upstream issue.
	'ink/build/output.js': [
		['class OutputCaches {\n    widths = new Map();\n    blockWidths = new Map();\n    styledChars = new Map();', `import {BoundedCache as __VnodeBoundedCache} from ${JSON.stringify(boundedCache)};\nconst __vnodeBlank = {type: 'char', value: ' ', fullWidth: false, styles: []};\nconst __vnodeRows = new __VnodeBoundedCache(${cacheLimit});\nclass OutputCaches {\n    widths = new __VnodeBoundedCache(${cacheLimit});\n    blockWidths = new __VnodeBoundedCache(${cacheLimit});\n    styledChars = new __VnodeBoundedCache(${styledCharsLimit});`],
		['    caches = new OutputCaches();', '    static sharedCaches = new OutputCaches();\n    caches = Output.sharedCaches;'],
		[`        const output = [];
        for (let y = 0; y < this.height; y++) {
            const row = [];
            for (let x = 0; x < this.width; x++) {
                row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });
            }
            output.push(row);
        }`, `        // vnode-tui: each row is first the list of what is written on it (x, text); the cells are built
        // only for a row whose list was not drawn before.
        const output = [];
        for (let y = 0; y < this.height; y++) {
            output.push([]);
        }`],
		[`${inkPlaceCharacters}                    offsetY++;`, `                    currentLine.push(x, line);
                    offsetY++;`],
		[`        const generatedOutput = output
            .map(line => {
            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            return styledCharsToString(lineWithoutEmptyItems).trimEnd();
        })
            .join('\\n');`, `        const generatedOutput = output
            .map(writes => {
            let key = String(this.width);
            for (let index = 0; index < writes.length; index += 2) {
                key += '\\u0000' + writes[index] + '\\u0001' + writes[index + 1];
            }
            let text = __vnodeRows.get(key);
            if (text === undefined) {
                const line = [];
                for (let x = 0; x < this.width; x++) {
                    line.push(__vnodeBlank);
                }
                for (let index = 0; index < writes.length; index += 2) {
${inkPlaceCharacters.replaceAll('currentLine', 'line').replace('getStyledChars(line)', 'getStyledChars(writes[index + 1])').replace('let offsetX = x;', 'let offsetX = writes[index];').trimEnd()}
                }
                // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
                const lineWithoutEmptyItems = line.filter(item => item !== undefined);
                text = styledCharsToString(lineWithoutEmptyItems).trimEnd();
                __vnodeRows.set(key, text);
            }
            return text;
        })
            .join('\\n');`],
	],
	// Yoga's Emscripten loader fetch()es its own inlined data: URL when fetch exists, which on Node
	// loads undici (Node's fetch) first. A module-level `fetch` that is undefined sends it down the
	// path it takes where there is no fetch: decode the inlined base64 directly. Matched on the
	// wrapper Emscripten writes around the minified code, not on minified names. 40-70 ms less CPU
	// to load Yoga on Node 20/22/24 (docs/patches.md). No upstream issue.
	'yoga-layout/dist/binaries/yoga-wasm-base64-esm.js': [['\nvar loadYoga = (() => {', '\n/* vnode-tui: Yoga without fetch() */ const fetch = undefined;\nvar loadYoga = (() => {']],
	// string-width measures anything but printable ASCII through Intl.Segmenter and a \p{RGI_Emoji}
	// regex, which costs ~20 ms to build at start-up and more on first use: in the first frame, for the
	// UI's own box-drawing lines, bullets and arrows. The regex is built when first needed. Text made
	// only of code points that are always a cluster of their own and never emoji without a following
	// FE0F or ZWJ (which are not in the set) is measured code point by code point, as the segmenter
	// path would (test/build compares the two over every code point below U+3000). No upstream issue.
	'string-width/index.js': [
		['const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', 'let rgiEmojiRegex;'],
		...lazySegmenter('const segmenter = new Intl.Segmenter();', 'for (const {segment} of segmenter.segment(string))'),
		['if (rgiEmojiRegex.test(segment)', 'if ((rgiEmojiRegex ??= /^\\p{RGI_Emoji}$/v).test(segment)'],
		measureCodePointByCodePoint(stringWidthFastSet),
	],
	// wrap-ansi 9 (Ink's wrapping) brings its own string-width 7, which runs every string, ASCII too,
	// through Intl.Segmenter and emoji-regex grapheme by grapheme. Same shortcut, over a smaller set: 7.x
	// counts some text-style symbols (© ® ‼ ⁉ ↔…↙ ↩ ↪ ▪ ▫ ▶ ◀ ◻ ◼) as emoji, 2 columns wide, so they stay
	// on its own path (test/build compares the two over every code point below U+3000). No upstream issue.
	'wrap-ansi/node_modules/string-width/index.js': [
		measureCodePointByCodePoint(stringWidth7FastSet),
		...lazySegmenter('const segmenter = new Intl.Segmenter();', 'for (const {segment: character} of segmenter.segment(string))'),
	],
	// The first Intl.Segmenter costs ~15 ms (ICU loads its break rules), and four modules each make one
	// at start-up. Ink's tokenizer (ansi-tokenize) splits every row of a frame into graphemes: a row made
	// of escape codes and code points that are each a cluster of their own (the fast set) is split code
	// point by code point instead, so the first frame and most rows need no segmenter at all
	// (test/build compares the two). No upstream issue.
	'@alcalzone/ansi-tokenize/build/tokenize.js': [
		[
			'const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });',
			`let segmenter;\nconst ownClusters = /^[\\u0007\\u001B${stringWidthFastSet}]*$/;\nfunction* codePointsOf(str) {\n    let index = 0;\n    for (const segment of str) {\n        yield { segment, index };\n        index += segment.length;\n    }\n}\nconst graphemesOf = str => ownClusters.test(str) ? codePointsOf(str) : (segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" })).segment(str);`,
		],
		['for (const { segment, index } of segmenter.segment(str))', 'for (const { segment, index } of graphemesOf(str))'],
	],
	'slice-ansi/tokenize-ansi.js': [
		[
			"const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});",
			"let graphemeSegmenter;\nconst GRAPHEME_SEGMENTER = {segment: text => (graphemeSegmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'})).segment(text)};",
		],
	],
	// docker-modem loads Node's https (and with it tls and crypto) at start-up; vnode-tui talks to a
	// local socket, or to a tcp:// or ssh:// host. Loaded when a request first goes over https instead:
	// ~40 ms of start-up. No upstream issue.
	// For a request over a local socket Node's HTTP agent derives a TLS server name it never uses, through
	// net.isIP, whose IPv6 regex costs ~17 ms of CPU to compile on first use: before the first frame and in
	// every command. An empty server name (what Node itself sets for an IP address) skips that. No upstream issue.
	'docker-modem/lib/http.js': [
		["var nativeHttps = require('https'),", "var nativeHttps = new Proxy({}, {get: (_, key) => require('https')[key]}),"],
		[
			'    return function(options, callback, redirectOptions) {\n',
			"    return function(options, callback, redirectOptions) {\n      if (typeof options === 'object' && options.socketPath && options.servername === undefined) options.servername = '';\n",
		],
	],
	// meow's bundled dependencies build normalize-package-data (with spdx-correct's tables of licence
	// names) when loaded, ~15 ms of every command that has flags, for a package.json vnode-tui never asks
	// meow to read or normalise (it passes its name and version). Built on first call instead. No upstream issue.
	'meow/build/dependencies.js': [
		[
			'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);',
			'const normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);',
		],
	],
	// docker-modem formats every request's options with util.inspect (hidden properties, unlimited
	// depth) for a debug line that is off unless DEBUG names it: a few ms before the first frame, and on
	// every request after (the stats of each container, each second). With DEBUG=modem that line would
	// print request headers, registry credentials included, to stderr: it is dropped. No upstream issue.
	'docker-modem/lib/modem.js': [["  debug('Sending: %s', util.inspect(options, {\n    showHidden: true,\n    depth: null\n  }));\n", '']],
	// dockerode's util loads tar-fs (with tar-stream, streamx and their helpers), zlib and a
	// .dockerignore parser at start-up, for image builds, which vnode-tui never asks for: each is loaded
	// when a build context is first packed instead. Before the first frame and in every command. No upstream issue.
	'dockerode/lib/util.js': [
		[
			"var DockerIgnore = require('@balena/dockerignore');\nvar fs = require('fs');\nvar path = require('path');\nvar tar = require('tar-fs');\nvar zlib = require('zlib');",
			"var DockerIgnore = options => require('@balena/dockerignore')(options);\nvar fs = require('fs');\nvar path = require('path');\nvar tar = new Proxy({}, {get: (_, key) => require('tar-fs')[key]});\nvar zlib = new Proxy({}, {get: (_, key) => require('zlib')[key]});",
		],
	],
	// docker-modem loads ssh2 (and with it crypto, zlib and its protocol tables) at start-up for
	// ssh:// Docker hosts; loaded when such a host is first used instead, start-up is ~60 ms shorter.
	// No upstream issue.
	'docker-modem/lib/ssh.js': [
		["var Client = require('ssh2').Client,\n  http = require('http');", "var http = require('http');"],
		['var conn = new Client();', "var conn = new (require('ssh2').Client)();"],
	],
};

/** The patched text of a file (its path under node_modules); throws when a replacement does not match exactly once. */
export function patchSource(file, source) {
	let patched = source;
	for (const [from, to] of sourcePatches[file] ?? []) {
		const count = patched.split(from).length - 1;
		if (count !== 1) {
			throw new Error(`source-patches: ${file} has ${count} copies of \`${from}\` (expected 1); check whether the fix is still needed`);
		}

		patched = patched.replace(from, () => to);
	}

	return patched;
}

/**
 * The key of `path` in `sourcePatches`: its path under the top node_modules, a nested copy
 * keeping its own `node_modules/` (`wrap-ansi/node_modules/string-width/index.js`); undefined for
 * a file with no patches.
 */
export function patchedFileOf(path) {
	const [, ...under] = path.split('?')[0].replaceAll('\\', '/').split('/node_modules/');
	const file = under.join('/node_modules/');
	return Object.hasOwn(sourcePatches, file) ? file : undefined;
}

/** The packages that have patched files (vitest must run these through its transform, not Node's loader). */
export const patchedPackages = [...new Set(Object.keys(sourcePatches).map(file => file.split('/node_modules/')[0].split('/').slice(0, file.startsWith('@') ? 2 : 1).join('/')))];

/** The esbuild plugin: patches what the bundle loads, and fails the build if a patched file was not loaded. */
export const sourcePatchesPlugin = {
	name: 'source-patches',
	setup(build) {
		const applied = new Set();
		build.onLoad({filter: /[\\/]node_modules[\\/].*\.js$/}, async args => {
			const file = patchedFileOf(args.path);
			if (!file) {
				return undefined;
			}

			applied.add(file);
			return {contents: patchSource(file, await readFile(args.path, 'utf8')), loader: 'js'};
		});
		build.onEnd(result => {
			const missed = Object.keys(sourcePatches).filter(file => !applied.has(file));
			if (missed.length > 0 && result.errors.length === 0) {
				result.errors.push({text: `source-patches: the bundle never loaded ${missed.join(', ')}; a dependency moved or was deduplicated: check the patch`});
			}
		});
	},
};

/**
 * The same patches for vitest (vitest.config.ts), so the tests run the code the bundle ships.
 * Vite's transform sees only inlined dependencies: the config inlines `patchedPackages`.
 */
export const sourcePatchesVitePlugin = {
	name: 'source-patches',
	enforce: 'pre',
	// Ink and ansi-tokenize ship source maps that name sources they do not ship: vite would warn on every test file.
	async load(id) {
		const path = id.split('?')[0];
		return /[\\/]node_modules[\\/](?:ink|@alcalzone[\\/]ansi-tokenize)[\\/]build[\\/].*\.js$/.test(path) ? {code: (await readFile(path, 'utf8')).replace(/^\/\/# sourceMappingURL=.*$/m, ''), map: null} : undefined;
	},
	transform(code, id) {
		const file = patchedFileOf(id);
		return file ? {code: patchSource(file, code), map: null} : undefined;
	},
};
