/**
 * The built vnode-tui in a pty at 120x40 against the real engine and the
 * fixture image: first paint, idle bytes, bytes/CPU/RSS while a node logs 100
 * and 1000 lines/s, key latency, lines kept, and `docker logs -f` as the floor.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {delimiter, dirname, join} from 'node:path';
import {cpuSeconds, launch, median, rssMb, sleep} from './pty-session.mjs';

const cols = 120;
const rows = 40;

function nodeYaml(rate) {
	return `api_key: bench-key
server_url: http://localhost
port: 7601
api_path: /api
task_dir: /tmp/vtbench
databases: []
logging: {level: INFO, use_console: true, backup_count: 5, max_size: 1024, format: "%(message)s", datefmt: "%H:%M:%S"}
encryption: {enabled: false}
images: {node: vnode-fixture:latest}
fixture_lines_per_second: ${rate}
`;
}

export class Sandbox {
	constructor(cli) {
		this.cli = cli;
		this.root = mkdtempSync(join(tmpdir(), 'vnode-bench-'));
		this.env = {
			...process.env,
			HOME: join(this.root, 'home'),
			XDG_CONFIG_HOME: join(this.root, 'home', '.config'),
			XDG_DATA_HOME: join(this.root, 'home', '.local', 'share'),
			XDG_CACHE_HOME: join(this.root, 'home', '.cache'),
			XDG_CONFIG_DIRS: join(this.root, 'etc'),
			XDG_DATA_DIRS: join(this.root, 'share'),
			VNODE_VERIFY_SECONDS: '1',
			VNODE_LOG_DIR: join(this.root, 'saved'),
		};
		this.configDir = join(this.root, 'home', '.config', 'vantage6', 'node');
		mkdirSync(this.configDir, {recursive: true});
		this.names = [];
	}

	node(name, rate) {
		writeFileSync(join(this.configDir, `${name}.yaml`), nodeYaml(rate), {mode: 0o600});
		if (!this.names.includes(name)) {
			this.names.push(name);
		}
	}

	cliRun(...args) {
		const result = spawnSync(process.execPath, [this.cli, ...args], {env: this.env, encoding: 'utf8'});
		if (result.status !== 0) {
			throw new Error(`vnode-tui ${args.join(' ')}: ${result.stderr}`);
		}
	}

	/** Runs the built file itself, as the installed `vnode-tui` runs: its shebang sets the V8 flags. */
	tui(args = [], {node} = {}) {
		const env = node ? {...this.env, PATH: `${dirname(node)}${delimiter}${this.env.PATH ?? ''}`} : this.env;
		return launch(this.cli, args, {cols, rows, env});
	}

	savedFiles() {
		try {
			return readdirSync(join(this.root, 'saved')).map(file => join(this.root, 'saved', file));
		} catch {
			return [];
		}
	}

	cleanup() {
		for (const name of this.names) {
			spawnSync('docker', ['rm', '-f', `vantage6-${name}-user`], {stdio: 'ignore'});
			spawnSync('docker', ['volume', 'rm', ...['vol', 'vpn-vol', 'ssh-vol', 'squid-vol'].map(suffix => `vantage6-${name}-user-${suffix}`)], {stdio: 'ignore'});
		}

		rmSync(this.root, {recursive: true, force: true});
	}
}

const selectedRow = name => screen => screen.split('\n').some(line => line.startsWith(`▸ ${name} `) && line.includes('running'));

export async function firstPaint(sandbox, name, runs, node) {
	const times = [];
	for (let run = 0; run < runs; run++) {
		const tui = sandbox.tui([], {node});
		times.push(await tui.when(selectedRow(name)));
		tui.kill();
		await sleep(300);
	}

	return {medianMs: Math.round(median(times)), runsMs: times.map(Math.round)};
}

