/**
 * The built CLI among planted config files and hostile names: every bad file
 * is one invalid row and the other nodes work; a name that is not a node name
 * is refused before any path or request is made of it.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import {createServer, type Server} from 'node:net';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {stringify} from 'yaml';
import {validConfig} from '../helpers/fixture-configs.js';
import {dockerSkipReason, dockerTitle, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

const sandbox = new Sandbox();
const good = uniqueNodeName('good');
const planted = {fifo: uniqueNodeName('fifo'), zero: uniqueNodeName('zero'), folder: uniqueNodeName('dir'), loop: uniqueNodeName('loop'), bomb: uniqueNodeName('bomb')};
const userDir = sandbox.configDir('user');
sandbox.writeConfig(good, 'user', validConfig({images: {node: fixtureImage}}));
execFileSync('mkfifo', [join(userDir, `${planted.fifo}.yaml`)]);
symlinkSync('/dev/zero', join(userDir, `${planted.zero}.yaml`));
mkdirSync(join(userDir, `${planted.folder}.yaml`));
symlinkSync(join(userDir, `${planted.loop}.yaml`), join(userDir, `${planted.loop}.yaml`));
sandbox.writeConfig(planted.bomb, 'user', ['a: &a [x,x,x,x,x,x,x,x,x]', ...'bcdefgh'.split('').map((key, index) => `${key}: &${key} [${Array.from({length: 9}, () => `*${'abcdefg'[index]}`).join(',')}]`)].join('\n'));
const reasons: Record<string, RegExp> = {
	[planted.fifo]: /named pipe \(FIFO\), not a regular file/,
	[planted.zero]: /device, not a regular file/,
	[planted.folder]: /directory, not a regular file/,
	[planted.loop]: /symbolic link loop/,
	[planted.bomb]: /Too many aliases/,
};

afterAll(async () => {
	if (!dockerSkipReason) {
		await removeNodeLeftovers(good);
	}

	sandbox.cleanup();
});

/** A unix socket that counts every connection made to it: an engine that must never be asked. */
async function countingSocket(): Promise<{path: string; connections: () => number; server: Server}> {
	const path = join(sandbox.root, `watch-${Math.random().toString(36).slice(2)}.sock`);
	let connections = 0;
	const server = createServer(socket => {
		connections++;
		socket.destroy();
	});
	await new Promise<void>(resolve => server.listen(path, resolve));
	return {path, connections: () => connections, server};
}

describe('planted config files, no engine needed', () => {
	it('list shows every config (bad ones as invalid rows with their reason) when the engine is unreachable, and exits 1', async () => {
		const result = await sandbox.run(['list'], {env: {DOCKER_HOST: `unix://${join(sandbox.root, 'no-docker.sock')}`}, timeoutMs: 20_000});
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/^error: Cannot reach the Docker engine/m);
		expect(result.stdout).toMatch(new RegExp(`${good}\\s+user\\s+`));
		expect(result.stdout).toContain('Docker engine unreachable: container states unknown');
		for (const [name, reason] of Object.entries(reasons)) {
			expect(result.stdout).toMatch(new RegExp(`${name}\\s+user\\s+invalid config`));
			expect(result.stdout).toMatch(new RegExp(`invalid ${join(userDir, name).replaceAll('.', '\\.')}\\.yaml:\\n\\s+.*${reason.source}`));
		}

		const json = JSON.parse((await sandbox.run(['list', '--json'], {env: {DOCKER_HOST: `unix://${join(sandbox.root, 'no-docker.sock')}`}})).stdout) as {engine: unknown; engineDown: string; nodes: Array<{name: string}>};
		expect(json.engine).toBeNull();
		expect(json.engineDown).toMatch(/Cannot reach the Docker engine/);
		expect(json.nodes.map(node => node.name)).toEqual(expect.arrayContaining([good, ...Object.values(planted)]));
	});

	it.each([
		['inspect', '../x'],
		['logs', '../../../127.0.0.1:8999/x'],
		['delete', '..'],
		['start', '.'],
		['stop', 'a b'],
		['remove', 'ünï'],
		['set-api-key', '../../etc/passwd'],
		['restart', 'x\u001B]0;owned\u0007'],
	])('%s %j: one line "not a valid node name", exit 2, no request made', async (command, name) => {
		const engine = await countingSocket();
		try {
			const result = await sandbox.run([command, name, '--api-key-file', '-'], {env: {DOCKER_HOST: `unix://${engine.path}`}, timeoutMs: 20_000});
			expect(result.stderr).toMatch(/^error: '.*' is not a valid node name: [^\n]+\n$/);
			expect(result.stderr).not.toContain('\u001B');
			expect(result.code).toBe(2);
			expect(result.stdout).toBe('');
			expect(engine.connections()).toBe(0);
		} finally {
			engine.server.close();
		}
	});

	it.each(['.', '..', '.hidden'])('new %j is refused, exit 2, nothing written', async name => {
		const before = readdirSync(userDir).sort();
		const keyFile = join(sandbox.root, 'key.txt');
		writeFileSync(keyFile, 'k-123\n');
		const result = await sandbox.run(['new', name, '--api-key-file', keyFile]);
		expect(result.stderr).toMatch(/not a valid node name/);
		expect(result.code).toBe(2);
		expect(readdirSync(userDir).sort()).toEqual(before);
		expect(existsSync(join(sandbox.configDir('user'), '..', '.yaml'))).toBe(false);
	});

	it.each(['/dev/zero', '/dev/urandom'])('set-api-key --api-key-file %s is refused at once, nothing changed', async device => {
		const before = readFileSync(join(userDir, `${good}.yaml`), 'utf8');
		const result = await sandbox.run(['set-api-key', good, '--api-key-file', device], {env: {DOCKER_HOST: `unix://${join(sandbox.root, 'no-docker.sock')}`}, timeoutMs: 10_000});
		expect(result.stderr).toBe(`error: Cannot read the API key from ${device}: It is a device, not a regular file.\n`);
		expect(result.code).toBe(1);
		expect(readFileSync(join(userDir, `${good}.yaml`), 'utf8')).toBe(before);
	});

	it.each([
		['api_key:   # paste the key here', 'api_key: k-123   # paste the key here'],
		['api_key:', 'api_key: k-123'],
	])('set-api-key on %j writes %j', async (line, expected) => {
		const name = uniqueNodeName('blank');
		const path = sandbox.writeConfig(name, 'user', stringify(validConfig()).replace(/^api_key: .*$/m, line));
		const keyFile = join(sandbox.root, 'k-123.txt');
		writeFileSync(keyFile, 'k-123\n');
		const result = await sandbox.run(['set-api-key', name, '--api-key-file', keyFile], {env: {DOCKER_HOST: `unix://${join(sandbox.root, 'no-docker.sock')}`}});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(readFileSync(path, 'utf8').split('\n')).toContain(expected);
	});

	it('set-api-key on a symlinked config writes the link target; the link stays a link', async () => {
		const name = uniqueNodeName('link');
		const target = join(sandbox.root, 'elsewhere', 'real.yaml');
		mkdirSync(join(sandbox.root, 'elsewhere'), {recursive: true});
		writeFileSync(target, stringify(validConfig()), {mode: 0o600});
		symlinkSync(target, join(userDir, `${name}.yaml`));
		const keyFile = join(sandbox.root, 'new-key.txt');
		writeFileSync(keyFile, 'k-through-the-link\n');
		const result = await sandbox.run(['set-api-key', name, '--api-key-file', keyFile], {env: {DOCKER_HOST: `unix://${join(sandbox.root, 'no-docker.sock')}`}});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(lstatSync(join(userDir, `${name}.yaml`)).isSymbolicLink()).toBe(true);
		expect(readFileSync(target, 'utf8')).toContain('api_key: k-through-the-link');
	});
});

