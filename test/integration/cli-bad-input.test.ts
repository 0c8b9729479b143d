/**
 * Bad input gets a clear message and loses nothing: a broken YAML file, a
 * wrong name, an engine that is not there.
 */
import {createHash} from 'node:crypto';
import {mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {stringify} from 'yaml';
import {validConfig} from '../helpers/fixture-configs.js';
import {dockerSkipReason, dockerTitle, fixtureImage} from '../helpers/docker.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

const sandbox = new Sandbox();
afterAll(() => sandbox.cleanup());

const brokenYaml = `api_key: k
server_url: http://localhost
logging:
  level: INFO
 databases: [1, 2
`;

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe.skipIf(dockerSkipReason)(dockerTitle('bad input on a real engine'), () => {
	const broken = uniqueNodeName('broken');
	const brokenPath = sandbox.writeConfig(broken, 'user', brokenYaml);
	const invalid = uniqueNodeName('invalid');
	const invalidPath = sandbox.writeConfig(invalid, 'user', validConfig({images: {node: fixtureImage}, logging: {level: 'NOTSET'}}));

	it('list shows a broken YAML file as invalid, with line and column, and keeps the others', async () => {
		const result = await sandbox.run(['list']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(new RegExp(`${broken}\\s+user\\s+invalid config`));
		expect(result.stdout).toMatch(new RegExp(`invalid ${brokenPath.replaceAll('.', '\\.')}:\\n\\s+line \\d+, column \\d+: `));
		expect(result.stdout).toMatch(new RegExp(`${invalid}\\s+user\\s+invalid config`));
		expect(result.stdout).toContain("logging.level: 'logging.level' must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, not 'NOTSET'");
		const json = JSON.parse((await sandbox.run(['list', '--json'])).stdout) as {nodes: Array<{name: string; valid: boolean; status: string; problems: string[]}>};
		expect(json.nodes.find(node => node.name === broken)).toMatchObject({valid: false, status: 'invalid'});
	});

	it('start of a broken or invalid config says why, exits 1 and leaves the file as it was', async () => {
		for (const [name, path] of [
			[broken, brokenPath],
			[invalid, invalidPath],
		] as const) {
			const before = digest(path);
			const mode = statSync(path).mode;
			const result = await sandbox.run(['start', name]);
			expect(result.code).toBe(1);
			expect(result.stderr).toContain(`error: The config of ${name} (${path}) is not valid; nothing was changed:`);
			expect(digest(path)).toBe(before);
			expect(statSync(path).mode).toBe(mode);
		}
	});

	it('a name that has no config says so and how to find the right one', async () => {
		for (const command of ['start', 'restart']) {
			const result = await sandbox.run([command, 'no-such-node']);
			expect(result.code).toBe(1);
			expect(result.stderr).toContain("error: No node config named 'no-such-node' in");
			expect(result.stderr).toContain("'vnode-tui list'");
		}

		const inspect = await sandbox.run(['inspect', 'no-such-node']);
		expect(inspect.code).toBe(1);
		expect(inspect.stderr).toContain("No node config and no container named 'no-such-node'");
	});

	it('usage errors exit 2', async () => {
		expect((await sandbox.run(['start'])).code).toBe(2);
		expect((await sandbox.run(['frobnicate'])).code).toBe(2);
		expect((await sandbox.run(['logs', 'x', '--tail', 'lots'])).code).toBe(2);
		expect((await sandbox.run(['list', '--no-such-flag'])).code).toBe(2);
	});

	it('--config-dir reads DIR/user and DIR/system', async () => {
		const root = join(sandbox.root, 'elsewhere');
		const name = uniqueNodeName('cfgdir');
		mkdirSync(join(root, 'system'), {recursive: true});
		writeFileSync(join(root, 'system', `${name}.yaml`), stringify(validConfig()));
		const result = await sandbox.run(['list', '--json', '--config-dir', root]);
		const json = JSON.parse(result.stdout) as {nodes: Array<{name: string; scope: string; configPath: string}>};
		// Other test files may have node containers running; only configs count here.
		expect(json.nodes.filter(node => node.configPath !== null)).toEqual([
			expect.objectContaining({name, scope: 'system', configPath: join(root, 'system', `${name}.yaml`)}),
		]);
	});
});

describe('with no Docker engine', () => {
	const commands = [['list'], ['list', '--json'], ['start', 'x'], ['stop', 'x'], ['restart', 'x'], ['remove', 'x'], ['logs', 'x'], ['inspect', 'x']];
	const valid = uniqueNodeName('nodaemon');
	sandbox.writeConfig(valid, 'user', validConfig());

	it.each(commands)('%s says the engine is unreachable and exits 1 (no socket)', async (...args) => {
		const command = args.map(arg => (arg === 'x' ? valid : arg));
		const result = await sandbox.run(command, {env: {DOCKER_HOST: `unix://${join(sandbox.root, 'no-docker.sock')}`}});
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/^error: Cannot reach the Docker engine at .*no-docker\.sock .*Is dockerd running\?/m);
		expect(result.stderr).not.toMatch(/\n\s+at /);
	});

	it('a socket file nobody listens on (dockerd stopped) gives the same message', async () => {
		const socket = join(sandbox.root, 'stale.sock');
		const server = createServer();
		await new Promise<void>(resolve => server.listen(socket, resolve));
		// Closing the server keeps nothing listening; recreate the stale file the way a killed dockerd leaves it.
		await new Promise<void>(resolve => server.close(() => resolve()));
		writeFileSync(socket, '');
		const result = await sandbox.run(['list'], {env: {DOCKER_HOST: `unix://${socket}`}});
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/Cannot reach the Docker engine/);
	});

	it('an ssh:// host loads the SSH transport when used (the bundle loads it lazily) and says when it is down', async () => {
		const server = createServer();
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		const {port} = server.address() as {port: number};
		await new Promise<void>(resolve => server.close(() => resolve()));
		const result = await sandbox.run(['list'], {env: {DOCKER_HOST: `ssh://vnode@127.0.0.1:${port}`}});
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(new RegExp(`^error: SSH to 127\\.0\\.0\\.1:${port} refused`, 'm'));
	});
});
