/**
 * `npm run bench`: prints the figures beside their budgets and writes them to
 * bench/results/latest.json. `--short` (what CI runs) uses short windows: it
 * proves the benchmark works and never fails on a figure. `--soak` adds a
 * 10-minute run at 100 lines/s for memory (`--soak=N`: N minutes; bench/soak-bench.mjs). `--scale` (not run by CI) adds
 * `list` and `list --json` with 300 configs and 300 node containers (150 running), and the UI's first
 * paint and idle CPU over them.
 * Budgets are issue 12's.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {listBench} from './list-bench.mjs';
import {soakBench} from './soak-bench.mjs';
import {switchBench} from './switch-bench.mjs';
import {nodeLines} from './node-lines.mjs';
import {runsBench} from './runs-bench.mjs';
import {firstPaintByNode, tuiBench} from './tui-bench.mjs';
import {statsBench} from './stats-bench.mjs';
import {fleetBench} from './fleet-bench.mjs';

const short = process.argv.includes('--short');
const soakFlag = process.argv.find(arg => arg === '--soak' || arg.startsWith('--soak='));
const soakMinutes = soakFlag ? Number(soakFlag.split('=')[1] ?? 10) : 0;
const scale = process.argv.includes('--scale');
const cli = fileURLToPath(new URL('../dist/vnode-tui.js', import.meta.url));
const results = {date: new Date().toISOString(), short, terminal: '120x40'};

results.errors = {};
/** One part of the bench; a part that fails (an engine too slow on a loaded machine) is reported, the others still run. */
async function part(name, run) {
	try {
		results[name] = await run();
	} catch (error) {
		results.errors[name] = (error instanceof Error ? error.message : String(error)).split('\n')[0];
	}
}

await part('tui', () => tuiBench({cli, short}));
// First paint again on each Node line present (Node 22 and 24 where installed: bench/node-lines.mjs).
await part('firstPaintByNode', () => firstPaintByNode({cli, runs: short ? 2 : 5, nodes: nodeLines()}));
await part('switch', () => switchBench({cli, switches: short ? 4 : 6}));
await part('runs', () => runsBench({cli, runs: short ? 2 : 5, presses: short ? 6 : 20}));
await part('stats', () => statsBench({cli, short}));
await part('list', () => listBench({cli, count: short ? 5 : 50, runs: short ? 3 : 7}));
await part('fleet', () => fleetBench({cli, runs: short ? 2 : 5, windowMs: short ? 4000 : 10_000}));
if (soakMinutes > 0) {
	await part('soak', () => soakBench({cli, minutes: soakMinutes}));
}

if (scale) {
	await part('listScale', () => listBench({cli, count: 300, runs: 5, half: true, tuiRuns: 3}));
}

const t = results.tui;
const within = (value, budget) => (value <= budget ? 'ok' : 'OVER');
const {loadavg} = await import('node:os');
const rows = [['figure', 'vnode-tui', 'budget', '', 'docker logs -f (floor)']];
if (t) {
	rows.push(
		['first paint: launch to node table (median)', `${t.firstPaint.medianMs} ms`, '≤ 300 ms', within(t.firstPaint.medianMs, 300), ''],
		['first paint, the first start after install (no code cache yet)', `${t.firstPaintFirstStart.medianMs} ms`, '', '', ''],
		// A running node's CPU and memory are real data: their redraws are counted apart; anything else written is over.
		['idle: bytes written per second, live figures aside', `${t.idle.otherBytesPerSecond} B/s`, '0 B/s', within(t.idle.otherBytesPerSecond, 0), ''],
		['idle: of which CPU/MEM figures that moved', `${t.idle.figureBytesPerSecond} B/s (${t.idle.figureRedraws} redraws; all: ${t.idle.bytesPerSecond} B/s)`, '', '', ''],
		['idle: CPU', `${t.idle.cpuPercent} %`, '< 1 %', within(t.idle.cpuPercent, 1), ''],
		['100 lines/s: bytes per second', `${(t.stream100.bytesPerSecond / 1024).toFixed(1)} KB/s`, '≤ 35 KB/s', within(t.stream100.bytesPerSecond, 35 * 1024), `${(t.floor100.bytesPerSecond / 1024).toFixed(1)} KB/s`],
		['100 lines/s: CPU', `${t.stream100.cpuPercent} %`, '≤ 13 %', within(t.stream100.cpuPercent, 13), `${t.floor100.cpuPercent} %`],
		['100 lines/s: RSS (peak)', `${t.stream100.rssMb} MB (${t.stream100.peakRssMb})`, '≤ 150 MB', within(t.stream100.peakRssMb, 150), `${t.floor100.rssMb} MB`],
		['1000 lines/s: bytes per second', `${(t.stream1000.bytesPerSecond / 1024).toFixed(1)} KB/s`, '≤ 35 KB/s', within(t.stream1000.bytesPerSecond, 35 * 1024), `${(t.floor1000.bytesPerSecond / 1024).toFixed(1)} KB/s`],
		['1000 lines/s: CPU', `${t.stream1000.cpuPercent} %`, '≤ 20 %', within(t.stream1000.cpuPercent, 20), `${t.floor1000.cpuPercent} %`],
		['1000 lines/s: RSS (peak)', `${t.stream1000.rssMb} MB (${t.stream1000.peakRssMb})`, '≤ 150 MB', within(t.stream1000.peakRssMb, 150), `${t.floor1000.rssMb} MB`],
		['1000 lines/s: lines kept / gaps', `${t.stream1000.linesKept} / ${t.stream1000.gapsInKept}`, 'cap 10000, 0 gaps', t.stream1000.gapsInKept === 0 ? 'ok' : 'OVER', ''],
		['lines/s measured on screen (100 / 1000)', `${t.stream100.linesPerSecond} / ${t.stream1000.linesPerSecond}`, '', '', ''],
		['key j/k to screen change (median, max)', `${t.keyLatency.medianMs} ms (${t.keyLatency.maxMs})`, '≤ 60 ms', within(t.keyLatency.medianMs, 60), ''],
	);
}

