/**
 * `new`, `delete` and `set-api-key` on real files (and, for delete, the real
 * engine): validated fields, nothing written on an error, the user's file kept
 * as it was apart from the change.
 */
import {spawn} from 'node:child_process';
import {existsSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {validateNodeConfig} from '../../source/domain/node-config.js';
import {commentedConfigYaml, validConfig} from '../helpers/fixture-configs.js';
import {dockerSkipReason, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {cliPath, Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

const sandbox = new Sandbox();
const keyFile = join(sandbox.root, 'api-key.txt');
writeFileSync(keyFile, 'key-from-a-file-123\n', {mode: 0o600});
const names: string[] = [];

afterAll(async () => {
	if (!dockerSkipReason) {
		await Promise.all(names.map(async name => removeNodeLeftovers(name)));
	}

	sandbox.cleanup();
});

function runWithStdin(args: string[], input: string): Promise<{code: number | null; stdout: string; stderr: string}> {
	return new Promise(resolve => {
		const child = spawn(process.execPath, [cliPath, ...args], {env: sandbox.env});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += String(chunk)));
		child.stderr.on('data', chunk => (stderr += String(chunk)));
		child.on('close', code => resolve({code, stdout, stderr}));
		child.stdin.end(input);
	});
}

describe('vnode-tui new', () => {
	it('writes a config the official schema accepts, with the wizard defaults, mode 0600', async () => {
		const name = uniqueNodeName('new');
		const result = await sandbox.run(['new', name, '--api-key-file', keyFile, '--server-url', 'https://server.example.org/', '--db', 'default=/data/x.csv:csv', '--db', 'pg=postgresql://u:p@db/x:sql', '--log-level', 'debug', '--image', fixtureImage]);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const path = join(sandbox.configDir('user'), `${name}.yaml`);
		expect(result.stdout).toContain(`New configuration created: ${path}`);
		expect(statSync(path).mode & 0o777).toBe(0o600);
		const config = parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
		expect(validateNodeConfig(config).problems).toEqual([]);
		expect(config).toMatchObject({
			api_key: 'key-from-a-file-123',
			server_url: 'https://server.example.org',
			port: 443,
			api_path: '/api',
			task_dir: sandbox.dataDir('user', name),
			databases: [
				{label: 'default', uri: '/data/x.csv', type: 'csv'},
				{label: 'pg', uri: 'postgresql://u:p@db/x', type: 'sql'},
			],
			logging: {level: 'DEBUG', use_console: true, backup_count: 5, max_size: 1024},
			encryption: {enabled: false, private_key: ''},
			images: {node: fixtureImage},
		});
		expect(result.stdout).not.toContain('key-from-a-file-123');
		const list = JSON.parse((await sandbox.run(['list', '--json'])).stdout) as {nodes: Array<{name: string; valid: boolean}>};
		expect(list.nodes.find(node => node.name === name)).toMatchObject({valid: true});
	});

	it('reads the api key from stdin with --api-key-file -', async () => {
		const name = uniqueNodeName('stdin');
		const result = await runWithStdin(['new', name, '--api-key-file', '-', '--system'], 'key-from-stdin\n');
		expect(result.code).toBe(0);
		expect(readFileSync(join(sandbox.configDir('system'), `${name}.yaml`), 'utf8')).toContain('api_key: key-from-stdin');
	});

	it('never takes the key from the command line', async () => {
		const result = await sandbox.run(['new', uniqueNodeName('argv'), '--api-key', 'secret']);
		expect(result.code).toBe(2);
	});

	it.each([
		[['--server-url', 'ftp://x'], /serverUrl: The server URL starts with http/],
		[['--port', '70000'], /port: The port is a whole number from 1 to 65535/],
		[['--api-path', 'api'], /apiPath: The API path starts with '\/'/],
		[['--task-dir', 'relative/dir'], /taskDir: The task dir is an absolute path/],
		[['--db', '1bad=/x.csv:csv'], /databases\.0: Label '1bad'/],
		[['--db', 'a=/x.csv:csv', '--db', 'a=/y.csv:csv'], /databases\.1: Label 'a' is used twice/],
		[['--db', 'a=/x.csv:weird'], /databases\.0: Database 'a': the type is one of/],
		[['--log-level', 'NOTSET'], /logLevel: The log level is one of/],
	])('refuses %j with the reason and writes nothing', async (flags, message) => {
		const name = uniqueNodeName('bad');
		const result = await sandbox.run(['new', name, '--api-key-file', keyFile, ...flags]);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(message);
		expect(existsSync(join(sandbox.configDir('user'), `${name}.yaml`))).toBe(false);
	});

	it('refuses a bad name, an empty key and a name taken in the scope', async () => {
		const bad = await sandbox.run(['new', 'bad/name', '--api-key-file', keyFile]);
		expect(bad.stderr).toBe("error: 'bad/name' is not a valid node name: use only the characters a-zA-Z0-9_.-.\n");
		expect(bad.code).toBe(2);
		const empty = join(sandbox.root, 'empty-key');
		writeFileSync(empty, '\n');
		expect((await sandbox.run(['new', uniqueNodeName('empty'), '--api-key-file', empty])).stderr).toMatch(/apiKey: The API key is needed/);
		const name = uniqueNodeName('taken');
		const path = sandbox.writeConfig(name, 'user', commentedConfigYaml);
		const result = await sandbox.run(['new', name, '--api-key-file', keyFile]);
		expect(result.stderr).toMatch(/exists already/);
		expect(readFileSync(path, 'utf8')).toBe(commentedConfigYaml);
	});
});

describe('vnode-tui set-api-key', () => {
	it('changes only the api_key line of a commented file, and keeps it 0600', async () => {
		const name = uniqueNodeName('key');
		const path = sandbox.writeConfig(name, 'user', commentedConfigYaml);
		const result = await runWithStdin(['set-api-key', name, '--api-key-file', '-'], 'rotated-key-456\n');
		expect(result.code).toBe(0);
		const after = readFileSync(path, 'utf8');
		const changed = commentedConfigYaml.split('\n').flatMap((line, index) => (line === after.split('\n')[index] ? [] : [[line, after.split('\n')[index]]]));
		expect(changed).toEqual([['api_key: secret-api-key-0123456789 # from the server admin', 'api_key: rotated-key-456 # from the server admin']]);
		expect(statSync(path).mode & 0o777).toBe(0o600);
		expect(result.stdout + result.stderr).not.toContain('rotated-key-456');
	});

	it('leaves a file that does not parse as it is', async () => {
		const name = uniqueNodeName('keybad');
		const path = sandbox.writeConfig(name, 'user', 'api_key: [\n');
		const result = await runWithStdin(['set-api-key', name, '--api-key-file', '-'], 'k\n');
		expect(result.code).toBe(1);
		expect(readFileSync(path, 'utf8')).toBe('api_key: [\n');
	});
});

describe.skipIf(dockerSkipReason)(`vnode-tui delete${dockerSkipReason ? ` [skipped: ${dockerSkipReason}]` : ''}`, () => {
	it('refuses while the node runs; then moves the file to a backup and names the leftover volumes', async () => {
		const name = uniqueNodeName('del');
		names.push(name);
		const path = sandbox.writeConfig(name, 'user', validConfig({images: {node: fixtureImage}}));
		const original = readFileSync(path, 'utf8');
		expect((await sandbox.run(['start', name, '--keep'])).code).toBe(0);
		const refused = await sandbox.run(['delete', name]);
		expect(refused.code).toBe(1);
		expect(refused.stderr).toContain('is running; stop it first');
		expect(existsSync(path)).toBe(true);
		expect((await sandbox.run(['stop', name])).code).toBe(0);
		expect((await sandbox.run(['remove', name])).code).toBe(0);
		const deleted = await sandbox.run(['delete', name]);
		expect(deleted.code).toBe(0);
		const backup = /to (\S+\.yaml)/.exec(deleted.stdout)![1]!;
		expect(backup.startsWith(join(sandbox.configDir('user'), '.deleted'))).toBe(true);
		expect(readFileSync(backup, 'utf8')).toBe(original);
		expect(existsSync(path)).toBe(false);
		expect(deleted.stderr).toMatch(/Its volumes are still there: vantage6-.*-vol/);
		const list = JSON.parse((await sandbox.run(['list', '--json'])).stdout) as {nodes: Array<{name: string}>};
		expect(list.nodes.some(node => node.name === name)).toBe(false);
	});
});
