/**
 * `node bench/first-paint.mjs [--runs N]`: only the first-paint figure (launch
 * to node table, median of N runs, 120x40, real engine) on each Node line
 * present. For comparing builds (e.g. with and without a dependency patch).
 */
import {fileURLToPath} from 'node:url';
import {nodeLines} from './node-lines.mjs';
import {firstPaintByNode} from './tui-bench.mjs';

const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 9;
const cli = fileURLToPath(new URL('../dist/vnode-tui.js', import.meta.url));
const results = await firstPaintByNode({cli, runs, nodes: nodeLines()});
for (const [version, {medianMs, runsMs}] of Object.entries(results)) {
	process.stdout.write(`first paint on Node ${version}: median ${medianMs} ms (${runsMs.join(', ')})\n`);
}
