/**
 * A second Docker host on this machine, reached only over SSH on loopback: a
 * test user, sshd on 127.0.0.2 (and more loopback addresses on request) with
 * its own config, host key and pid in a temp dir, and a second dockerd (its
 * own data root, exec root, pid file, socket and bridge, no iptables) that the
 * SSH user reaches through DOCKER_HOST set by sshd. The client side (a key,
 * known_hosts, ~/.ssh/config) is written into a HOME the test gives. Needs
 * root, sshd (openssh-server), dockerd and `ip`; everything is torn down by
 * `stop()`.
 */
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {connect} from 'node:net';
import {join} from 'node:path';
import {fixtureImage} from './docker.js';

const sshd = '/usr/sbin/sshd';

/** Why the rig cannot run here, or undefined. */
export function sshRigSkipReason(): string | undefined {
	if (process.getuid?.() !== 0) {
		return 'the SSH rig needs root (useradd, sshd, a second dockerd)';
	}

	for (const [path, what] of [
		[sshd, 'sshd missing: apt-get install openssh-server'],
		['/usr/sbin/useradd', 'useradd missing'],
		['/usr/bin/ssh-keygen', 'ssh-keygen missing: apt-get install openssh-client'],
	] as const) {
		if (!existsSync(path)) {
			return what;
		}
	}

	for (const command of ['dockerd', 'docker', 'ip']) {
		try {
			execFileSync('sh', ['-c', `command -v ${command}`], {stdio: 'ignore'});
		} catch {
			return `${command} missing`;
		}
	}

	return undefined;
}

export type SshHost = {
	address: string;
	port: number;
	/** The public host key line (`ssh-ed25519 AAAA…`). */
	hostKey: string;
	/** `SHA256:…` of the host key. */
	fingerprint: string;
	running(): boolean;
	stop(): Promise<void>;
	start(): Promise<void>;
};

export class SshRig {
	readonly root = mkdtempSync('/tmp/vtrig-');
	readonly user = `vtssh${randomBytes(3).toString('hex')}`;
	/** The second engine's socket (as the SSH user's DOCKER_HOST). */
	readonly socket = join(this.root, 'd', 'docker.sock');
	readonly hosts = new Map<string, SshHost>();
	private readonly bridge = `vtbr${randomBytes(3).toString('hex')}`;
	/** The SSH user's home on "the remote" (this machine). */
	readonly remoteHome = join(this.root, 'remote-home');
	private readonly clientKey = join(this.root, 'client-key');
	private dockerd: ChildProcess | undefined;
	private readonly sshds = new Map<string, ChildProcess>();
	private userMade = false;
	private bridgeMade = false;

