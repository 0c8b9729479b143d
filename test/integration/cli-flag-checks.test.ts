/**
 * The command line is checked before anything runs: a bad flag, value or
 * environment variable is one sanitized line on stderr and exit 2, never a
 * stack trace, a minified source line or a terminal escape.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

const sandbox = new Sandbox();
afterAll(() => sandbox.cleanup());

const osc = '\u001B]0;PWN\u0007';

/** Exit 2, one line `vnode-tui: … see vnode-tui --help`, no control character, no stack, nothing on stdout. */
async function expectUsageError(args: string[], expected: RegExp, env: Record<string, string> = {}) {
	const result = await sandbox.run(args, {env});
	expect(result.code, `${JSON.stringify(args)}: ${result.stderr}`).toBe(2);
	expect(result.stdout).toBe('');
	expect(result.stderr).toMatch(/^vnode-tui: [^\n]*; see vnode-tui --help\n$/);
	expect(result.stderr).toMatch(expected);
	// eslint-disable-next-line no-control-regex
	expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
	expect(result.stderr).not.toMatch(/\bat \S+ \(|node:internal|function\s*\(/);
}

describe('bad flags are usage errors (exit 2, one sanitized line)', () => {
	it('a choice not offered, with an escape sequence in it, or a plain wrong one', async () => {
		await expectUsageError(['list', '--pull', osc], /Unknown value for flag `--pull`/);
		await expectUsageError(['start', 'x', '--pull', 'sometimes'], /`sometimes`.*missing/);
	});

	it('an unknown flag, named as typed and sanitized', async () => {
		await expectUsageError(['list', '--bogus'], /unknown flag '--bogus'/);
		await expectUsageError(['list', '-z'], /unknown flag '-z'/);
		await expectUsageError(['list', `--x${osc}`], /unknown flag/);
	});

	it('a string flag given twice', async () => {
		await expectUsageError(['start', 'x', '--image', 'a', '--image', 'b'], /--image can only be set once/);
	});

	it('a boolean flag given twice, in any spelling, for a command and the UI', async () => {
		await expectUsageError(['list', '--system', '--system'], /--system is given 2 times: give it once/);
		await expectUsageError(['logs', 'x', '-f', '--no-follow'], /--follow is given 2 times/);
		await expectUsageError(['--read-only', '--read-only'], /--read-only is given 2 times/);
		// A multiple flag may repeat: the check is not what stops this one (no such node).
		const repeated = await sandbox.run(['inspect', 'x', '--db', 'a=b', '--db', 'c=d']);
		expect(repeated.stderr).not.toMatch(/given 2 times/);
	});

	it('--system and --user together, for every command and the UI', async () => {
		for (const args of [['inspect', 'x'], ['list'], ['start', 'x'], ['delete', 'x'], []]) {
			// eslint-disable-next-line no-await-in-loop
			await expectUsageError([...args, '--system', '--user'], /--system and --user cannot be used together/);
		}
	});

	it('--log-lines outside 100..1000000 or not a whole number', async () => {
		for (const value of ['abc', '1e12', '0', '-5', '99', '1000001', '2.5']) {
			// eslint-disable-next-line no-await-in-loop
			await expectUsageError(['list', `--log-lines=${value}`], /--log-lines takes a whole number from 100 to 1000000/);
		}

		expect((await sandbox.run(['list', '--log-lines', '100'])).code).not.toBe(2);
	});

	it('VNODE_VERIFY_SECONDS outside 0..600 whole seconds; blank means the default', async () => {
		for (const value of ['1e9', '601', '-1', 'abc', 'NaN', 'Infinity', '1.5', osc]) {
			// eslint-disable-next-line no-await-in-loop
			await expectUsageError(['start', 'x'], /VNODE_VERIFY_SECONDS=.* is not a whole number of seconds from 0 to 600/, {VNODE_VERIFY_SECONDS: value});
		}

		for (const value of [' ', '', '0', '600']) {
			// eslint-disable-next-line no-await-in-loop
			expect((await sandbox.run(['list'], {env: {VNODE_VERIFY_SECONDS: value}})).code).not.toBe(2);
		}
	});

	it('an --image that is no image reference is refused before any request', async () => {
		await expectUsageError(['start', 'x', '--image', `vnode-fixture:latest${osc}`, '--pull', 'never'], /--image 'vnode-fixture:latest': An image reference/);
		await expectUsageError(['restart', 'x', '--image', 'Upper/Case:1'], /not an image reference/);
		await expectUsageError(['start', 'x', '--image', 'a'.repeat(100_000)], /at most 255 characters/);
	});
});

describe('new and set-api-key refuse values that would change the YAML file', () => {
	const keyFile = join(sandbox.root, 'key.txt');
	writeFileSync(keyFile, 'good-key-123\n', {mode: 0o600});

	it('new: a server URL with a line break or an escape, a huge image, a key with control characters', async () => {
		const badKeyFile = join(sandbox.root, 'bad-key.txt');
		writeFileSync(badKeyFile, `k-1${osc}2\n`, {mode: 0o600});
		const cases: Array<[string[], RegExp]> = [
			[['--server-url', 'http://x\napi_key: injected', '--api-key-file', keyFile], /server URL/],
			[['--server-url', `http://x${osc}`, '--api-key-file', keyFile], /server URL/],
			[['--server-url', 'ftp://x', '--api-key-file', keyFile], /server URL/],
			[['--image', 'a'.repeat(100_000), '--api-key-file', keyFile], /image/],
			[['--api-key-file', badKeyFile], /API key/],
			[['--task-dir', '/data\nx: 1', '--api-key-file', keyFile], /control characters/],
		];
		for (const [args, message] of cases) {
			const name = uniqueNodeName('bad');
			// eslint-disable-next-line no-await-in-loop
			const result = await sandbox.run(['new', name, ...args]);
			expect(result.code, result.stderr).not.toBe(0);
			expect(result.stderr).toMatch(message);
			// eslint-disable-next-line no-control-regex
			expect(result.stderr).not.toMatch(/[\u0007\u001B]/);
			expect(() => readFileSync(join(sandbox.configDir('user'), `${name}.yaml`))).toThrow();
		}
	});

	it('set-api-key: a key with an escape, a bell or a line break leaves the file as it was', async () => {
		const name = uniqueNodeName('key');
		const path = sandbox.writeConfig(name, 'user', validConfig());
		const before = readFileSync(path, 'utf8');
		for (const key of [`k-1${osc}`, 'k-1\u0007', 'k-1\napi_key: x', 'k'.repeat(5000)]) {
			const file = join(sandbox.root, 'new-key.txt');
			writeFileSync(file, key, {mode: 0o600});
			// eslint-disable-next-line no-await-in-loop
			const result = await sandbox.run(['set-api-key', name, '--api-key-file', file]);
			expect(result.code, result.stderr).toBe(1);
			expect(result.stderr).toMatch(/API key/);
			expect(readFileSync(path, 'utf8')).toBe(before);
		}
	});
});

describe('a DOCKER_HOST that is no Docker host address (F15)', () => {
	const name = uniqueNodeName('host');
	sandbox.writeConfig(name, 'user', validConfig());

	it.each(['tcp://[::1', 'tcp://127.0.0.1:99999', `tcp://x${osc}:1`, 'ftp://x', '/var/run/docker.sock', 'fd://3', 'unix://relative'])(
		'%j: the configs are listed, the engine banner names the value, exit 1',
		async value => {
			const result = await sandbox.run(['list'], {env: {DOCKER_HOST: value}});
			expect(result.code, result.stderr).toBe(1);
			expect(result.stdout).toMatch(new RegExp(`${name}\\s+user`));
			expect(result.stdout).toContain('Docker engine unreachable');
			expect(result.stderr).toMatch(/^error: DOCKER_HOST=\S* is not a Docker host address.*\(use unix:\/\/\/path, tcp:\/\/host:port or ssh:\/\/user@host\)$/m);
			// eslint-disable-next-line no-control-regex
			expect(result.stdout + result.stderr).not.toMatch(/[\u0007\u001B]/);
			expect(result.stderr).not.toContain('should be something like');
		},
	);

	it('a bare socket path is refused as the docker CLI does, naming the unix:// form', async () => {
		const result = await sandbox.run(['list'], {env: {DOCKER_HOST: '/var/run/docker.sock'}});
		expect(result.stderr).toContain('write unix:///var/run/docker.sock');
	});
});
