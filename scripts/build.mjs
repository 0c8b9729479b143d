// Bundles the CLI into one file: start-up is about half that of loading
// node_modules one module at a time (research/ink-rendering-perf.md).
import {build} from 'esbuild';
import {chmod, readFile, rm} from 'node:fs/promises';

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

// Ink 6.8's incremental writer moves the cursor up one row too few when the
// frame ends with a newline (every frame shorter than the terminal does), so
// each repaint lands a row lower and rows it skips as unchanged go stale.
// Ink 7 fixed it but needs Node 22. The fix is one expression; the build fails
// if Ink's text changes, so an upgrade cannot drop it silently.
const inkIncrementalFix = {
	name: 'ink-incremental-fix',
	setup(build) {
		build.onLoad({filter: /[\\/]ink[\\/]build[\\/]log-update\.js$/}, async args => {
			const source = await readFile(args.path, 'utf8');
			const broken = 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));';
			if (!source.includes(broken)) {
				throw new Error(`ink-incremental-fix: ${args.path} changed; check whether the cursorUp fix is still needed`);
			}

			return {
				contents: source.replace(broken, "buffer.push(ansiEscapes.cursorUp(previousVisible - (previousOutput.endsWith('\\n') ? 0 : 1)));"),
				loader: 'js',
			};
		});
	},
};

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const outdir = new URL('../dist/', import.meta.url).pathname;
const outfile = `${outdir}vnode-tui.js`;

await rm(new URL('../dist/', import.meta.url), {recursive: true, force: true});
await build({
	entryPoints: {'vnode-tui': new URL('../source/cli.tsx', import.meta.url).pathname},
	outdir,
	// The UI (Ink, React, Yoga) is its own chunk: commands never load it, and the UI
	// asks Docker for the first listing while it loads.
	splitting: true,
	chunkNames: 'chunks/[name]-[hash]',
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'esm',
	minify: true,
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
		// A small young generation: V8 otherwise lets the garbage of a busy log stream grow the heap to
		// ~165 MB before collecting; with 2 MB the TUI stays near 125-140 MB for ~3 points of CPU. It has
		// to be a command-line flag (V8 ignores it once running), hence `env -S` (coreutils 8.30+, macOS).
		js: "#!/usr/bin/env -S node --max-semi-space-size=2\nimport {createRequire as __vnodeCreateRequire} from 'node:module';\nconst require = __vnodeCreateRequire(import.meta.url);",
	},
	logLevel: 'warning',
	plugins: [withoutBuildKit, inkIncrementalFix],
});
await chmod(outfile, 0o755);
