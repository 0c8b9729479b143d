/**
 * Live resource use: the TUI at 120x40 with 10 running node containers whose
 * CPU use changes from second to second, CPU and MEM columns shown (120
 * columns) against the same without them (119 columns, the nearest width that
 * has no stats columns and so opens no stats stream). Budget (issue 13):
 * at most 5 % of a core and 3 KB/s more than without.
 */
import {spawnSync} from 'node:child_process';
import {launch, sleep} from './pty-session.mjs';
import {measureWindow, Sandbox} from './tui-bench.mjs';

const rows = 40;
// Some work, then a pause: the CPU column changes every second, as on a real node.
const work = 'while :; do i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done; sleep 1; done';

export async function statsBench({cli, short}) {
	const sandbox = new Sandbox(cli);
	const names = Array.from({length: 10}, (_, index) => `vtbstats${index}p${process.pid}`);
	try {
		for (const name of names) {
			sandbox.names.push(name);
			const started = spawnSync('docker', ['run', '-d', '--name', `vantage6-${name}-user`, '--label', 'vantage6-type=node', '--label', 'system=False', '--label', `name=${name}`, '--memory', '32m', '--entrypoint', 'sh', 'vnode-fixture:latest', '-c', work], {encoding: 'utf8'});
			if (started.status !== 0) {
				throw new Error(`docker run: ${started.stderr}`);
			}
		}

		const seconds = short ? 4 : 20;
		const without = await measure(sandbox, names, 119, seconds);
		const shown = await measure(sandbox, names, 120, seconds);
		return {
			containers: names.length,
			seconds,
			without,
			shown,
			extraCpuPercent: Math.round((shown.cpuPercent - without.cpuPercent) * 10) / 10,
			extraBytesPerSecond: shown.bytesPerSecond - without.bytesPerSecond,
		};
	} finally {
		sandbox.cleanup();
	}
}

async function measure(sandbox, names, cols, seconds) {
	const tui = launch(sandbox.cli, [], {cols, rows, env: sandbox.env});
	try {
		await tui.when(screen => names.every(name => screen.includes(name)), {timeout: 20_000});
		if (cols >= 120) {
			// Every row has its CPU measured: the streams are all open and past their first sample.
			await tui.when(screen => screen.split('\n').filter(line => names.some(name => line.includes(name)) && /\s\d+\.\d%\s/.test(line)).length === names.length, {timeout: 30_000});
		}

		await sleep(2000);
		const {bytesPerSecond, cpuPercent, rssMb} = await measureWindow(tui, seconds);
		return {bytesPerSecond, cpuPercent, rssMb};
	} finally {
		tui.kill();
		await sleep(300);
	}
}