describe.skipIf(dockerSkipReason)(dockerTitle('planted config files on a real engine'), () => {
	it('list exits 0 with the invalid rows; inspect gives each the same reason; start and stop of the good node work', async () => {
		const list = await sandbox.run(['list'], {timeoutMs: 20_000});
		expect(list.code).toBe(0);
		for (const [name, reason] of Object.entries(reasons)) {
			expect(list.stdout).toMatch(new RegExp(`${name}\\s+user\\s+invalid config`));
			const inspect = await sandbox.run(['inspect', name], {timeoutMs: 20_000});
			expect(`${inspect.stdout}${inspect.stderr}`, name).toMatch(reason);
			expect(`${inspect.stdout}${inspect.stderr}`).not.toContain('No node config');
		}

		const start = await sandbox.run(['start', good], {timeoutMs: 60_000});
		expect(start.stderr).not.toMatch(/^error/m);
		expect(start.code).toBe(0);
		const stop = await sandbox.run(['stop', good], {timeoutMs: 60_000});
		expect(stop.code).toBe(0);
	});
});

describe.skipIf(dockerSkipReason)(dockerTitle('a database given as a symlink'), () => {
	it('the spec check of a node started with the resolved file (as v6 node start binds it) shows no false difference when the config names the link', async () => {
		const name = uniqueNodeName('dblink');
		const dataDir = join(sandbox.root, 'data');
		mkdirSync(dataDir, {recursive: true});
		const real = join(dataDir, 'patients-2026.csv');
		writeFileSync(real, 'id,age\n1,40\n');
		const link = join(dataDir, 'patients.csv');
		symlinkSync(real, link);
		const config = (uri: string) => validConfig({images: {node: fixtureImage}, databases: [{label: 'default', uri, type: 'csv'}]});
		try {
			// The official CLI resolves the link before binding; a config naming the file itself gives the same container.
			sandbox.writeConfig(name, 'user', config(real));
			const start = await sandbox.run(['start', name], {timeoutMs: 60_000});
			expect(start.code, start.stderr).toBe(0);
			sandbox.writeConfig(name, 'user', config(link));
			const inspect = await sandbox.run(['inspect', name, '--json'], {timeoutMs: 30_000});
			const report = JSON.parse(inspect.stdout) as {check: Array<{status: string; field?: string}>};
			expect(report.check.filter(item => item.status !== 'ok')).toEqual([]);
		} finally {
			await removeNodeLeftovers(name);
		}
	});
});
