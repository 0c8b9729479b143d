/**
 * `npm run bench`: prints the figures and writes them to bench/results/latest.json.
 * `--short` (what CI runs) uses fewer containers and runs: it proves the
 * benchmark works, it does not judge figures.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {listBench} from './list-bench.mjs';

const short = process.argv.includes('--short');
const cli = fileURLToPath(new URL('../dist/vnode-tui.js', import.meta.url));
const results = {date: new Date().toISOString(), short};

results.list = await listBench({cli, count: short ? 5 : 50, runs: short ? 3 : 7});

const rows = [
	[`list, ${results.list.configs} configs + ${results.list.containers} containers (median of ${results.list.runs})`, `${results.list.listMedianMs} ms`],
	['list --json, same', `${results.list.listJsonMedianMs} ms`],
	['docker ps -a, same (floor)', `${results.list.dockerPsMedianMs} ms`],
	['running nodes shown by list', `${results.list.runningShown} of ${results.list.containers}`],
];
const width = Math.max(...rows.map(([label]) => label.length));
process.stdout.write(`${rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n')}\n`);
const dir = fileURLToPath(new URL('results/', import.meta.url));
mkdirSync(dir, {recursive: true});
writeFileSync(`${dir}latest.json`, `${JSON.stringify(results, null, 2)}\n`);
