/**
 * Runs once before the suite: builds the CLI bundle if missing (integration and
 * e2e tests run the real binary) and says whether Docker tests will run.
 */
import {existsSync} from 'node:fs';
import {execFileSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default function setup() {
	if (!existsSync(`${root}/dist/vnode-tui.js`)) {
		execFileSync('node', ['scripts/build.mjs'], {cwd: root, stdio: 'inherit'});
	}
}
