/**
 * The Node binaries to measure on: the one running, plus Node 22 and 24 where
 * present (VNODE_NODE22 / VNODE_NODE24, or where .ci/run installs them:
 * `npm install --prefix /opt/node22 node@22`). One per major version.
 */
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';

export function nodeLines() {
	const candidates = [process.execPath];
	for (const major of [20, 22, 24]) {
		candidates.push(process.env[`VNODE_NODE${major}`] ?? `/opt/node${major}/node_modules/node/bin/node`);
	}

	const lines = new Map();
	for (const bin of candidates) {
		if (!existsSync(bin)) {
			continue;
		}

		const version = execFileSync(bin, ['--version'], {encoding: 'utf8', timeout: 10_000}).trim();
		const major = version.split('.')[0];
		if (!lines.has(major)) {
			lines.set(major, {version, bin});
		}
	}

	return [...lines.values()].sort((a, b) => Number.parseInt(a.version.slice(1), 10) - Number.parseInt(b.version.slice(1), 10));
}