export async function idle(sandbox, name, seconds) {
	const tui = sandbox.tui();
	await tui.when(selectedRow(name));
	// Idle is the steady screen: from 120 columns the row's CPU is filled once a second sample came.
	await tui.when(screen => screen.split('\n').some(line => line.startsWith(`▸ ${name} `) && /\d\.\d%/.test(line)), {timeout: 10_000}).catch(() => undefined);
	await sleep(1500);
	const changes = watchChanges(tui, seconds);
	const {bytesPerSecond, cpuPercent, rssMb: rss} = await measureWindow(tui, seconds);
	const {figureBytes, otherBytes, figureRedraws} = changes.stop();
	tui.kill();
	await sleep(300);
	const perSecond = bytes => Math.round(bytes / seconds);
	return {bytesPerSecond, otherBytesPerSecond: perSecond(otherBytes), figureBytesPerSecond: perSecond(figureBytes), figureRedraws, cpuPercent, rssMb: rss};
}

/** A row with its live figures (CPU %, memory used/limit) blanked: what is left must not change on an idle screen. */
const withoutFigures = line => line.replace(/ \d+(?:\.\d+)?% /g, ' #% ').replace(/ \d+(?:\.\d+)?[KMGT]?i?B?\/\S+/g, ' #/#');

/**
 * Splits what an idle screen writes into redraws of live figures that moved (a running container's CPU or
 * memory: real data, which a busy host makes move) and everything else (a write that changed nothing, or
 * changed other text): the idle budget is 0 B/s of the latter, so a real idle write is still caught.
 */
function watchChanges(tui, seconds) {
	let previous = tui.screen();
	let bytes = tui.bytes;
	const totals = {figureBytes: 0, otherBytes: 0, figureRedraws: 0};
	let watching = true;
	tui.when(screen => {
		if (!watching) {
			return true;
		}

		const written = tui.bytes - bytes;
		bytes = tui.bytes;
		const before = previous.split('\n');
		const after = screen.split('\n');
		const changed = after.filter((line, row) => line !== before[row]);
		previous = screen;
		if (changed.length > 0 && after.every((line, row) => withoutFigures(line) === withoutFigures(before[row] ?? ''))) {
			totals.figureBytes += written;
			totals.figureRedraws++;
		} else {
			totals.otherBytes += written;
		}

		return false;
	}, {timeout: (seconds + 5) * 1000}).catch(() => undefined);
	return {
		stop() {
			watching = false;
			// The watcher ends at the next write, or 5 s after the window at the latest.
			return {...totals};
		},
	};
}

async function keyLatency(sandbox, presses) {
	const tui = sandbox.tui();
	await tui.when(screen => screen.includes('▸ '));
	await sleep(1000);
	const times = [];
	for (let press = 0; press < presses; press++) {
		const before = tui.screen().split('\n').findIndex(line => line.startsWith('▸ '));
		const key = press % 2 === 0 ? 'j' : 'k';
		const sent = tui.press(key);
		times.push(await tui.when(screen => screen.split('\n').findIndex(line => line.startsWith('▸ ')) !== before, {from: sent, timeout: 5000}));
		await sleep(150);
	}

	tui.kill();
	await sleep(300);
	return {medianMs: round1(median(times)), maxMs: round1(Math.max(...times))};
}

export async function streaming(sandbox, name, seconds, capacity) {
	const tui = sandbox.tui(['--log-lines', String(capacity)]);
	await tui.when(selectedRow(name));
	tui.press('l');
	await tui.when(screen => /heartbeat seq=\d+/.test(screen));
	await sleep(1500);
	const seq0 = lastSeq(tui.screen());
	const {from, to, ...window} = await measureWindow(tui, seconds);
	const seq1 = lastSeq(tui.screen());
	const result = {linesPerSecond: Math.round(((seq1 - seq0) / (to - from)) * 1000), ...window};

	// Save what the pane holds and check it: the newest `capacity` lines, none missing in between.
	const before = new Set(sandbox.savedFiles());
	tui.press('\t');
	await sleep(100);
	tui.press('S');
	await tui.when(screen => screen.includes('Saved '), {timeout: 10_000});
	const file = sandbox.savedFiles().find(path => !before.has(path));
	const seqs = readFileSync(file, 'utf8').split('\n').flatMap(line => {
		const match = /heartbeat seq=(\d+)/.exec(line);
		return match ? [Number(match[1])] : [];
	});
	const gaps = seqs.slice(1).filter((seq, index) => seq !== seqs[index] + 1).length;
	result.linesKept = seqs.length;
	result.gapsInKept = gaps;
	tui.kill();
	await sleep(300);
	return result;
}

