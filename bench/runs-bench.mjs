/**
 * One running node with 50 algorithm runs beside it (containers named and
 * labelled as a vantage6 4.14 node names them: source/domain/node-world.ts),
 * at 160x40 so the table has its RUNS column: first paint (launch to the
 * node's row saying `50 runs`) and key latency in the Runs tab (j/k to the
 * frame whose cursor moved). The same node's first paint without runs is
 * measured just before, in the same conditions: on a loaded machine the
 * difference says more than either figure. `node bench/runs-bench.mjs` runs it alone.
 */
import {execFile, spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {launch, median, sleep} from './pty-session.mjs';
import {Sandbox} from './tui-bench.mjs';

const run = promisify(execFile);
const cols = 160;
const rows = 40;
export const runCount = 50;

/** The row of the cursor in the Runs tab. */
const cursorRow = screen => screen.split('\n').findIndex(line => /^▸ run +\d+ /.test(line));

async function makeRuns(name) {
	const ids = [];
	// A few at a time: 50 `docker create` calls at once would only queue on a 2-core machine.
	for (let first = 0; first < runCount; first += 8) {
		const batch = Array.from({length: Math.min(8, runCount - first)}, (_, index) => first + index + 1);
		ids.push(
			...(await Promise.all(
				batch.map(async id => {
					const {stdout} = await run('docker', ['create', '--name', `vantage6-${name}-run-${id}`, '--label', 'vantage6-type=algorithm', '--label', `node=${name}`, '--label', `run_id=${id}`, 'vnode-fixture:latest', 'sh', '-c', `echo run ${id}; exit ${id % 5 === 0 ? 1 : 0}`]);
					return stdout.trim();
				}),
			)),
		);
	}

	await run('docker', ['start', ...ids]);
	return ids;
}

export async function runsBench({cli, runs, presses}) {
	const sandbox = new Sandbox(cli);
	const name = `vtbr${randomBytes(3).toString('hex')}`;
	let ids = [];
	try {
		sandbox.node(name, 0);
		sandbox.cliRun('start', name);
		const open = () => launch(cli, [], {cols, rows, env: sandbox.env});
		const paints = async predicate => {
			// One launch first: it writes the code cache, as any earlier run would.
			const times = [];
			for (let index = 0; index <= runs; index++) {
				const tui = open();
				const at = await tui.when(predicate);
				if (index > 0) {
					times.push(at);
				}

				tui.kill();
				await sleep(300);
			}

			return times;
		};

		const bare = await paints(screen => screen.split('\n').some(line => line.startsWith(`▸ ${name} `) && line.includes('running')));
		ids = await makeRuns(name);
		const painted = screen => screen.split('\n').some(line => line.startsWith(`▸ ${name} `) && line.includes(`${runCount} runs`));
		const times = await paints(painted);

		const tui = open();
		await tui.when(painted);
		tui.press('\t');
		await tui.when(screen => screen.includes('Enter open run'));
		tui.press('[');
		await tui.when(screen => cursorRow(screen) >= 0);
		await sleep(1000);
		const keys = [];
		for (let press = 0; press < presses; press++) {
			const before = cursorRow(tui.screen());
			const sent = tui.press(press % 2 === 0 ? 'j' : 'k');
			keys.push(await tui.when(screen => cursorRow(screen) !== before && cursorRow(screen) >= 0, {from: sent, timeout: 5000}));
			await sleep(150);
		}

		tui.kill();
		await sleep(300);
		return {
			runs: runCount,
			firstPaint: {medianMs: Math.round(median(times)), runsMs: times.map(Math.round)},
			firstPaintNoRuns: {medianMs: Math.round(median(bare)), runsMs: bare.map(Math.round)},
			keyLatency: {medianMs: Math.round(median(keys) * 10) / 10, maxMs: Math.round(Math.max(...keys) * 10) / 10},
		};
	} finally {
		if (ids.length > 0) {
			spawnSync('docker', ['rm', '-f', ...ids], {stdio: 'ignore'});
		}

		sandbox.cleanup();
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const cli = fileURLToPath(new URL('../dist/vnode-tui.js', import.meta.url));
	const result = await runsBench({cli, runs: 5, presses: 20});
	process.stdout.write(`${JSON.stringify(result)}\n`);
}
