/**
 * Remote engines for real: `vnode-tui list --json` through ssh:// to a second
 * dockerd behind sshd on loopback (test/helpers/ssh-rig.ts), through a
 * ~/.ssh/config alias and through Docker contexts, and the refusals: an unknown
 * or changed host key, sshd down. Engine resolution order as the docker CLI.
 * IdentityAgent: the key only in an ssh-agent at the socket the config names.
 */
import {execFileSync, spawn} from 'node:child_process';
import {existsSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readConfigBytes} from '../../source/config/bounded-read.js';
import {DockerodeEngine} from '../../source/docker/dockerode-engine.js';
import {resolveEngineTarget} from '../../source/docker/engine-target.js';
import {containerNamed, dockerRequired, dockerSkipReason, fixtureImage} from '../helpers/docker.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';
import {SshRig, sshRigSkipReason, type SshHost} from '../helpers/ssh-rig.js';

// The rig loads the fixture image from the main engine into its second one.
const skipReason = dockerSkipReason ?? sshRigSkipReason();
if (skipReason && dockerRequired) {
	throw new Error(`VNODE_REQUIRE_DOCKER=1 but ${skipReason}`);
}

type Listing = {engine: {host: string; context?: string} | null; engineDown?: string; nodes: Array<{name: string; container: {name: string} | null}>};