async function dockerFloor(name, seconds) {
	const logs = launch('docker', ['logs', '-f', '--tail', '20', `vantage6-${name}-user`], {cols, rows});
	await sleep(1500);
	const {bytesPerSecond, cpuPercent, rssMb: rss} = await measureWindow(logs, seconds);
	logs.kill();
	await sleep(200);
	return {bytesPerSecond, cpuPercent, rssMb: rss};
}

/** Bytes written per second, CPU % and RSS (at the end and the peak) of a session over the next `seconds`. */
export async function measureWindow(session, seconds) {
	const from = performance.now();
	const cpu0 = cpuSeconds(session.pid);
	let peakRss = 0;
	const sampler = setInterval(() => {
		peakRss = Math.max(peakRss, rssMb(session.pid));
	}, 250);
	await sleep(seconds * 1000);
	clearInterval(sampler);
	const to = performance.now();
	const rss = rssMb(session.pid);
	return {
		from,
		to,
		bytesPerSecond: Math.round((session.bytesBetween(from, to) / (to - from)) * 1000),
		cpuPercent: round1(((cpuSeconds(session.pid) - cpu0) / ((to - from) / 1000)) * 100),
		rssMb: Math.round(rss),
		peakRssMb: Math.round(Math.max(peakRss, rss)),
	};
}

function lastSeq(screen) {
	const all = [...screen.matchAll(/heartbeat seq=(\d+)/g)].map(match => Number(match[1]));
	return all.length > 0 ? Math.max(...all) : 0;
}

function round1(value) {
	return Math.round(value * 10) / 10;
}

/** First paint on each Node line (`nodes`: [{version, bin}]), the same node running. */
export async function firstPaintByNode({cli, runs, nodes}) {
	const sandbox = new Sandbox(cli);
	const results = {};
	try {
		sandbox.node('vtbench1', 0);
		sandbox.node('vtbench2', 0);
		sandbox.cliRun('start', 'vtbench1');
		for (const {version, bin} of nodes) {
			// one launch first: it writes the code cache (~/.cache/vnode-tui), as any earlier run would
			await firstPaint(sandbox, 'vtbench1', 1, bin);
			results[version] = await firstPaint(sandbox, 'vtbench1', runs, bin);
		}

		sandbox.cliRun('stop', 'vtbench1');
	} finally {
		sandbox.cleanup();
	}

	return results;
}

export async function tuiBench({cli, short}) {
	const sandbox = new Sandbox(cli);
	const window = short ? 3 : 20;
	const results = {};
	try {
		sandbox.node('vtbench1', 0);
		sandbox.node('vtbench2', 0);
		sandbox.cliRun('start', 'vtbench1');
		// The first start after an install has no code cache yet (~/.cache/vnode-tui); it writes one for the next.
		results.firstPaintFirstStart = await firstPaint(sandbox, 'vtbench1', 1);
		results.firstPaint = await firstPaint(sandbox, 'vtbench1', short ? 2 : 5);
		results.idle = await idle(sandbox, 'vtbench1', short ? 3 : 10);
		results.keyLatency = await keyLatency(sandbox, short ? 6 : 20);
		sandbox.cliRun('stop', 'vtbench1');

		for (const rate of [100, 1000]) {
			sandbox.node('vtbench1', rate);
			sandbox.cliRun('start', 'vtbench1');
			results[`stream${rate}`] = await streaming(sandbox, 'vtbench1', window, 10_000);
			results[`floor${rate}`] = await dockerFloor('vtbench1', short ? 3 : 10);
			sandbox.cliRun('stop', 'vtbench1');
		}

	} finally {
		sandbox.cleanup();
	}

	return results;
}
