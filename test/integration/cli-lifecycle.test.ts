/**
 * The shell commands against the real Docker engine with the fixture image:
 * the container `start` creates must match research/vantage6-node-spec.md §2
 * field by field (expected values written out here, not computed by the code
 * under test).
 */
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Scope} from '../../source/domain/node-config.js';
import {validConfig} from '../helpers/fixture-configs.js';
import {containerNamed, dockerSkipReason, dockerTitle, fixtureImage, nodeVolumes, removeNodeLeftovers} from '../helpers/docker.js';
import {cliPath, Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

const apiKey = 'vt-api-key-never-printed-7f3a9c';
const sandbox = new Sandbox();
const names: string[] = [];
const outputs: string[] = [];

function nodeConfig(extra: Record<string, unknown> = {}) {
	return validConfig({api_key: apiKey, images: {node: fixtureImage}, fixture_lines_per_second: 5, ...extra});
}

function newNode(label: string, scope: Scope, extra: Record<string, unknown> = {}): {name: string; path: string} {
	const name = uniqueNodeName(label);
	names.push(name);
	return {name, path: sandbox.writeConfig(name, scope, nodeConfig(extra))};
}

async function run(...args: string[]) {
	const result = await sandbox.run(args);
	outputs.push(result.stdout, result.stderr);
	return result;
}

describe.skipIf(dockerSkipReason)(dockerTitle('vnode-tui commands on a real engine'), () => {
	afterAll(async () => {
		await Promise.all(names.map(async name => removeNodeLeftovers(name)));
		sandbox.cleanup();
	});

	describe.each<Scope>(['user', 'system'])('a %s-scope node', scope => {
		let name: string;
		let configPath: string;

		beforeAll(() => {
			({name, path: configPath} = newNode(scope === 'user' ? 'u' : 's', scope, {
				node_extra_env: {SITE: 'a', HTTP_PROXY: 'http://proxy:3128'},
				node_extra_hosts: {'host.docker.internal': 'host-gateway'},
			}));
		});

		it('start creates the container v6 node start would, on every field', async () => {
			const result = await run('start', name, `--${scope}`);
			expect(result.stderr).not.toMatch(/error/);
			expect(result.code).toBe(0);
			expect(result.stdout).toContain(`Started vantage6-${name}-${scope}`);

			const container = await containerNamed(`vantage6-${name}-${scope}`);
			expect(container, 'container exists').toBeDefined();
			const c = container!;
			expect(c.Name).toBe(`/vantage6-${name}-${scope}`);
			expect(c.Config.Image).toBe(fixtureImage);
			expect(c.Config.Labels).toMatchObject({'vantage6-type': 'node', system: scope === 'system' ? 'True' : 'False', name});
			expect(c.Config.Cmd).toEqual(['vnode-local', 'start', '-c', `/mnt/config/${name}.yaml`, '-n', name, '--dockerized', `--${scope}`]);
			expect(c.Config.Tty).toBe(true);
			expect(c.HostConfig.AutoRemove).toBe(true);
			expect(['', 'no']).toContain(c.HostConfig.RestartPolicy?.Name ?? '');
			expect((c.HostConfig as {ExtraHosts?: string[]}).ExtraHosts).toEqual(['host.docker.internal:host-gateway']);

			const prefix = `vantage6-${name}-${scope}`;
			expect(c.HostConfig.Binds).toEqual([
				`${sandbox.logDir(scope, name)}:/mnt/log`,
				`${prefix}-vol:/mnt/data`,
				`${prefix}-vpn-vol:/mnt/vpn`,
				`${prefix}-ssh-vol:/mnt/ssh`,
				`${prefix}-squid-vol:/mnt/squid`,
				`${sandbox.configDir(scope)}:/mnt/config:ro`,
				'/var/run/docker.sock:/var/run/docker.sock',
			]);
			const mounts = Object.fromEntries(c.Mounts.map(mount => [mount.Destination, [mount.Type, mount.Type === 'volume' ? mount.Name : mount.Source, mount.RW]]));
			expect(mounts).toEqual({
				'/mnt/log': ['bind', sandbox.logDir(scope, name), true],
				'/mnt/data': ['volume', `${prefix}-vol`, true],
				'/mnt/vpn': ['volume', `${prefix}-vpn-vol`, true],
				'/mnt/ssh': ['volume', `${prefix}-ssh-vol`, true],
				'/mnt/squid': ['volume', `${prefix}-squid-vol`, true],
				'/mnt/config': ['bind', sandbox.configDir(scope), false],
				'/var/run/docker.sock': ['bind', '/var/run/docker.sock', true],
			});
			const imageEnv = ['PATH=/usr/local/bin:/usr/bin:/bin:/sbin:/usr/sbin'];
			expect(c.Config.Env.filter(entry => !imageEnv.includes(entry))).toEqual([
				`DATA_VOLUME_NAME=${prefix}-vol`,
				`VPN_VOLUME_NAME=${prefix}-vpn-vol`,
				'PRIVATE_KEY=/mnt/private_key.pem',
				'SITE=a',
				'HTTP_PROXY=http://proxy:3128',
			]);
			expect(await nodeVolumes(name)).toEqual([`${prefix}-squid-vol`, `${prefix}-ssh-vol`, `${prefix}-vol`, `${prefix}-vpn-vol`]);
			expect(c.State.Running).toBe(true);
		});

		it('list --json shows it running', async () => {
			const result = await run('list', '--json');
			expect(result.code).toBe(0);
			const listing = JSON.parse(result.stdout) as {nodes: Array<{name: string; scope: string; status: string; container: {state: string} | null}>};
			const row = listing.nodes.find(node => node.name === name && node.scope === scope);
			expect(row).toMatchObject({status: 'running', container: {state: 'running'}});
		});

		it('inspect finds no difference from the spec and masks the api key', async () => {
			const result = await run('inspect', name, `--${scope}`);
			expect(result.code).toBe(0);
			expect(result.stdout).toMatch(/Spec check against v6 node start: \d+ ok, 0 differ, 0 missing, 0 unexpected/);
			expect(result.stdout).toContain('api_key: ••••••••');
			const json = await run('inspect', name, `--${scope}`, '--json');
			const report = JSON.parse(json.stdout) as {check: Array<{status: string}>};
			expect(report.check.length).toBeGreaterThan(20);
			expect(report.check.filter(item => item.status !== 'ok')).toEqual([]);
		});

		it('logs -f follows the node until interrupted', async () => {
			const child = spawn(process.execPath, [cliPath, 'logs', name, `--${scope}`, '-f', '--tail', '2'], {env: sandbox.env});
			let text = '';
			child.stdout.on('data', chunk => (text += String(chunk)));
			const seqs = () => [...text.matchAll(/heartbeat seq=(\d+)/g)].map(match => Number(match[1]));
			await expect.poll(() => seqs().length, {timeout: 10_000}).toBeGreaterThanOrEqual(5);
			const seen = seqs();
			expect(seen.every((seq, index) => index === 0 || seq === seen[index - 1]! + 1)).toBe(true);
			const code = new Promise(resolve => child.on('close', resolve));
			child.kill('SIGINT');
			expect(await code).toBe(0);
			outputs.push(text);
		});

		it('restart gives a running container again, a new one', async () => {
			const before = await containerNamed(`vantage6-${name}-${scope}`);
			const result = await run('restart', name, `--${scope}`);
			expect(result.code).toBe(0);
			const after = await containerNamed(`vantage6-${name}-${scope}`);
			expect(after?.State.Running).toBe(true);
			expect(after?.Id).not.toBe(before?.Id);
		});

		it('stop leaves no container and none of its four volumes', async () => {
			const result = await run('stop', name, `--${scope}`);
			expect(result.code).toBe(0);
			expect(result.stdout).toContain(`Stopped vantage6-${name}-${scope}`);
			expect(await containerNamed(`vantage6-${name}-${scope}`)).toBeUndefined();
			expect(await nodeVolumes(name)).toEqual([]);
			expect(readFileSync(configPath, 'utf8')).toContain(apiKey);
		});
	});

	it('logs -f goes on across a restart of the node, from the new container\'s first line', async () => {
		const {name} = newNode('follow', 'user');
		expect((await run('start', name)).code).toBe(0);
		const child = spawn(process.execPath, [cliPath, 'logs', name, '-f', '--tail', '1'], {env: sandbox.env});
		let out = '';
		let err = '';
		child.stdout.on('data', chunk => (out += String(chunk)));
		child.stderr.on('data', chunk => (err += String(chunk)));
		await expect.poll(() => out.includes('heartbeat seq='), {timeout: 10_000}).toBe(true);
		expect((await run('restart', name)).code).toBe(0);
		await expect.poll(() => err.includes(`${name} started again`), {timeout: 15_000}).toBe(true);
		// --tail 1 showed only a heartbeat; the start-up lines can only come from the new container.
		await expect.poll(() => /Starting node[\s\S]*heartbeat seq=1\r?\n/.test(out), {timeout: 10_000}).toBe(true);
		expect(err).toContain(`${name} is not running; waiting for it to start`);
		const code = new Promise(resolve => child.on('close', resolve));
		child.kill('SIGINT');
		expect(await code).toBe(0);
		outputs.push(out, err);
	});

	it('a node that crashes right after start makes start exit 1 with its exit code and last lines', async () => {
		const {name} = newNode('crash', 'user', {fixture_crash_after: 1});
		const result = await run('start', name);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/exited with code 1 right after it started/);
		expect(result.stderr).toContain('fixture crash: simulated failure');
		expect(result.stderr).toContain('Node connected to server');
	});

	it('--keep leaves the stopped container; stop reports its volumes in use; remove --volumes clears both', async () => {
		const {name} = newNode('keep', 'user');
		expect((await run('start', name, '--keep')).code).toBe(0);
		const stop = await run('stop', name);
		expect(stop.code).toBe(0);
		expect(stop.stderr).toMatch(/left volume vantage6-.*-vol \(in use by the kept/);
		expect((await containerNamed(`vantage6-${name}-user`))?.State.Status).toBe('exited');
		const list = JSON.parse((await run('list', '--json')).stdout) as {nodes: Array<{name: string; status: string; exitCode: number | null}>};
		expect(list.nodes.find(node => node.name === name)).toMatchObject({status: 'exited', exitCode: 0});
		const remove = await run('remove', name, '--volumes');
		expect(remove.code).toBe(0);
		expect(await containerNamed(`vantage6-${name}-user`)).toBeUndefined();
		expect(await nodeVolumes(name)).toEqual([]);
	});

	it('an image that is not here and cannot be pulled gives one clear line', async () => {
		const {name} = newNode('img', 'user', {images: {node: '127.0.0.1:1/vnode/not-here:0'}});
		const result = await run('start', name);
		expect(result.code).toBe(1);
		const errors = result.stderr.split('\n').filter(line => line.startsWith('error:'));
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatch(/Image 127\.0\.0\.1:1\/vnode\/not-here:0 is not on this host and could not be pulled.*--image or images\.node/);
		expect(result.stderr).not.toMatch(/\n\s+at /);
	});

	it('a config that breaks the spec rules is refused before anything is created', async () => {
		const {name} = newNode('spec', 'user', {node_extra_env: {PRIVATE_KEY: '/x'}});
		const result = await run('start', name);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/Cannot overwrite existing node environment variables: PRIVATE_KEY/);
		expect(await containerNamed(`vantage6-${name}-user`)).toBeUndefined();
		expect(await nodeVolumes(name)).toEqual([]);
	});

	it('the api key appears in no output of any command', () => {
		expect(outputs.length).toBeGreaterThan(10);
		for (const text of outputs) {
			expect(text).not.toContain(apiKey);
		}
	});
});