	/**
	 * The user, the second dockerd (with the fixture image loaded), and sshd on each address;
	 * `env` replaces what a session gets (PATH without docker, another DOCKER_HOST).
	 */
	async start(addresses: ReadonlyArray<string | {address: string; env: Record<string, string>}> = ['127.0.0.2']): Promise<void> {
		chmodSync(this.root, 0o755);
		execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'vnode-tui-test', '-f', this.clientKey]);
		execFileSync('useradd', ['-M', '-U', '-d', this.remoteHome, '-s', '/bin/sh', this.user]);
		this.userMade = true;
		// '*': no password, but not locked ('!'), which sshd without PAM refuses even for keys.
		execFileSync('usermod', ['-p', '*', this.user]);
		mkdirSync(join(this.remoteHome, '.ssh'), {recursive: true, mode: 0o700});
		writeFileSync(join(this.remoteHome, '.ssh', 'authorized_keys'), readFileSync(`${this.clientKey}.pub`), {mode: 0o600});
		for (const path of [this.remoteHome, join(this.remoteHome, '.ssh'), join(this.remoteHome, '.ssh', 'authorized_keys')]) {
			chownSync(path, uid(this.user), gid(this.user));
		}

		await this.startDockerd();
		for (const host of addresses) {
			await (typeof host === 'string' ? this.addHost(host, {}) : this.addHost(host.address, host.env));
		}
	}

	/**
	 * The client side in `home`: the test key as ~/.ssh/id_ed25519, known_hosts with the
	 * hosts' keys (unless `knownHosts: false`), and `config` when given.
	 */
	writeClient(home: string, options: {knownHosts?: boolean | string; config?: string} = {}): void {
		const ssh = join(home, '.ssh');
		mkdirSync(ssh, {recursive: true, mode: 0o700});
		writeFileSync(join(ssh, 'id_ed25519'), readFileSync(this.clientKey), {mode: 0o600});
		const known =
			typeof options.knownHosts === 'string'
				? options.knownHosts
				: options.knownHosts === false
					? ''
					: [...this.hosts.values()].map(host => `[${host.address}]:${host.port} ${host.hostKey}`).join('\n') + '\n';
		writeFileSync(join(ssh, 'known_hosts'), known, {mode: 0o600});
		if (options.config !== undefined) {
			writeFileSync(join(ssh, 'config'), options.config, {mode: 0o600});
		}
	}

	/** `docker` against the second engine, as root (for the test's own setup and checks). */
	docker(args: readonly string[], input?: Buffer): string {
		return execFileSync('docker', ['-H', `unix://${this.socket}`, ...args], {encoding: 'utf8', ...(input ? {input} : {}), maxBuffer: 64 * 1024 * 1024});
	}

	async stop(): Promise<void> {
		for (const host of this.hosts.values()) {
			await host.stop();
		}

		if (this.dockerd) {
			try {
				const ids = this.docker(['ps', '-aq']).split('\n').filter(Boolean);
				if (ids.length > 0) {
					this.docker(['rm', '-f', ...ids]);
				}
			} catch {
				// The engine is going away anyway.
			}

			await stopProcess(this.dockerd, 20_000);
			this.dockerd = undefined;
		}

		if (this.bridgeMade) {
			try {
				execFileSync('ip', ['link', 'delete', this.bridge], {stdio: 'ignore'});
			} catch {
				// Gone with its dockerd, or left for the sweep of .ci/run.
			}

			this.bridgeMade = false;
		}

		if (this.userMade) {
			// A session of a client that is still connected outlives the sshd listener: end those (by pid) first.
			const pids = execFileSync('sh', ['-c', `pgrep -u ${this.user} || true`], {encoding: 'utf8'}).split('\n').filter(Boolean).map(Number);
			for (const pid of pids) {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {
					// Gone already.
				}
			}

			try {
				execFileSync('userdel', ['-f', this.user], {stdio: 'ignore'});
			} catch {
				// Said by the leftover sweep of .ci/run; the directories still go below.
			}

			this.userMade = false;
		}

		// dockerd leaves mounts under its roots when killed hard; unmount before removing.
		try {
			execFileSync('sh', ['-c', `grep -o ' ${this.root}[^ ]*' /proc/self/mounts | sort -r | xargs -r -n1 umount -l`], {stdio: 'ignore'});
		} catch {
			// Nothing mounted.
		}

		rmSync(this.root, {recursive: true, force: true});
	}

	private async startDockerd(): Promise<void> {
		const dir = join(this.root, 'd');
		mkdirSync(dir, {recursive: true});
		// A bridge of its own: `--bridge none` would make this dockerd delete the main engine's docker0.
		execFileSync('ip', ['link', 'add', this.bridge, 'type', 'bridge']);
		this.bridgeMade = true;
		const subnet = `10.213.${1 + (randomBytes(1)[0]! % 250)}`;
		execFileSync('ip', ['addr', 'add', `${subnet}.1/24`, 'dev', this.bridge]);
		execFileSync('ip', ['link', 'set', this.bridge, 'up']);
		// No /etc/docker/daemon.json: the main engine's settings (hosts, bridge) must not apply to this one.
		writeFileSync(join(dir, 'daemon.json'), '{}\n');
		this.dockerd = spawn(
			'dockerd',
			[
				'--config-file', join(dir, 'daemon.json'),
				'--data-root', join(dir, 'data'),
				'--exec-root', join(dir, 'x'),
				'--pidfile', join(dir, 'pid'),
				'-H', `unix://${this.socket}`,
				'--group', this.user,
				'--bridge', this.bridge,
				'--iptables=false',
				'--ip-masq=false',
				'--ip-forward=false',
				'--userland-proxy=false',
				'--containerd-namespace', `${this.user}`,
				'--containerd-plugins-namespace', `${this.user}-plugins`,
			],
			{stdio: ['ignore', 'ignore', 'pipe']},
		);
		let log = '';
		this.dockerd.stderr!.on('data', chunk => {
			log = (log + String(chunk)).slice(-4000);
		});
		await waitFor(async () => canConnect(this.socket), 30_000, () => `second dockerd did not answer on ${this.socket}: ${log}`);
		await waitFor(async () => {
			try {
				this.docker(['version', '--format', '{{.Server.Version}}']);
				return true;
			} catch {
				return false;
			}
		}, 30_000, () => `second dockerd did not answer: ${log}`);
		this.docker(['load'], execFileSync('docker', ['save', fixtureImage], {maxBuffer: 64 * 1024 * 1024}));
	}

	private async addHost(address: string, env: Record<string, string>): Promise<void> {
		const dir = join(this.root, `sshd-${address}`);
		mkdirSync(dir, {recursive: true, mode: 0o700});
		mkdirSync('/run/sshd', {recursive: true, mode: 0o755});
		const key = join(dir, 'host_ed25519');
		execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', key]);
		const port = 20_000 + (randomBytes(2).readUInt16BE(0) % 9000);
		const config = join(dir, 'sshd_config');
		writeFileSync(
			config,
			[
				`ListenAddress ${address}:${port}`,
				`HostKey ${key}`,
				`PidFile ${join(dir, 'sshd.pid')}`,
				'AuthorizedKeysFile .ssh/authorized_keys',
				'PubkeyAuthentication yes',
				'PasswordAuthentication no',
				'KbdInteractiveAuthentication no',
				'UsePAM no',
				'StrictModes no',
				'PermitRootLogin no',
				`AllowUsers ${this.user}`,
				'AllowTcpForwarding no',
				'X11Forwarding no',
				'PrintMotd no',
				`SetEnv ${Object.entries({DOCKER_HOST: `unix://${this.socket}`, ...env}).map(([key, value]) => `${key}=${value}`).join(' ')}`,
				'Subsystem sftp internal-sftp',
				'',
			].join('\n'),
		);
		const hostKey = readFileSync(`${key}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
		const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${key}.pub`], {encoding: 'utf8'}).split(/\s+/)[1]!;
		const start = async () => {
			const child = spawn(sshd, ['-D', '-e', '-f', config], {stdio: ['ignore', 'ignore', 'pipe']});
			let log = '';
			child.stderr!.on('data', chunk => {
				log = (log + String(chunk)).slice(-4000);
			});
			this.sshds.set(address, child);
			await waitFor(async () => canConnect({host: address, port}), 10_000, () => `sshd on ${address}:${port} did not listen: ${log}`);
		};

		const host: SshHost = {
			address,
			port,
			hostKey,
			fingerprint,
			running: () => this.sshds.has(address),
			start,
			stop: async () => {
				const child = this.sshds.get(address);
				this.sshds.delete(address);
				if (child) {
					await stopProcess(child, 5000);
				}
			},
		};
		this.hosts.set(address, host);
		await start();
	}
}

function uid(user: string): number {
	return Number(execFileSync('id', ['-u', user], {encoding: 'utf8'}).trim());
}

function gid(user: string): number {
	return Number(execFileSync('id', ['-g', user], {encoding: 'utf8'}).trim());
}

async function canConnect(target: string | {host: string; port: number}): Promise<boolean> {
	return new Promise(resolve => {
		const socket = typeof target === 'string' ? connect(target) : connect(target.port, target.host);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

async function waitFor(check: () => Promise<boolean>, ms: number, why: () => string): Promise<void> {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		if (await check()) {
			return;
		}

		await new Promise(resolve => setTimeout(resolve, 100));
	}

	throw new Error(why());
}

async function stopProcess(child: ChildProcess, graceMs: number): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) {
		return;
	}

	const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}
