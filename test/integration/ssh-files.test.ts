/**
 * Node configs live where the node runs: with an ssh:// engine, `new`, `list`, `start`, `inspect`,
 * `set-api-key` and `delete` read and write the SSH user's files on "the remote" (the rig's user, on this
 * machine: test/helpers/ssh-rig.ts) over SFTP on the engine's one connection, and the node container on the
 * second engine mounts that user's paths. Hostile files there are one invalid row each; a dropped or hung
 * connection is a clear error within 5 s and leaves the file as it was.
 */
import {execFileSync} from 'node:child_process';
import {chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {readConfigBytes} from '../../source/config/bounded-read.js';
import {SftpFs} from '../../source/config/sftp-fs.js';
import {YamlConfigStore} from '../../source/config/yaml-config-store.js';
import {homeLocations} from '../../source/config/paths.js';
import {resolveEngineTarget} from '../../source/docker/engine-target.js';
import {SshTransport} from '../../source/docker/ssh-transport.js';
import {commentedConfigYaml} from '../helpers/fixture-configs.js';
import {dockerRequired, dockerSkipReason, fixtureImage} from '../helpers/docker.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';
import {SshRig, sshRigSkipReason} from '../helpers/ssh-rig.js';

const skipReason = dockerSkipReason ?? sshRigSkipReason();
if (skipReason && dockerRequired) {
	throw new Error(`VNODE_REQUIRE_DOCKER=1 but ${skipReason}`);
}

type Listing = {nodes: Array<{name: string; valid: boolean; problems?: string[]; status?: string}>};
type Inspected = {State: {Running: boolean}; HostConfig: {Binds: string[]}};

describe.skipIf(skipReason !== undefined)(skipReason ? `node configs on an ssh:// host [skipped: ${skipReason}]` : 'node configs on an ssh:// host', () => {
	const rig = new SshRig();
	const sandbox = new Sandbox({SSH_AUTH_SOCK: ''});
	const home = join(sandbox.root, 'home');
	const keyFile = join(sandbox.root, 'api-key.txt');
	const name = uniqueNodeName('sftp');
	let env: Record<string, string>;
	let userId: number;
	const remoteConfigDir = () => join(rig.remoteHome, '.config', 'vantage6', 'node');
	const remoteConfig = (node: string) => join(remoteConfigDir(), `${node}.yaml`);
	const run = async (...args: string[]) => sandbox.run(args, {env, timeoutMs: 60_000});
	const listing = async () => JSON.parse((await run('list', '--json')).stdout) as Listing;
	/** A file planted on "the remote" as its user would have it. */
	const plant = (path: string, text: string) => {
		mkdirSync(join(path, '..'), {recursive: true});
		writeFileSync(path, text, {mode: 0o600});
		chownSync(path, userId, userId);
	};

	const inspectRemote = (container: string) => (JSON.parse(rig.docker(['inspect', container])) as Inspected[])[0]!;

	beforeAll(async () => {
		await rig.start(['127.0.0.2']);
		const host = rig.hosts.get('127.0.0.2')!;
		env = {DOCKER_HOST: `ssh://${rig.user}@127.0.0.2:${host.port}`};
		rig.writeClient(home);
		writeFileSync(keyFile, 'key-from-a-file-123\n', {mode: 0o600});
		userId = Number(execFileSync('id', ['-u', rig.user], {encoding: 'utf8'}).trim());
		// What `new` needs to find on the remote: a csv database (through a link) and the node's private key.
		execFileSync('su', ['-s', '/bin/sh', rig.user, '-c', `mkdir -p ~/data ~/.local/share/vantage6/node/${name} && echo a,b > ~/data/real.csv && ln -s real.csv ~/data/link.csv && echo key > ~/.local/share/vantage6/node/${name}/private_key.pem`]);
	}, 180_000);

	afterAll(async () => {
		await rig.stop();
		sandbox.cleanup();
	}, 60_000);

	it('new writes the config under the SSH user\'s home on the remote, 0600 and owned by that user; list over ssh shows it valid', async () => {
		const result = await run('new', name, '--api-key-file', keyFile, '--server-url', 'https://server.example.org/', '--db', 'default=data/link.csv:csv', '--image', fixtureImage);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(`New configuration created: ${remoteConfig(name)}`);
		const stats = statSync(remoteConfig(name));
		expect(stats.mode & 0o777).toBe(0o600);
		expect(stats.uid).toBe(userId);
		expect(existsSync(join(sandbox.configDir('user'), `${name}.yaml`))).toBe(false);
		const config = parse(readFileSync(remoteConfig(name), 'utf8')) as {task_dir: string};
		// The data dir is the remote user's, not this machine's XDG dirs.
		expect(config.task_dir).toBe(join(rig.remoteHome, '.local', 'share', 'vantage6', 'node', name));
		expect((await listing()).nodes.find(node => node.name === name)).toMatchObject({valid: true});
	});

	it('start creates the container on the second engine with the remote user\'s paths (a relative database path in that home); it runs on the config written there; inspect finds no difference', async () => {
		const started = await run('start', name);
		expect(started.stderr).not.toMatch(/error/i);
		expect(started.code).toBe(0);
		const container = inspectRemote(`vantage6-${name}-user`);
		// The fixture node exits at once when /mnt/config/NAME.yaml is not the config: running means it found it.
		expect(container.State.Running).toBe(true);
		const binds = container.HostConfig.Binds;
		expect(binds).toContain(`${remoteConfigDir()}:/mnt/config:ro`);
		expect(binds).toContain(`${join(rig.remoteHome, '.cache', 'vantage6', 'log', 'node', name)}:/mnt/log`);
		expect(binds).toContain(`${join(rig.remoteHome, '.local', 'share', 'vantage6', 'node', name, 'private_key.pem')}:/mnt/private_key.pem:ro`);
		// A relative path in the SSH user's home there, and the link's target resolved on the remote.
		expect(binds).toContain(`${join(rig.remoteHome, 'data', 'real.csv')}:/mnt/default.csv`);
		expect(statSync(join(rig.remoteHome, '.cache', 'vantage6', 'log', 'node', name)).uid).toBe(userId);
		const mounted = rig.docker(['exec', `vantage6-${name}-user`, 'cat', `/mnt/config/${name}.yaml`]);
		expect(mounted).toBe(readFileSync(remoteConfig(name), 'utf8'));

		const inspected = await run('inspect', name);
		expect(inspected.code).toBe(0);
		expect(inspected.stdout).toMatch(/Spec check against v6 node start: \d+ ok, 0 differ, 0 missing, 0 unexpected/);
		expect((await run('stop', name)).code).toBe(0);
	}, 90_000);

	it('set-api-key changes only that line of a commented file on the remote, keeping it 0600 and the user\'s', async () => {
		const node = uniqueNodeName('sftpkey');
		plant(remoteConfig(node), commentedConfigYaml);
		const result = await run('set-api-key', node, '--api-key-file', keyFile);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const after = readFileSync(remoteConfig(node), 'utf8');
		const changed = commentedConfigYaml.split('\n').flatMap((line, index) => (line === after.split('\n')[index] ? [] : [[line, after.split('\n')[index]]]));
		expect(changed).toEqual([['api_key: secret-api-key-0123456789 # from the server admin', 'api_key: key-from-a-file-123 # from the server admin']]);
		expect(statSync(remoteConfig(node)).mode & 0o777).toBe(0o600);
		expect(statSync(remoteConfig(node)).uid).toBe(userId);
		expect(readdirSync(remoteConfigDir()).filter(file => file.endsWith('.tmp'))).toEqual([]);
	});

	it('a file that does not parse is listed invalid and never written', async () => {
		const node = uniqueNodeName('sftpbad');
		plant(remoteConfig(node), 'api_key: [\n');
		expect((await listing()).nodes.find(entry => entry.name === node)).toMatchObject({valid: false});
		const result = await run('set-api-key', node, '--api-key-file', keyFile);
		expect(result.code).toBe(1);
		expect(readFileSync(remoteConfig(node), 'utf8')).toBe('api_key: [\n');
	});

	it('delete moves the file to .deleted/ on the remote, as it was', async () => {
		const original = readFileSync(remoteConfig(name), 'utf8');
		const deleted = await run('delete', name);
		expect(deleted.stderr).not.toMatch(/error/i);
		expect(deleted.code).toBe(0);
		const backup = /to (\S+\.yaml)/.exec(deleted.stdout)![1]!;
		expect(backup.startsWith(join(remoteConfigDir(), '.deleted'))).toBe(true);
		expect(readFileSync(backup, 'utf8')).toBe(original);
		expect(existsSync(remoteConfig(name))).toBe(false);
		expect((await listing()).nodes.some(node => node.name === name)).toBe(false);
	});

	it('a 20 MB file, a FIFO and links out of the home (to /dev/zero, to /etc/shadow) are one invalid row each; nothing hangs', async () => {
		const prefix = uniqueNodeName('sftphostile');
		plant(remoteConfig(`${prefix}-big`), '');
		truncateSync(remoteConfig(`${prefix}-big`), 20 * 1024 * 1024);
		execFileSync('mkfifo', [remoteConfig(`${prefix}-fifo`)]);
		symlinkSync('/dev/zero', remoteConfig(`${prefix}-zero`));
		symlinkSync('/etc/shadow', remoteConfig(`${prefix}-shadow`));
		const started = Date.now();
		const nodes = (await listing()).nodes.filter(node => node.name.startsWith(prefix));
		expect(Date.now() - started).toBeLessThan(20_000);
		expect(nodes.map(node => [node.name.slice(prefix.length + 1), node.valid])).toEqual([
			['big', false],
			['fifo', false],
			['shadow', false],
			['zero', false],
		]);
		const problems = Object.fromEntries(nodes.map(node => [node.name.slice(prefix.length + 1), JSON.stringify(node.problems)]));
		expect(problems['big']).toContain('larger than 256 KiB');
		expect(problems['fifo']).toContain('FIFO');
		expect(problems['zero']).toContain('a device');
		expect(problems['shadow']).toContain('permission denied');
		expect(lstatSync(remoteConfig(`${prefix}-fifo`)).isFIFO()).toBe(true);
	}, 60_000);

	describe('the connection drops or hangs mid-operation', () => {
		const sessionSshd = () => execFileSync('sh', ['-c', `pgrep -u ${rig.user} -f 'sshd: ${rig.user}' || true`], {encoding: 'utf8'}).split('\n').filter(Boolean).map(Number);
		/** A store over its own connection, whose `hook` runs when an SFTP method is called. */
		const openStore = async (hook: (method: string, args: unknown[]) => void) => {
			const read = async (path: string, cap: number) => readConfigBytes(path, cap);
			const clientEnv = {HOME: home, SSH_AUTH_SOCK: '', ...env};
			const target = await resolveEngineTarget({env: clientEnv, home, read});
			if (target.kind !== 'ssh') {
				throw new Error('not ssh');
			}

			const ssh = new SshTransport({host: target.host, address: target.address, user: target.user!, port: target.port!}, {env: clientEnv, home, localUser: 'root', read});
			const source = {
				lookup: ssh.lookup,
				sftp: async (ms: number) => {
					const sftp = await ssh.sftp(ms);
					return new Proxy(sftp, {
						get(object, key, receiver) {
							const value = Reflect.get(object, key, receiver) as unknown;
							return typeof value === 'function'
								? (...args: unknown[]) => {
										hook(String(key), args);
										return (value as (...args: unknown[]) => unknown).apply(object, args);
									}
								: value;
						},
					});
				},
				dropSftp: () => ssh.dropSftp(),
				exec: async (command: string, ms: number) => ssh.exec(command, ms),
			};
			const fs = new SftpFs(source);
			return {store: new YamlConfigStore(homeLocations(() => fs.home()), undefined, {fs}), ssh};
		};

		it('sshd killed as the new file is being written: a clear error within 5 s, the old file whole, no temp file', async () => {
			const node = uniqueNodeName('sftpkill');
			plant(remoteConfig(node), commentedConfigYaml);
			let armed = false;
			let droppedAt = 0;
			const {store, ssh} = await openStore((method, args) => {
				if (armed && method === 'open' && args[1] === 'wx') {
					armed = false;
					droppedAt = Date.now();
					for (const pid of sessionSshd()) {
						process.kill(pid, 'SIGKILL');
					}
				}
			});
			try {
				expect((await store.read(node, 'user'))?.problems).toEqual([]);
				armed = true;
				const result = await store.update(node, 'user', [{path: ['api_key'], value: 'never-written'}]);
				// Counted from the drop: the calls before it are not what is measured (and are slow on a loaded machine).
				expect(droppedAt).toBeGreaterThan(0);
				expect(Date.now() - droppedAt).toBeLessThan(5000);
				expect(result.ok).toBe(false);
				expect(result.ok ? '' : result.message).toMatch(/SSH connection to ssh:\/\/\S+ was lost|did not answer within/);
				expect(readFileSync(remoteConfig(node), 'utf8')).toBe(commentedConfigYaml);
				expect(readdirSync(remoteConfigDir()).filter(file => file.includes(node) && file.endsWith('.tmp'))).toEqual([]);
			} finally {
				ssh.close();
			}
		});

		it('sshd stopped (no answer at all) just before the rename: "did not answer" within 5 s, the old file whole', async () => {
			const node = uniqueNodeName('sftphang');
			plant(remoteConfig(node), commentedConfigYaml);
			let armed = false;
			let droppedAt = 0;
			const stopped: number[] = [];
			const {store, ssh} = await openStore(method => {
				if (armed && method === 'ext_openssh_rename') {
					armed = false;
					droppedAt = Date.now();
					for (const pid of sessionSshd()) {
						process.kill(pid, 'SIGSTOP');
						stopped.push(pid);
					}
				}
			});
			try {
				expect((await store.read(node, 'user'))?.problems).toEqual([]);
				armed = true;
				const result = await store.update(node, 'user', [{path: ['api_key'], value: 'never-written'}]);
				// Counted from the drop: the calls before it are not what is measured (and are slow on a loaded machine).
				expect(droppedAt).toBeGreaterThan(0);
				expect(Date.now() - droppedAt).toBeLessThan(5000);
				expect(result.ok ? '' : result.message).toMatch(/did not answer within 4 s \(replace .* over SFTP\)/);
				expect(readFileSync(remoteConfig(node), 'utf8')).toBe(commentedConfigYaml);
			} finally {
				for (const pid of stopped) {
					process.kill(pid, 'SIGKILL');
				}

				ssh.close();
			}
		});
	});
});
