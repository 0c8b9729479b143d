/**
 * Memory over a long run: the built vnode-tui in a pty follows a node logging
 * 100 lines/s for N minutes (10 by default, issue 12), RSS sampled every 5 s.
 * Judged: RSS at the end ≤ 100 MB, and flat: over the second half the highest
 * and lowest sample within 5 MB. Also the CPU over the whole run (a long window:
 * steadier than the bench's 20 s). `node bench/soak-bench.mjs [--minutes N] [--cli
 * another/build/vnode-tui.js]`
 * runs it alone (its own node name, so it can run beside `npm run bench`).
 */
import {fileURLToPath} from 'node:url';
import {cpuSeconds, rssMb, sleep} from './pty-session.mjs';
import {Sandbox} from './tui-bench.mjs';

export async function soakBench({cli, minutes, name = 'vtsoak1'}) {
	const sandbox = new Sandbox(cli);
	try {
		sandbox.node(name, 100);
		sandbox.cliRun('start', name);
		const tui = sandbox.tui();
		await tui.when(screen => screen.split('\n').some(line => line.startsWith(`▸ ${name} `) && line.includes('running')));
		tui.press('l');
		await tui.when(screen => /heartbeat seq=\d+/.test(screen));
		const samples = [];
		const start = performance.now();
		const cpu0 = cpuSeconds(tui.pid);
		while (performance.now() - start < minutes * 60_000) {
			await sleep(5000);
			tui.forget();
			samples.push({atSeconds: Math.round((performance.now() - start) / 1000), rssMb: Math.round(rssMb(tui.pid) * 10) / 10});
		}

		const cpuPercent = Math.round(((cpuSeconds(tui.pid) - cpu0) / ((performance.now() - start) / 1000)) * 1000) / 10;
		tui.kill();
		await sleep(300);
		sandbox.cliRun('stop', name);
		const secondHalf = samples.filter(sample => sample.atSeconds >= (minutes * 60) / 2).map(sample => sample.rssMb);
		const at30 = samples.find(sample => sample.atSeconds >= 30) ?? samples[0];
		return {
			minutes,
			cpuPercent,
			rssAt30sMb: at30.rssMb,
			rssAtEndMb: samples.at(-1).rssMb,
			peakRssMb: Math.max(...samples.map(sample => sample.rssMb)),
			secondHalfSpreadMb: Math.round((Math.max(...secondHalf) - Math.min(...secondHalf)) * 10) / 10,
			samples,
		};
	} finally {
		sandbox.cleanup();
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const at = process.argv.indexOf('--minutes');
	const minutes = at > 0 ? Number(process.argv[at + 1]) : 10;
	const cliAt = process.argv.indexOf('--cli');
	const cli = cliAt > 0 ? process.argv[cliAt + 1] : fileURLToPath(new URL('../dist/vnode-tui.js', import.meta.url));
	const result = await soakBench({cli, minutes});
	const {samples, ...figures} = result;
	process.stdout.write(`${JSON.stringify(figures)}\n${samples.map(sample => `${sample.atSeconds}s ${sample.rssMb}`).join('\n')}\n`);
}
