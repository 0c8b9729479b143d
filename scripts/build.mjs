// Bundles the CLI into one file: start-up is about half that of loading
// node_modules one module at a time (research/ink-rendering-perf.md).
import {build} from 'esbuild';
import {chmod, readFile, rm, writeFile} from 'node:fs/promises';
import {sourcePatchesPlugin} from './source-patches.mjs';
import {thirdPartyNotices} from './third-party-notices.mjs';

// dockerode's BuildKit session (gRPC + protobuf, ~800 KB) is only for image
// builds, which vnode-tui never does; leaving it out cuts start-up time.
const withoutBuildKit = {
	name: 'without-buildkit',
	setup(build) {
		build.onResolve({filter: /^\.\/(session|buildkit)$/}, args =>
			args.importer.includes('/dockerode/lib/') ? {path: args.path, namespace: 'no-buildkit'} : undefined,
		);
		build.onLoad({filter: /.*/, namespace: 'no-buildkit'}, () => ({
			contents: 'module.exports = function () { throw new Error("BuildKit is not bundled in vnode-tui"); };',
			loader: 'js',
		}));
		// Ink imports React DevTools only when DEV=true; the bundle never runs that path.
		build.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'no-devtools'}));
		build.onLoad({filter: /.*/, namespace: 'no-devtools'}, () => ({contents: 'export default {connectToDevTools() {}};', loader: 'js'}));
	},
};

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const outdir = new URL('../dist/', import.meta.url).pathname;
const launcher = `${outdir}vnode-tui.js`;

await rm(new URL('../dist/', import.meta.url), {recursive: true, force: true});
const {metafile} = await build({
	entryPoints: {main: new URL('../source/cli.tsx', import.meta.url).pathname},
	outdir,
	entryNames: 'chunks/[name]',
	// The UI (Ink, React, Yoga) is its own chunk: commands never load it, and the UI
	// asks Docker for the first listing while it loads.
	splitting: true,
	chunkNames: 'chunks/[name]-[hash]',
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'esm',
	minify: process.env.VNODE_PROFILE_BUILD !== '1',
	sourcemap: 'linked',
	legalComments: 'none',
	// Native or optional pieces of dockerode's transport we never use (ssh:// hosts).
	external: ['ssh2', 'cpu-features'],
	define: {
		'process.env.NODE_ENV': '"production"',
		VNODE_VERSION: JSON.stringify(pkg.version),
	},
	banner: {
		// Bundled CommonJS dependencies still call require(); give them one.
		js: "import {createRequire as __vnodeCreateRequire} from 'node:module';\nconst require = __vnodeCreateRequire(import.meta.url);",
	},
	logLevel: 'warning',
	metafile: true,
	plugins: [withoutBuildKit, sourcePatchesPlugin],
});
// The command: a few lines that turn on Node's compile cache before the bundle loads.
// A small young generation and a heap that grows by 10 % over what is live after a full collection
// (V8 grows it up to 4x when it thinks collecting is cheap): at 100 lines/s the TUI stays near 100 MB
// instead of 170-180, for ~2 points of CPU (5-minute soaks side by side: docs/performance.md).
// `--optimize-for-size` holds 90-95 MB but costs 4-5 points. The young generation size has to be a
// command-line flag (V8 ignores it once running), hence `env -S` (coreutils 8.30+, macOS).
// Node >= 22.1 keeps the compiled bundle on disk (module.enableCompileCache, in the OS temp dir or
// NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off): later starts skip compiling it.
await writeFile(
	launcher,
	`#!/usr/bin/env -S node --max-semi-space-size=1 --heap-growing-percent=10
import module from 'node:module';

try {
	module.enableCompileCache?.();
} catch {
	// no cache: start as without one
}

await import('./chunks/main.js');
`,
);
await chmod(launcher, 0o755);
const root = new URL('../', import.meta.url).pathname;
await writeFile(`${outdir}THIRD-PARTY-NOTICES`, thirdPartyNotices(root, Object.keys(metafile.inputs)));
