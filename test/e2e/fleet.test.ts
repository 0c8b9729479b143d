/**
 * The fleet for real: two hosts behind two sshd on loopback (test/helpers/ssh-rig.ts),
 * each with its own engine: vt-a (127.0.0.2) reaches the rig's second dockerd, vt-b
 * (127.0.0.3) the main engine (its sshd sets DOCKER_HOST to the main socket; the rig's
 * throwaway user joins the docker group for it). `list --json` gives each node its host;
 * the TUI shows both hosts' nodes with HOST; vt-a's sshd killed (and its sessions ended,
 * as a dropped network does) -> its rows say unreachable within 5 s while a node on vt-b
 * still shows its log and stops; vt-a's sshd back -> recovered by itself.
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {dockerRequired, dockerSkipReason, fixtureImage} from '../helpers/docker.js';
import {launchTui, type Tui} from '../helpers/pty.js';
import {focus, focusedLine} from '../helpers/tui-form.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';
import {SshRig, sshRigSkipReason, type SshHost} from '../helpers/ssh-rig.js';

const skipReason = dockerSkipReason ?? sshRigSkipReason();
if (skipReason && dockerRequired) {
	throw new Error(`VNODE_REQUIRE_DOCKER=1 but ${skipReason}`);
}

type Listing = {nodes: Array<{name: string; host: string | null; status: string; container: {name: string} | null}>; hosts?: Array<{name: string; state: string}>};

/** A node container that prints a line every 0.2 s and stops at once on SIGTERM; no network. */
const loggerArgs = (name: string) => ['run', '-d', '--rm', '--network', 'none', '--name', `vantage6-${name}-user`, '--label', 'vantage6-type=node', '--label', `name=${name}`, '--label', 'system=False', fixtureImage, 'sh', '-c', 'trap "exit 0" TERM; i=0; while true; do i=$((i+1)); echo fleet line $i; sleep 0.2; done'];

