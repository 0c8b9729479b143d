/**
 * The fleet over SSH: two remote hosts from the SSH rig (test/helpers/ssh-rig.ts,
 * bundled here with esbuild): vt-a (sshd on 127.0.0.2, the rig's second dockerd)
 * and vt-b (sshd on 127.0.0.3, the main engine). Figures: first paint (launch to
 * both hosts' rows on screen), `list --json` wall time, and the bytes per second
 * that come over vt-a's SSH connection while the TUI shows the log of a node there
 * printing about 100 lines/s (from the kernel's TCP counters, `ss -ti`). Needs root,
 * sshd and dockerd; otherwise it says why it skipped.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {launch, median, sleep} from './pty-session.mjs';

/** The rig, bundled from its TypeScript source (the bench runs plain node); beside node_modules, which it imports from. */
async function loadRig() {
	const {build} = await import('esbuild');
	const outfile = fileURLToPath(new URL('../node_modules/.cache/vnode-bench/ssh-rig.mjs', import.meta.url));
	await build({entryPoints: [fileURLToPath(new URL('../test/helpers/ssh-rig.ts', import.meta.url))], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'silent'});
	return import(outfile);
}

/** Bytes received so far on this machine's client connections to `port` on `address`. */
function bytesFrom(address, port) {
	const text = execFileSync('ss', ['-Htin', 'state', 'established', `( dst ${address}:${port} )`], {encoding: 'utf8'});
	return [...text.matchAll(/bytes_received:(\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
}

/** Ends a TUI and waits until it has exited. */
async function ended(tui) {
	tui.kill();
	for (let waited = 0; !tui.exited && waited < 5000; waited += 50) {
		await sleep(50);
	}
}

export async function fleetBench({cli, runs = 5, windowMs = 10_000}) {
	if (process.getuid?.() !== 0) {
		return {skipped: 'the SSH rig needs root (useradd, sshd, a second dockerd)'};
	}

	const dir = mkdtempSync(join(tmpdir(), 'vnode-fleet-bench-'));
	const {SshRig, sshRigSkipReason} = await loadRig();
	const why = sshRigSkipReason();
	if (why) {
		rmSync(dir, {recursive: true, force: true});
		return {skipped: why};
	}

	const rig = new SshRig();
	const home = join(dir, 'home');
	const logger = `vtfleetbench${process.pid}`;
	try {
		await rig.start(['127.0.0.2', {address: '127.0.0.3', env: {DOCKER_HOST: 'unix:///var/run/docker.sock'}}]);
		execFileSync('usermod', ['-aG', 'docker', rig.user]);
		const a = rig.hosts.get('127.0.0.2');
		const b = rig.hosts.get('127.0.0.3');
		rig.writeClient(home);
		mkdirSync(join(home, '.config', 'vnode-tui'), {recursive: true});
		writeFileSync(join(home, '.config', 'vnode-tui', 'hosts.yaml'), `hosts:\n  - {name: vt-a, engine: "ssh://${rig.user}@127.0.0.2:${a.port}"}\n  - {name: vt-b, engine: "ssh://${rig.user}@127.0.0.3:${b.port}"}\n`);
		// About 100 lines a second: ten lines, then a tenth of a second.
		rig.docker(['run', '-d', '--rm', '--network', 'none', '--name', `vantage6-${logger}-user`, '--label', 'vantage6-type=node', '--label', `name=${logger}`, '--label', 'system=False', 'vnode-fixture:latest', 'sh', '-c', 'trap "exit 0" TERM; i=0; while true; do for j in 0 1 2 3 4 5 6 7 8 9; do i=$((i+1)); echo "bench line $i of the fleet"; done; sleep 0.1; done']);
		const env = {...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CONFIG_DIRS: join(dir, 'etc'), SSH_AUTH_SOCK: '', NO_COLOR: '1'};
		delete env.DOCKER_HOST;
		delete env.DOCKER_CONTEXT;

		const listMs = [];
		// A run that failed (an engine slower than its 5 s deadline on a loaded machine) is counted, not timed.
		const listFailures = [];
		for (let run = 0; run < runs; run++) {
			const start = process.hrtime.bigint();
			const result = spawnSync(process.execPath, [cli, 'list', '--json'], {env, encoding: 'utf8'});
			if (result.status === 0) {
				listMs.push(Math.round(Number(process.hrtime.bigint() - start) / 1e6));
			} else {
				listFailures.push(result.stderr.split('\n')[0].slice(0, 200));
			}
		}

		if (listMs.length === 0) {
			throw new Error(`list --json over the fleet failed every time: ${listFailures[0]}`);
		}

		const paintMs = [];
		const hostRow = host => new RegExp(`^[▸ ] ${host} `, 'm');
		for (let run = 0; run < Math.min(runs, 3); run++) {
			const tui = launch(process.execPath, [cli], {env});
			// Both hosts answered (vt-b, the main engine, may have no node container): the header says so, and vt-a's node is on screen.
			const at = await tui.when(screen => screen.includes('2 hosts · 2 connected') && hostRow('vt-a').test(screen), {timeout: 30_000});
			paintMs.push(Math.round(at));
			await ended(tui);
		}

		// The logging node's log on screen, then vt-a's SSH traffic over a window.
		const tui = launch(process.execPath, [cli], {env});
		await tui.when(screen => screen.includes(logger), {timeout: 30_000});
		tui.press(`/${logger}\r`);
		await sleep(300);
		tui.press('l');
		// Whether the screen showed the lines is kept with the figure (stderr warnings of the SSH transport can garble the screen).
		const logSeen = await tui.when(screen => /bench line \d+ of the fleet/.test(screen), {timeout: 15_000}).then(() => true, () => false);
		await sleep(2000);
		const before = bytesFrom('127.0.0.2', a.port);
		await sleep(windowMs);
		const after = bytesFrom('127.0.0.2', a.port);
		await ended(tui);
		return {
			hosts: 2,
			listJsonMedianMs: median(listMs),
			listJsonRunsMs: listMs,
			listJsonFailures: listFailures,
			firstPaintMedianMs: median(paintMs),
			firstPaintRunsMs: paintMs,
			logSeen,
			sshBytesPerSecondAt100Lines: Math.round(((after - before) * 1000) / windowMs),
		};
	} finally {
		try {
			rig.docker(['rm', '-f', `vantage6-${logger}-user`]);
		} catch {
			// Gone with the rig's engine.
		}

		await rig.stop();
		if (existsSync(dir)) {
			rmSync(dir, {recursive: true, force: true});
		}
	}
}
