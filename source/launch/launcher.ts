/**
 * The `vnode-tui` command: runs the app bundle (dist/app.js) through the code-cache loader. Kept
 * apart from the bundle so that nothing of the app is compiled before the cache is looked up.
 */
import {statSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {cacheDirectory, runBundle, runKind} from './bundle-loader.js';

declare const VNODE_VERSION: string;
/** SHA-256 of app.js, written in by the build. */
declare const VNODE_BUNDLE_HASH: string;

const bundlePath = fileURLToPath(new URL('app.js', import.meta.url));
// V8 checks a cache against the source's length only: the build's hash, and the file's size and time
// (an edit after the build), tell one app.js from another.
const {size, mtimeMs} = statSync(bundlePath);

const run = runBundle({
	bundlePath,
	cacheDir: cacheDirectory(process.env, process.env.HOME),
	kind: runKind(process.argv.slice(2)),
	key: [VNODE_VERSION, VNODE_BUNDLE_HASH, size, mtimeMs, process.version, process.arch].join(' '),
	flags: process.execArgv,
});
await run.done;
