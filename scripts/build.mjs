// Bundles the CLI into one file: start-up is about half that of loading
// node_modules one module at a time (research/ink-rendering-perf.md).
import {build} from 'esbuild';
import {readFile, chmod} from 'node:fs/promises';

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
	},
};

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const outfile = new URL('../dist/vnode-tui.js', import.meta.url).pathname;

await build({
	entryPoints: [new URL('../source/cli.tsx', import.meta.url).pathname],
	outfile,
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'esm',
	minify: false,
	sourcemap: 'linked',
	legalComments: 'none',
	// Native or optional pieces of dockerode's transport we never use (ssh:// hosts).
	external: ['ssh2', 'cpu-features', 'react-devtools-core'],
	define: {
		'process.env.NODE_ENV': '"production"',
		VNODE_VERSION: JSON.stringify(pkg.version),
	},
	banner: {
		// Bundled CommonJS dependencies still call require(); give them one.
		js: "#!/usr/bin/env node\nimport {createRequire as __vnodeCreateRequire} from 'node:module';\nconst require = __vnodeCreateRequire(import.meta.url);",
	},
	logLevel: 'warning',
	plugins: [withoutBuildKit],
});
await chmod(outfile, 0o755);