describe.skipIf(skipReason !== undefined)(skipReason ? `the fleet over SSH [skipped: ${skipReason}]` : 'the fleet over SSH', () => {
	const rig = new SshRig();
	const sandbox = new Sandbox({SSH_AUTH_SOCK: ''});
	const home = join(sandbox.root, 'home');
	const onA = uniqueNodeName('fla');
	const onB = uniqueNodeName('flb');
	/** A node with a config on vt-b (written there over SFTP by `new`), started and stopped from the TUI. */
	const configured = uniqueNodeName('flc');
	let hostA: SshHost;
	let hostB: SshHost;
	let flag: string;

	/** The sshd sessions of clients connected to this host (found by the listening port): ended as a dropped network ends them. */
	const endSessions = (host: SshHost) => {
		const lines = execFileSync('ss', ['-Htnp', 'state', 'established', `( sport = :${host.port} )`], {encoding: 'utf8'});
		for (const pid of new Set([...lines.matchAll(/pid=(\d+)/g)].map(match => Number(match[1])))) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// Gone already.
			}
		}
	};

	beforeAll(async () => {
		await rig.start(['127.0.0.2', {address: '127.0.0.3', env: {DOCKER_HOST: 'unix:///var/run/docker.sock'}}]);
		execFileSync('usermod', ['-aG', 'docker', rig.user]);
		hostA = rig.hosts.get('127.0.0.2')!;
		hostB = rig.hosts.get('127.0.0.3')!;
		rig.writeClient(home);
		const a = `ssh://${rig.user}@127.0.0.2:${hostA.port}`;
		const b = `ssh://${rig.user}@127.0.0.3:${hostB.port}`;
		flag = `${a},${b}`;
		mkdirSync(join(home, '.config', 'vnode-tui'), {recursive: true});
		writeFileSync(join(home, '.config', 'vnode-tui', 'hosts.yaml'), `hosts:\n  - {name: vt-a, engine: "${a}"}\n  - {name: vt-b, engine: "${b}"}\n`);
		rig.docker(loggerArgs(onA));
		execFileSync('docker', loggerArgs(onB), {stdio: 'ignore'});
		const keyFile = join(sandbox.root, 'api-key.txt');
		writeFileSync(keyFile, 'fleet-api-key-0123456789\n', {mode: 0o600});
		const created = await sandbox.run(['new', configured, '--api-key-file', keyFile, '--server-url', 'https://server.example.org/', '--image', fixtureImage], {env: {...sandbox.env, DOCKER_HOST: b}, timeoutMs: 60_000});
		expect(created.stderr).toBe('');
		expect(created.code).toBe(0);
	}, 120_000);

	afterAll(async () => {
		for (const container of [`vantage6-${onB}-user`, `vantage6-${configured}-user`]) {
			try {
				execFileSync('docker', ['rm', '-f', container], {stdio: 'ignore'});
			} catch {
				// Stopped (and removed) by the test.
			}
		}

		await rig.stop();
		sandbox.cleanup();
	}, 60_000);

	const list = async (args: string[]) => {
		const result = await sandbox.run(['list', '--json', ...args], {timeoutMs: 30_000});
		return {...result, json: JSON.parse(result.stdout) as Listing};
	};

	it('list --json over the hosts file: each node with its own host, each engine\'s containers on its host only', async () => {
		const {json, stderr} = await list([]);
		expect(stderr).toBe('');
		expect(json.hosts?.map(host => [host.name, host.state])).toEqual([
			['vt-a', 'connected'],
			['vt-b', 'connected'],
		]);
		const named = (name: string) => json.nodes.filter(node => node.name === name).map(node => [node.host, node.status]);
		expect(named(onA)).toEqual([['vt-a', 'running']]);
		expect(named(onB)).toEqual([['vt-b', 'running']]);
	}, 60_000);

	it('list --json --hosts with two ssh:// addresses names each host by its address', async () => {
		const {json, stderr} = await list(['--hosts', flag]);
		expect(stderr).toBe('');
		expect(json.nodes.find(node => node.name === onA)?.host).toBe('127.0.0.2');
		expect(json.nodes.find(node => node.name === onB)?.host).toBe('127.0.0.3');
	}, 60_000);

	it('the TUI shows both hosts\' nodes with HOST; vt-a down -> unreachable within 5 s while on vt-b a node logs and stops and a node with its config there starts and stops; vt-a back by itself', async () => {
		const tui = launchTui({env: sandbox.env, cols: 120, rows: 30});
		const row = (screen: string, host: string, name: string) => screen.split('\n').find(line => new RegExp(`^[▸ ] ${host} +${name} `).test(line)) ?? '';
		try {
			const both = await tui.waitFor(screen => row(screen, 'vt-a', onA).includes('running') && row(screen, 'vt-b', onB).includes('running'), {timeout: 30_000});
			expect(both).toMatch(/ HOST +NAME +SCOPE +STATUS/);
			expect(both).toMatch(/● vt-a \d+\/\d+ running · ● vt-b \d+\/\d+ running/);

			await hostA.stop();
			endSessions(hostA);
			const started = Date.now();
			const down = await tui.waitFor(screen => row(screen, 'vt-a', onA).includes('unreachable'), {timeout: 5000});
			expect(Date.now() - started).toBeLessThan(5000);
			expect(down).toMatch(/✗ vt-a (unreachable|reconnecting) \(/);

			// vt-b still works: its node's log, then a stop.
			tui.press('/');
			tui.press(onB);
			tui.press('\r');
			await tui.waitFor(screen => row(screen, 'vt-b', onB).startsWith('▸'));
			tui.press('l');
			await tui.waitFor(/fleet line \d+/, {timeout: 15_000});
			tui.press('x');
			await tui.waitFor(`Stop ${onB} (user)?`);
			tui.press('y');
			// A container without config leaves the table once it is gone.
			await tui.waitFor(screen => row(screen, 'vt-b', onB) === '' && screen.includes(`Stopped ${onB}`), {timeout: 30_000});
			expect(execFileSync('docker', ['ps', '-aq', '--filter', `name=^vantage6-${onB}-user$`], {encoding: 'utf8'}).trim()).toBe('');

			// A node whose config is on vt-b (read there over SFTP) starts and stops from the TUI while vt-a is down.
			await clearFilter(tui);
			tui.press('/');
			tui.press(configured);
			tui.press('\r');
			// Both rig hosts are one user's home, so vt-a (down, greyed) lists the config too, first.
			await tui.waitFor(screen => row(screen, 'vt-a', configured).startsWith('▸') && row(screen, 'vt-b', configured) !== '');
			tui.press('j');
			await tui.waitFor(screen => row(screen, 'vt-b', configured).startsWith('▸'));
			tui.press('s');
			await tui.waitFor(screen => row(screen, 'vt-b', configured).includes('running'), {timeout: 30_000});
			expect(execFileSync('docker', ['inspect', '-f', '{{.State.Running}}', `vantage6-${configured}-user`], {encoding: 'utf8'}).trim()).toBe('true');
			tui.press('x');
			await tui.waitFor(`Stop ${configured} (user)?`);
			tui.press('y');
			await tui.waitFor(screen => row(screen, 'vt-b', configured).includes('not created') && screen.includes(`Stopped ${configured}`), {timeout: 30_000});
			expect(execFileSync('docker', ['ps', '-aq', '--filter', `name=^vantage6-${configured}-user$`], {encoding: 'utf8'}).trim()).toBe('');

			// vt-a back: recovered by itself.
			tui.press('\u001B');
			await hostA.start();
			await tui.waitFor(screen => row(screen, 'vt-a', onA).includes('running') && !row(screen, 'vt-a', onA).includes('unreachable'), {timeout: 20_000});
			await tui.waitFor(/● vt-a \d+\/\d+ running/);
		} finally {
			tui.kill('SIGKILL');
			await tui.exited;
		}
	}, 120_000);
	it('on each host from one TUI: a node created in the form on that host, started on its engine, spec check clean, its log lines, stopped', async () => {
		const tui = launchTui({env: sandbox.env, cols: 120, rows: 40});
		const row = (screen: string, host: string, name: string) => screen.split('\n').find(line => new RegExp(`^[▸ ] ${host} +${name} `).test(line)) ?? '';
		/** Both rig hosts are one user's home, so a config is listed under both: the filter leaves vt-a's row, then vt-b's. */
		const select = async (host: string, name: string) => {
			await clearFilter(tui);
			tui.press('/');
			tui.press(name);
			tui.press('\r');
			await tui.waitFor(screen => row(screen, host, name) !== '');
			if (!row(tui.screen(), host, name).startsWith('▸')) {
				tui.press('j');
			}

			await tui.waitFor(screen => row(screen, host, name).startsWith('▸'));
		};

		const type = async (text: string) => {
			tui.press('\r');
			await tui.waitFor(screen => focusedLine(screen).includes('█'));
			tui.press('\u0015');
			tui.press(`${text}\r`);
			await tui.waitFor(screen => !focusedLine(screen).includes('█'));
		};

		const create = async (name: string) => {
			tui.press('n');
			await tui.waitFor('New node config');
			await type(name);
			await focus(tui, /API key/);
			await type('fleet-e2e-api-key-42');
			await focus(tui, /Node image/);
			await type(fixtureImage);
			await focus(tui, /\[ Create \]/);
			tui.press('\r');
			await tui.waitFor(screen => !screen.includes('New node config'), {timeout: 20_000});
		};

		const lifeOn = async (host: string, name: string, running: () => string) => {
			await select(host, name);
			tui.press('s');
			await tui.waitFor(screen => row(screen, host, name).includes('● running'), {timeout: 30_000});
			expect(running()).toBe('true');
			tui.press('i');
			await tui.waitFor(/Matches v6 node start on all \d+ fields/, {timeout: 15_000});
			tui.press('l');
			// The node's own lines, under its name (the first ones may have scrolled away by then).
			await tui.waitFor(screen => screen.includes(`Log ${name} (user)`) && new RegExp(`Starting node ${name} \\(fixture|heartbeat seq=\\d+`).test(screen), {timeout: 15_000});
			tui.press('x');
			await tui.waitFor(`Stop ${name} (user)?`);
			tui.press('y');
			await tui.waitFor(screen => row(screen, host, name).includes('not created') && screen.includes(`Stopped ${name}`), {timeout: 30_000});
		};

		// A name of its own for each attempt: a retry must not find the first attempt's configs.
		const onEachA = uniqueNodeName('fea');
		const onEachB = uniqueNodeName('feb');
		try {
			await tui.waitFor(screen => row(screen, 'vt-a', onA).includes('running') && screen.includes('2 hosts · 2 connected'), {timeout: 30_000});
			await select('vt-a', onA);
			await create(onEachA);
			await select('vt-b', configured);
			await create(onEachB);
			// Each written over its host's SFTP, in the SSH user's home there.
			const files = execFileSync('ls', [join(rig.remoteHome, '.config', 'vantage6', 'node')], {encoding: 'utf8'});
			expect(files).toContain(`${onEachA}.yaml`);
			expect(files).toContain(`${onEachB}.yaml`);

			await lifeOn('vt-a', onEachA, () => rig.docker(['inspect', '--format', '{{.State.Running}}', `vantage6-${onEachA}-user`]).trim());
			await lifeOn('vt-b', onEachB, () => execFileSync('docker', ['inspect', '--format', '{{.State.Running}}', `vantage6-${onEachB}-user`], {encoding: 'utf8'}).trim());
			// Each container was on its own host's engine only.
			expect(execFileSync('docker', ['ps', '-aq', '--filter', `name=^vantage6-${onEachA}-user$`], {encoding: 'utf8'}).trim()).toBe('');
		} finally {
			tui.kill('SIGKILL');
			await tui.exited;
		}
	}, 180_000);
});

/**
 * Esc until the filter is cleared: the first one may only take the focus back from the log pane (as it
 * does for a user), when the log's node left the table a moment before.
 */
async function clearFilter(tui: Tui): Promise<void> {
	for (let presses = 0; presses === 0 || (presses < 3 && tui.screen().includes('(Esc clears)')); presses++) {
		tui.press('\u001B');
		// eslint-disable-next-line no-await-in-loop
		await tui.waitFor(screen => !screen.includes('(Esc clears)'), {timeout: 2000}).catch(() => undefined);
	}

	await tui.waitFor(screen => !screen.includes('(Esc clears)'));
}
