/**
 * The installed command (dist/vnode-tui.js, built): it runs dist/app.js with a V8 code cache in
 * $XDG_CACHE_HOME/vnode-tui, on every Node line present. Needs `npm run build` (the integration
 * project builds it first).
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {cliPath} from '../helpers/sandbox.js';

const scratch = mkdtempSync(join(tmpdir(), 'vnode-launcher-'));
afterAll(() => {
	rmSync(scratch, {recursive: true, force: true});
});

/** The Node binaries present: the one running, and Node 22 and 24 where .ci/run installs them. */
const nodes = [process.execPath, ...[22, 24].map(major => process.env[`VNODE_NODE${major}`] ?? `/opt/node${major}/node_modules/node/bin/node`)].filter(bin => existsSync(bin));

function run(node: string, cacheHome: string, extraEnv: Record<string, string> = {}): string {
	return execFileSync(node, [cliPath, '--version'], {encoding: 'utf8', timeout: 30_000, env: {...process.env, XDG_CACHE_HOME: cacheHome, ...extraEnv}}).trim();
}

const cacheFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter(name => name.endsWith('.v8cache')) : []);

describe('the vnode-tui command', () => {
	it.each(nodes)('on %s: writes its code cache once (0600 in a 0700 directory), then uses it', node => {
		const home = join(scratch, `home-${nodes.indexOf(node)}`);
		const dir = join(home, 'vnode-tui');
		expect(run(node, home)).toMatch(/^\d+\.\d+\.\d+$/);
		const files = cacheFiles(dir);
		expect(files).toHaveLength(1);
		const file = join(dir, files[0]!);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(statSync(dir).mode & 0o777).toBe(0o700);
		// Bigger than the launcher itself could make: the app's functions are in it.
		expect(statSync(file).size).toBeGreaterThan(100_000);
		const written = readFileSync(file);

		expect(run(node, home)).toMatch(/^\d+\.\d+\.\d+$/);
		expect(readFileSync(file).equals(written)).toBe(true);

		// A cache V8 refuses is replaced, and the command still works.
		writeFileSync(file, Buffer.alloc(written.length, 0x5a));
		expect(run(node, home)).toMatch(/^\d+\.\d+\.\d+$/);
		const rewritten = readFileSync(file);
		expect(rewritten.equals(Buffer.alloc(written.length, 0x5a))).toBe(false);
		expect(rewritten.length).toBeGreaterThan(100_000);
	});

	it('VNODE_CODE_CACHE=0 keeps nothing', () => {
		const home = join(scratch, 'off');
		expect(run(process.execPath, home, {VNODE_CODE_CACHE: '0'})).toMatch(/^\d+\.\d+\.\d+$/);
		expect(existsSync(join(home, 'vnode-tui'))).toBe(false);
	});

	it('a command that fails still exits with its code, and its message is printed', () => {
		let status: number | null = null;
		let stderr = '';
		try {
			execFileSync(process.execPath, [cliPath, 'no-such-command'], {encoding: 'utf8', timeout: 30_000, env: {...process.env, XDG_CACHE_HOME: join(scratch, 'fail')}, stdio: 'pipe'});
		} catch (error) {
			({status, stderr} = error as {status: number; stderr: string});
		}

		expect(status).toBe(2);
		expect(stderr).toMatch(/no-such-command/);
	});
});