describe.skipIf(skipReason !== undefined)(skipReason ? `remote engines over SSH [skipped: ${skipReason}]` : 'remote engines over SSH', () => {
	const rig = new SshRig();
	const sandbox = new Sandbox({SSH_AUTH_SOCK: ''});
	const home = join(sandbox.root, 'home');
	const name = uniqueNodeName('ssh');
	let host: SshHost;
	let address: string;

	const list = async (env: Record<string, string>, args: string[] = []) => {
		const started = Date.now();
		const result = await sandbox.run(['list', '--json', ...args], {env, timeoutMs: 30_000});
		return {...result, ms: Date.now() - started, json: JSON.parse(result.stdout) as Listing};
	};

	const read = async (path: string, cap: number) => readConfigBytes(path, cap);
	/** The engine in this process; a long read deadline where a test is about what happens, not how fast on a loaded machine. */
	const engineFor = async (readMs?: number) => {
		const env = {HOME: home, SSH_AUTH_SOCK: '', DOCKER_HOST: address};
		return new DockerodeEngine({target: await resolveEngineTarget({env, home, read}), ssh: {env, home, localUser: 'root', read}, ...(readMs ? {limits: {readMs}} : {})});
	};

	const remoteNode = (json: Listing) => json.nodes.find(node => node.container?.name === `vantage6-${name}-user`);

	beforeAll(async () => {
		await rig.start(['127.0.0.2', {address: '127.0.0.3', env: {PATH: '/nonexistent'}}, {address: '127.0.0.4', env: {DOCKER_HOST: 'unix:///nonexistent/docker.sock'}}]);
		host = rig.hosts.get('127.0.0.2')!;
		address = `ssh://${rig.user}@127.0.0.2:${host.port}`;
		// A node container on the second engine only; never started (it needs no network).
		rig.docker(['create', '--name', `vantage6-${name}-user`, '--network', 'none', '--label', 'vantage6-type=node', '--label', `name=${name}`, fixtureImage]);
	}, 120_000);

	afterAll(async () => {
		await rig.stop();
		sandbox.cleanup();
	}, 60_000);

	it('list --json through ssh://user@127.0.0.2 lists the second engine\'s container, which the main engine does not have', async () => {
		rig.writeClient(home);
		const result = await list({DOCKER_HOST: address});
		expect(result.stderr).toBe('');
		expect(result.json.engine?.host).toBe(address);
		expect(remoteNode(result.json)?.container?.name).toBe(`vantage6-${name}-user`);
		expect(await containerNamed(`vantage6-${name}-user`)).toBeUndefined();
	});

	it('follows a ~/.ssh/config alias (HostName, User, Port, IdentityFile), with a hashed known_hosts', async () => {
		rig.writeClient(home, {config: `Host vtpi\n  HostName 127.0.0.2\n  User ${rig.user}\n  Port ${host.port}\n  IdentityFile ~/.ssh/id_ed25519\n`});
		execFileSync('ssh-keygen', ['-H', '-f', join(home, '.ssh', 'known_hosts')], {stdio: 'ignore'});
		const result = await list({DOCKER_HOST: 'ssh://vtpi'});
		expect(result.stderr).toBe('');
		expect(result.json.engine?.host).toBe('ssh://vtpi');
		expect(remoteNode(result.json)?.container?.name).toBe(`vantage6-${name}-user`);
	});

	it('refuses an unknown host key with its fingerprint and what to run; nothing is listed', async () => {
		rig.writeClient(home, {knownHosts: false});
		const result = await list({DOCKER_HOST: address});
		expect(result.code).toBe(1);
		expect(result.json.engine).toBeNull();
		expect(remoteNode(result.json)).toBeUndefined();
		expect(result.stderr).toContain(`The SSH host key of [127.0.0.2]:${host.port} is not in known_hosts (ssh-ed25519 key ${host.fingerprint}); not connecting.`);
		expect(result.stderr).toContain(`ssh-keyscan -p ${host.port} 127.0.0.2 >> ~/.ssh/known_hosts`);
	});

	it('refuses a changed host key, naming the known_hosts line and the new fingerprint', async () => {
		const other = join(sandbox.root, 'other-key');
		execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
		const otherKey = execFileSync('cat', [`${other}.pub`], {encoding: 'utf8'}).split(/\s+/).slice(0, 2).join(' ');
		rig.writeClient(home, {knownHosts: `# planted\n[127.0.0.2]:${host.port} ${otherKey}\n`});
		const result = await list({DOCKER_HOST: address});
		expect(result.code).toBe(1);
		expect(remoteNode(result.json)).toBeUndefined();
		expect(result.stderr).toContain(`The SSH host key of [127.0.0.2]:${host.port} has CHANGED (now ssh-ed25519 key ${host.fingerprint}; ${join(home, '.ssh', 'known_hosts')}:2 has another); not connecting.`);
		expect(result.stderr).toContain(`ssh-keygen -R [127.0.0.2]:${host.port}`);
	});

	it('sshd down: "refused" within 5 s', async () => {
		rig.writeClient(home);
		await host.stop();
		try {
			const result = await list({DOCKER_HOST: address});
			expect(result.code).toBe(1);
			expect(result.json.engineDown).toMatch(/^SSH to 127\.0\.0\.2:\d+ refused/);
			expect(result.stderr).toContain('refused');
			// Timed on the engine itself: the CLI's own start-up is not what is measured (and is slow on a loaded machine).
			const engine = await engineFor();
			const started = Date.now();
			await expect(engine.ping()).rejects.toThrow(/refused: no SSH server listens there/);
			expect(Date.now() - started).toBeLessThan(5000);
			engine.close();
		} finally {
			await host.start();
		}
	});

	describe('resolved as the docker CLI resolves it', () => {
		const dockerConfig = join(sandbox.root, 'docker-config');
		const context = `vt-remote-${name}`;

		beforeAll(() => {
			rig.writeClient(home);
			// Made by the docker CLI itself, so the files are what it writes.
			execFileSync('docker', ['context', 'create', context, '--docker', `host=${address}`], {env: {...process.env, DOCKER_CONFIG: dockerConfig}, stdio: 'ignore'});
			execFileSync('docker', ['context', 'use', context], {env: {...process.env, DOCKER_CONFIG: dockerConfig}, stdio: 'ignore'});
		});

		it('follows the current context of a DOCKER_CONFIG dir, and says its name', async () => {
			const result = await list({DOCKER_CONFIG: dockerConfig, DOCKER_HOST: ''});
			expect(result.stderr).toBe('');
			expect(result.json.engine).toMatchObject({host: address, context});
			expect(remoteNode(result.json)).toBeDefined();
			const text = await sandbox.run(['list'], {env: {DOCKER_CONFIG: dockerConfig, DOCKER_HOST: ''}, timeoutMs: 30_000});
			expect(text.stdout).toContain(`at ${address} (context ${context})`);
		});

		it('DOCKER_HOST beats the current context and DOCKER_CONTEXT', async () => {
			const result = await list({DOCKER_CONFIG: dockerConfig, DOCKER_HOST: 'unix:///var/run/docker.sock', DOCKER_CONTEXT: context});
			expect(result.json.engine?.host).toBe('/var/run/docker.sock');
			expect(remoteNode(result.json)).toBeUndefined();
		});

		it('DOCKER_CONTEXT beats the current context; --context beats DOCKER_HOST and DOCKER_CONTEXT', async () => {
			const viaEnv = await list({DOCKER_CONFIG: dockerConfig, DOCKER_HOST: '', DOCKER_CONTEXT: 'default'});
			expect(viaEnv.json.engine).toMatchObject({host: '/var/run/docker.sock', context: 'default'});
			const viaFlag = await list({DOCKER_CONFIG: dockerConfig, DOCKER_HOST: 'unix:///var/run/docker.sock', DOCKER_CONTEXT: 'default'}, ['--context', context]);
			expect(viaFlag.stderr).toBe('');
			expect(viaFlag.json.engine).toMatchObject({host: address, context});
			expect(remoteNode(viaFlag.json)).toBeDefined();
		});

		it('a context that does not exist is said, and nothing is listed from anywhere', async () => {
			const result = await list({DOCKER_CONFIG: dockerConfig, DOCKER_HOST: ''}, ['--context', 'vt-no-such']);
			expect(result.code).toBe(1);
			expect(result.json.engine).toBeNull();
			expect(result.stderr).toContain('Docker context "vt-no-such" (from --context) does not exist');
		});
	});

	it('says why when the far side has no docker, or its docker cannot reach a daemon, or the key is not accepted', async () => {
		rig.writeClient(home);
		const noDocker = await list({DOCKER_HOST: `ssh://${rig.user}@127.0.0.3:${rig.hosts.get('127.0.0.3')!.port}`});
		expect(noDocker.code).toBe(1);
		expect(noDocker.json.engineDown).toMatch(/^SSH to ssh:\/\/\S+ works, but there is no docker command on the far side/);
		const noDaemon = await list({DOCKER_HOST: `ssh://${rig.user}@127.0.0.4:${rig.hosts.get('127.0.0.4')!.port}`});
		expect(noDaemon.code).toBe(1);
		expect(noDaemon.json.engineDown).toMatch(/^SSH to ssh:\/\/\S+ works, but 'docker system dial-stdio' failed there \(exit \d+\): .*nonexistent/);
		const other = join(sandbox.root, 'not-authorized');
		execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
		execFileSync('cp', [other, join(home, '.ssh', 'id_ed25519')]);
		const refused = await list({DOCKER_HOST: address});
		expect(refused.code).toBe(1);
		expect(refused.json.engineDown).toBe(`SSH authentication as ${rig.user}@127.0.0.2:${host.port} failed (tried: ${join(home, '.ssh', 'id_ed25519')}). Put your public key in the remote ~/.ssh/authorized_keys, or load the key into ssh-agent (ssh-add).`);
		expect(refused.ms).toBeLessThan(5000);
	});

	it('IdentityAgent: the key only in an ssh-agent at the socket the config names; IdentityAgent none beats SSH_AUTH_SOCK', async () => {
		const socket = join(sandbox.root, 'agent.sock');
		const agent = spawn('ssh-agent', ['-D', '-a', socket], {stdio: 'ignore'});
		try {
			for (let waited = 0; !existsSync(socket) && waited < 5000; waited += 50) {
				// eslint-disable-next-line no-await-in-loop
				await new Promise(resolve => setTimeout(resolve, 50));
			}

			const alias = (setting: string) => `Host vtagent\n  HostName 127.0.0.2\n  User ${rig.user}\n  Port ${host.port}\n  IdentityAgent ${setting}\n`;
			rig.writeClient(home, {config: alias(socket)});
			const key = join(home, '.ssh', 'id_ed25519');
			execFileSync('ssh-add', ['-q', key], {env: {...process.env, SSH_AUTH_SOCK: socket}, stdio: 'ignore'});
			rmSync(key);
			const result = await list({DOCKER_HOST: 'ssh://vtagent'});
			expect(result.stderr).toBe('');
			expect(remoteNode(result.json)?.container?.name).toBe(`vantage6-${name}-user`);

			rig.writeClient(home, {config: alias('none')});
			rmSync(key);
			const refused = await list({DOCKER_HOST: 'ssh://vtagent', SSH_AUTH_SOCK: socket});
			expect(refused.code).toBe(1);
			expect(refused.json.engineDown).toMatch(/^SSH authentication as \S+ failed \(tried: no ssh-agent \(SSH_AUTH_SOCK unset, or IdentityAgent none\)/);
		} finally {
			agent.kill();
		}
	});

	describe('the engine over one SSH connection', () => {

		const sessionSshd = () => execFileSync('sh', ['-c', `pgrep -u ${rig.user} -f 'sshd: ${rig.user}' || true`], {encoding: 'utf8'}).split('\n').filter(Boolean).map(Number);

		it('a burst of 30 requests all succeed on one connection (channels wait for a free one; sshd allows 10)', async () => {
			rig.writeClient(home);
			const engine = await engineFor(30_000);
			try {
				const answers = await Promise.all(Array.from({length: 30}, async () => engine.listNodeContainers()));
				expect(answers.every(list => list.some(container => container.name === `vantage6-${name}-user`))).toBe(true);
				expect(sessionSshd()).toHaveLength(1);
			} finally {
				engine.close();
			}
		});

		it('events and a followed log stream over SSH; a dropped connection is said, and the engine is back by itself', async () => {
			rig.writeClient(home);
			const logger = `vantage6-${name}-logger-user`;
			rig.docker(['run', '-d', '--network', 'none', '--name', logger, '--label', 'vantage6-type=node', '--label', `name=${name}-logger`, '--label', 'system=False', fixtureImage, 'sh', '-c', 'i=0; while true; do i=$((i+1)); echo line $i; sleep 0.2; done']);
			const engine = await engineFor(15_000);
			const abort = new AbortController();
			const seen: string[] = [];
			const lines: string[] = [];
			const events = (async () => {
				for await (const event of engine.events(abort.signal)) {
					seen.push(event.type === 'engine' ? `engine ${event.status}` : `${event.action} ${event.name}`);
				}
			})();
			const logs = (async () => {
				for await (const line of engine.logs(logger, {follow: true, tail: 1, signal: abort.signal})) {
					lines.push(line.text);
				}
			})();
			try {
				await expect.poll(() => seen.includes('engine connected') && lines.length > 2, {timeout: 15_000}).toBe(true);
				rig.docker(['stop', '-t', '1', logger]);
				await expect.poll(() => seen.some(item => item.startsWith('die ')), {timeout: 10_000}).toBe(true);
				for (const pid of sessionSshd()) {
					process.kill(pid, 'SIGTERM');
				}

				await expect.poll(() => seen.filter(item => item === 'engine disconnected').length, {timeout: 10_000}).toBeGreaterThan(0);
				await expect.poll(() => seen.filter(item => item === 'engine connected').length, {timeout: 20_000}).toBe(2);
				expect((await engine.listNodeContainers()).some(container => container.name === logger)).toBe(true);
			} finally {
				abort.abort();
				await Promise.allSettled([events, logs]);
				engine.close();
				rig.docker(['rm', '-f', logger]);
			}
		}, 60_000);
	});
});
