/**
 * Time of `vnode-tui list` and `list --json` with N configs on disk and N node
 * containers (fixture image; all running, or every other one with `half`),
 * median of R runs; `docker ps -a` as the floor, measured in the same run.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {cpuSeconds, launch, sleep} from './pty-session.mjs';

const config = name => `api_key: bench-key
server_url: http://localhost
port: 7601
api_path: /api
task_dir: /tmp/${name}
databases: []
logging: {level: INFO, use_console: true, backup_count: 5, max_size: 1024, format: "%(message)s", datefmt: "%H:%M:%S"}
encryption: {enabled: false}
images: {node: vnode-fixture:latest}
`;

const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function time(command, args, env) {
	const start = process.hrtime.bigint();
	const result = spawnSync(command, args, {env, encoding: 'utf8'});
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
	}

	return {ms, stdout: result.stdout};
}

/** The UI over the same configs and containers: launch to the first row with its state (median), and idle CPU. */
async function tuiAtScale(cli, env, firstName, runs) {
	const paints = [];
	let idleCpuPercent;
	// One launch first: it writes the code cache, as any earlier run would.
	for (let run = -1; run < runs; run++) {
		const tui = launch(cli, [], {cols: 120, rows: 40, env});
		const ms = await tui.when(screen => screen.split('\n').some(line => line.startsWith(`▸ ${firstName} `) && line.includes('running')), {timeout: 20_000});
		if (run >= 0) {
			paints.push(ms);
		}

		if (run === runs - 1) {
			await sleep(3000);
			const cpu0 = cpuSeconds(tui.pid);
			const start = performance.now();
			await sleep(5000);
			idleCpuPercent = Math.round(((cpuSeconds(tui.pid) - cpu0) / ((performance.now() - start) / 1000)) * 1000) / 10;
		}

		tui.kill();
		await sleep(300);
	}

	return {firstPaintMedianMs: Math.round(median(paints)), idleCpuPercent};
}

export async function listBench({count = 50, runs = 7, cli, half = false, tuiRuns = 0}) {
	const root = mkdtempSync(join(tmpdir(), 'vnode-bench-'));
	const configDir = join(root, 'home', '.config', 'vantage6', 'node');
	mkdirSync(configDir, {recursive: true});
	const names = Array.from({length: count}, (_, index) => `vtbench${String(index).padStart(3, '0')}`);
	const env = {...process.env, HOME: join(root, 'home'), XDG_CONFIG_HOME: join(root, 'home', '.config'), XDG_CONFIG_DIRS: join(root, 'etc')};
	try {
		for (const name of names) {
			writeFileSync(join(configDir, `${name}.yaml`), config(name), {mode: 0o600});
			execFileSync('docker', [
				'create', '-t', '--network', 'none', '--name', `vantage6-${name}-user`,
				'--label', 'vantage6-type=node', '--label', 'system=False', '--label', `name=${name}`,
				'vnode-fixture:latest', 'sleep', '3600',
			], {stdio: 'ignore'});
		}

		const running = names.filter((_, index) => !half || index % 2 === 0).map(name => `vantage6-${name}-user`);
		for (let at = 0; at < running.length; at += 50) {
			execFileSync('docker', ['start', ...running.slice(at, at + 50)], {stdio: 'ignore'});
		}

		time(process.execPath, [cli, 'list'], env);
		const list = Array.from({length: runs}, () => time(process.execPath, [cli, 'list'], env));
		// Interleaved, so both see the same load.
		const ps = [];
		const json = [];
		for (let run = 0; run < runs; run++) {
			ps.push(time('docker', ['ps', '-a'], env));
			json.push(time(process.execPath, [cli, 'list', '--json'], env));
		}

		const shown = JSON.parse(json[0].stdout).nodes.filter(node => node.status === 'running').length;
		const tui = tuiRuns > 0 ? await tuiAtScale(cli, env, names[0], tuiRuns) : {};
		return {
			...tui,
			configs: count,
			containers: count,
			runningShown: shown,
			listMedianMs: Math.round(median(list.map(run => run.ms))),
			listJsonMedianMs: Math.round(median(json.map(run => run.ms))),
			dockerPsMedianMs: Math.round(median(ps.map(run => run.ms))),
			runs,
		};
	} finally {
		spawnSync('docker', ['rm', '-f', ...names.map(name => `vantage6-${name}-user`)], {stdio: 'ignore'});
		rmSync(root, {recursive: true, force: true});
	}
}
