/**
 * Key -> the log pane shows the newly selected node, while the node left
 * behind logs 100 lines/s: two running nodes, the log pane open, `j`/`k`
 * alternately. vtbench1 logs 100 lines/s (heartbeat lines fill its tail);
 * vtbench2 logs nothing after its start-up lines, which name it. The time is
 * from the key to the frame whose log pane holds the other node's lines (not
 * only its title). `node bench/switch-bench.mjs [--runs N]` runs it alone.
 */
import {fileURLToPath} from 'node:url';
import {median, sleep} from './pty-session.mjs';
import {Sandbox} from './tui-bench.mjs';

/** The log pane's rows: below the row that starts with "─ Log ". */
const logBody = screen => {
	const lines = screen.split('\n');
	const title = lines.findIndex(line => line.startsWith('─ Log '));
	return title < 0 ? {title: '', body: []} : {title: lines[title], body: lines.slice(title + 1)};
};

const shows = {
	// vtbench2's own start-up line, and none of vtbench1's heartbeat lines.
	vtbench2: screen => {
		const {title, body} = logBody(screen);
		return title.includes('vtbench2') && body.some(line => line.includes('Starting node vtbench2')) && !body.some(line => /heartbeat seq=\d+ pad/.test(line));
	},
	vtbench1: screen => {
		const {title, body} = logBody(screen);
		return title.includes('vtbench1') && body.filter(line => /heartbeat seq=\d+ pad/.test(line)).length >= 5;
	},
};

export async function logSwitch(sandbox, switches) {
	const tui = sandbox.tui();
	await tui.when(screen => screen.split('\n').some(line => line.startsWith('▸ vtbench1 ') && line.includes('running')));
	tui.press('l');
	await tui.when(shows.vtbench1);
	await sleep(1000);
	const times = [];
	for (let press = 0; press < switches; press++) {
		const [key, target] = press % 2 === 0 ? ['j', 'vtbench2'] : ['k', 'vtbench1'];
		const sent = tui.press(key);
		times.push(await tui.when(shows[target], {from: sent, timeout: 10_000}));
		await sleep(400);
	}

	tui.kill();
	await sleep(300);
	return {medianMs: Math.round(median(times)), runsMs: times.map(Math.round)};
}

/** Starts the two nodes, measures, stops them. */
export async function switchBench({cli, switches}) {
	const sandbox = new Sandbox(cli);
	try {
		sandbox.node('vtbench1', 100);
		sandbox.node('vtbench2', 0);
		sandbox.cliRun('start', 'vtbench1');
		sandbox.cliRun('start', 'vtbench2');
		await sleep(2500);
		return await logSwitch(sandbox, switches);
	} finally {
		sandbox.cleanup();
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const runsAt = process.argv.indexOf('--runs');
	const cli = fileURLToPath(new URL('../dist/vnode-tui.js', import.meta.url));
	const result = await switchBench({cli, switches: runsAt > 0 ? Number(process.argv[runsAt + 1]) : 6});
	process.stdout.write(`key -> log pane shows the other node: median ${result.medianMs} ms (${result.runsMs.join(', ')}); load ${(await import('node:os')).loadavg().map(v => v.toFixed(1)).join(' ')}\n`);
}
