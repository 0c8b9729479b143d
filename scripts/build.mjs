// Bundles the CLI into one file: start-up is about half that of loading
// node_modules one module at a time (research/ink-rendering-perf.md).
import {build} from 'esbuild';
import {createHash} from 'node:crypto';
import {chmod, mkdir, readFile, rm, writeFile} from 'node:fs/promises';
import {builtinModules} from 'node:module';
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

// Built-ins and the native ssh2 are loaded with require() from the bundle, never with an import
// statement: app.js runs as a classic script (for the code cache), and an ESM import of a built-in
// makes a facade that reads every export, loading lazy parts (webcrypto, process.report) for nothing.
const externalModules = new Set([...builtinModules, ...builtinModules.map(name => `node:${name}`), 'ssh2', 'cpu-features']);
const externalsByRequire = {
	name: 'externals-by-require',
	setup(build) {
		const names = [...externalModules].map(name => name.replaceAll(/[/.]/g, String.raw`\$&`)).join('|');
		build.onResolve({filter: new RegExp(`^(${names})$`)}, args =>
			args.namespace === 'by-require' || args.kind === 'require-call' ? {path: args.path, external: true} : {path: args.path, namespace: 'by-require'},
		);
		build.onLoad({filter: /.*/, namespace: 'by-require'}, args => ({contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js'}));
	},
};

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const outdir = new URL('../dist/', import.meta.url).pathname;
const app = `${outdir}app.js`;
const launcher = `${outdir}vnode-tui.js`;
const define = {
	'process.env.NODE_ENV': '"production"',
	VNODE_VERSION: JSON.stringify(pkg.version),
};
const minify = process.env.VNODE_PROFILE_BUILD !== '1';

await rm(new URL('../dist/', import.meta.url), {recursive: true, force: true});
// The app: one file (the UI, Ink, React and Yoga included; their modules run only when the UI opens),
// as the body of an async function that the launcher compiles with its code cache.
const {metafile, outputFiles} = await build({
	entryPoints: [new URL('../source/cli.tsx', import.meta.url).pathname],
	outfile: app,
	write: false,
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'esm',
	minify,
	sourcemap: 'external',
	legalComments: 'none',
	define: {
		...define,
		'import.meta.url': '__vnodeMetaUrl',
		'import.meta': '__vnodeImportMeta',
	},
	logLevel: 'warning',
	metafile: true,
	plugins: [withoutBuildKit, externalsByRequire, sourcePatchesPlugin],
});
const code = outputFiles.find(file => file.path === app)?.text;
const map = outputFiles.find(file => file.path === `${app}.map`)?.text;
if (code === undefined || map === undefined) {
	throw new Error('esbuild wrote no app.js');
}

// The launcher reads app.js as Latin-1 (a copy, not a UTF-8 decode): it must be ASCII, as esbuild writes it.
const nonAscii = /[^\x00-\x7F]/.exec(code);
if (nonAscii) {
	throw new Error(`app.js must be ASCII; found U+${nonAscii[0].codePointAt(0)?.toString(16)} at ${nonAscii.index}`);
}

// A module statement left in would only fail when a user starts vnode-tui: fail the build instead.
const moduleStatement = /^(?:import\s*[{*\w]|export\s*[{*]|export\s+(?:default|const|function|class)\b)/m.exec(code);
if (moduleStatement) {
	throw new Error(`app.js must hold no import or export statement: ${moduleStatement[0]}`);
}

await mkdir(outdir, {recursive: true});
// On the first line, so the source map's lines still match.
await writeFile(app, `(async function (require, __filename, __dirname, __vnodeMetaUrl) {const __vnodeImportMeta = {url: __vnodeMetaUrl};${code}\n})\n//# sourceMappingURL=app.js.map\n`);
await writeFile(`${app}.map`, map);
const bundleHash = createHash('sha256').update(await readFile(app)).digest('hex');

// The command. A small young generation and a heap that grows by 10 % over what is live after a full
// collection (V8 grows it up to 4x when it thinks collecting is cheap): at 100 lines/s the TUI stays
// near 100 MB instead of 170-180, for ~2 points of CPU (5-minute soaks side by side: docs/performance.md).
// `--optimize-for-size` holds 90-95 MB but costs 4-5 points. The young generation size has to be a
// command-line flag (V8 ignores it once running), hence `env -S` (coreutils 8.30+, macOS).
await build({
	entryPoints: [new URL('../source/launch/launcher.ts', import.meta.url).pathname],
	outfile: launcher,
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'esm',
	minify,
	legalComments: 'none',
	define: {...define, VNODE_BUNDLE_HASH: JSON.stringify(bundleHash)},
	// One ESM import (node:module); the built-ins it needs come through require, without facades.
	banner: {
		js: "#!/usr/bin/env -S node --max-semi-space-size=1 --heap-growing-percent=10\nimport {createRequire as __vnodeCreateRequire} from 'node:module';\nconst require = __vnodeCreateRequire(import.meta.url);",
	},
	plugins: [externalsByRequire],
	logLevel: 'warning',
});
await chmod(launcher, 0o755);
const root = new URL('../', import.meta.url).pathname;
await writeFile(`${outdir}THIRD-PARTY-NOTICES`, thirdPartyNotices(root, Object.keys(metafile.inputs)));