if (results.switch) {
	rows.push(['key j/k to the log pane showing the other node (median)', `${results.switch.medianMs} ms`, '≤ 50 ms', within(results.switch.medianMs, 50), '']);
}

if (results.runs) {
	rows.push(
		[`first paint, 1 node + ${results.runs.runs} runs, 160x40 (median)`, `${results.runs.firstPaint.medianMs} ms`, '≤ 300 ms', within(results.runs.firstPaint.medianMs, 300), `no runs: ${results.runs.firstPaintNoRuns.medianMs} ms`],
		[`key j/k in the Runs tab, ${results.runs.runs} runs (median, max)`, `${results.runs.keyLatency.medianMs} ms (${results.runs.keyLatency.maxMs})`, '≤ 60 ms', within(results.runs.keyLatency.medianMs, 60), ''],
	);
}

if (results.stats) {
	rows.push(
		[`stats of ${results.stats.containers} containers shown: CPU more than without`, `${results.stats.extraCpuPercent} % (${results.stats.shown.cpuPercent} vs ${results.stats.without.cpuPercent})`, '≤ 5 %', within(results.stats.extraCpuPercent, 5), ''],
		[`stats of ${results.stats.containers} containers shown: bytes/s more than without`, `${(results.stats.extraBytesPerSecond / 1024).toFixed(2)} KB/s (${results.stats.shown.bytesPerSecond} vs ${results.stats.without.bytesPerSecond} B/s)`, '≤ 3 KB/s', within(results.stats.extraBytesPerSecond, 3 * 1024), ''],
	);
}

if (results.list) {
	rows.push([`list, ${results.list.configs} configs + ${results.list.containers} containers (median)`, `${results.list.listMedianMs} ms`, '', '', `docker ps -a ${results.list.dockerPsMedianMs} ms`]);
}

if (results.fleet?.skipped) {
	rows.push(['fleet of 2 remote hosts over SSH', `skipped: ${results.fleet.skipped}`, '', '', '']);
} else if (results.fleet) {
	const f = results.fleet;
	rows.push(
		['fleet, 2 remote hosts over SSH: first paint (median)', `${f.firstPaintMedianMs} ms`, '', '', ''],
		['fleet, 2 remote hosts over SSH: list --json (median)', `${f.listJsonMedianMs} ms`, '', '', ''],
		['fleet: SSH bytes/s in, a remote log at ~100 lines/s', `${(f.sshBytesPerSecondAt100Lines / 1024).toFixed(1)} KB/s`, '', '', ''],
	);
}

if (results.listScale) {
	const l = results.listScale;
	rows.push(
		[`list --json, ${l.configs} configs + ${l.containers} containers (median)`, `${l.listJsonMedianMs} ms`, `≤ 2x docker ps (${2 * l.dockerPsMedianMs} ms)`, within(l.listJsonMedianMs, 2 * l.dockerPsMedianMs), `docker ps -a ${l.dockerPsMedianMs} ms`],
		[`first paint, ${l.configs} configs + ${l.containers} containers (median)`, `${l.firstPaintMedianMs} ms`, '≤ 600 ms', within(l.firstPaintMedianMs, 600), ''],
		[`idle CPU, ${l.configs} configs + ${l.containers} containers`, `${l.idleCpuPercent} %`, '< 1 %', within(l.idleCpuPercent, 1), ''],
	);
}

for (const [version, {medianMs}] of Object.entries(results.firstPaintByNode ?? {})) {
	rows.push([`first paint on Node ${version} (median)`, `${medianMs} ms`, '≤ 300 ms', within(medianMs, 300), '']);
}

for (const [name, message] of Object.entries(results.errors)) {
	rows.push([`${name}: failed`, message.slice(0, 100), '', 'FAILED', '']);
}

// Wall-clock figures move with the load of the machine: printed with them.
results.loadAverage = loadavg().map(value => Math.round(value * 10) / 10);
rows.push(['load average at the end (1, 5, 15 min)', results.loadAverage.join(' '), '', '', '']);

if (results.soak) {
	const s = results.soak;
	rows.push([`soak ${s.minutes} min at 100 lines/s: RSS at 30 s → end (peak)`, `${s.rssAt30sMb} → ${s.rssAtEndMb} MB (${s.peakRssMb})`, '≤ 100 MB', within(s.rssAtEndMb, 100), '']);
	rows.push(['soak: RSS spread over the second half', `${s.secondHalfSpreadMb} MB`, '≤ 5 MB (flat)', within(s.secondHalfSpreadMb, 5), '']);
	rows.push(['soak: CPU over the whole run', `${s.cpuPercent} %`, '≤ 13 %', within(s.cpuPercent, 13), '']);
}

const widths = rows[0].map((_, column) => Math.max(...rows.map(row => row[column].length)));
const text = rows.map(row => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
process.stdout.write(`${short ? 'Short run (CI): figures prove the benchmark works; they are not judged.\n' : ''}${text}\n`);
const dir = fileURLToPath(new URL('results/', import.meta.url));
mkdirSync(dir, {recursive: true});
writeFileSync(`${dir}latest.json`, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`JSON: ${dir}latest.json\n`);
