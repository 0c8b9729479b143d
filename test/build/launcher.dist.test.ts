/**
 * The installed command (dist/vnode-tui.js, built): on Node >= 22.1 it keeps the
 * compiled bundle in Node's compile cache; on Node 20 it starts as before.
 * Needs `npm run build` (the integration project builds it first).
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {cliPath} from '../helpers/sandbox.js';

const scratch = mkdtempSync(join(tmpdir(), 'vnode-launcher-'));
afterAll(() => {
	rmSync(scratch, {recursive: true, force: true});
});

/** A Node >= 22.1 binary: the one running, or where .ci/run installs Node 22 and 24. */
const newerNode = [process.execPath, ...[22, 24].map(major => process.env[`VNODE_NODE${major}`] ?? `/opt/node${major}/node_modules/node/bin/node`)].find(bin => {
	if (!existsSync(bin)) {
		return false;
	}

	const [major, minor] = execFileSync(bin, ['-p', 'process.versions.node'], {encoding: 'utf8', timeout: 10_000}).split('.').map(Number);
	return major! > 22 || (major === 22 && minor! >= 1);
});
const required = process.env['VNODE_REQUIRE_NODE_LINES'] === '1';
if (!newerNode && required) {
	throw new Error('VNODE_REQUIRE_NODE_LINES=1 but no Node >= 22.1 binary found (npm install --prefix /opt/node22 node@22)');
}

/** Runs `vnode-tui --version` with `temp` as the temp dir (where Node puts the compile cache by default). */
function run(node: string, temp: string, extraEnv: Record<string, string> = {}): string {
	// NODE_COMPILE_CACHE would turn the cache on by itself: leave it out to see what the launcher does.
	const {NODE_DISABLE_COMPILE_CACHE: _off, NODE_COMPILE_CACHE: _dir, ...env} = process.env;
	mkdirSync(temp, {recursive: true});
	return execFileSync(node, [cliPath, '--version'], {encoding: 'utf8', timeout: 30_000, env: {...env, TMPDIR: temp, ...extraEnv}}).trim();
}

describe('the vnode-tui command', () => {
	it('starts on the Node running the tests', () => {
		expect(run(process.execPath, join(scratch, 'running'))).toMatch(/^\d+\.\d+\.\d+/);
	});

	it.skipIf(!newerNode)(`keeps the compiled bundle in Node's compile cache on Node >= 22.1${newerNode ? '' : ' [skipped: no Node >= 22.1 here]'}`, () => {
		const temp = join(scratch, 'newer');
		expect(run(newerNode!, temp)).toMatch(/^\d+\.\d+\.\d+/);
		const entries = readdirSync(join(temp, 'node-compile-cache'), {recursive: true, withFileTypes: true}).filter(entry => entry.isFile());
		// The launcher, the main chunk and its shared chunks.
		expect(entries.length).toBeGreaterThanOrEqual(2);
		// NODE_DISABLE_COMPILE_CACHE=1 is respected.
		const off = join(scratch, 'off');
		expect(run(newerNode!, off, {NODE_DISABLE_COMPILE_CACHE: '1'})).toMatch(/^\d+\.\d+\.\d+/);
		expect(existsSync(join(off, 'node-compile-cache'))).toBe(false);
	});
});
