/**
 * `vnode-tui stats` on the in-memory engine: which containers (running nodes and
 * their running runs, or one node's), the table and the JSON, once or streaming.
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {runCommand, type CommandFlags} from '../../source/commands/commands.js';
import {fakeParts, WorldHarness} from '../helpers/node-world-harness.js';
import {UiWorld} from '../helpers/ui-world.js';

const defaults: CommandFlags = {json: false, keep: false, follow: false, timestamps: false, volumes: false, colors: false, encryption: false, db: []};

let world: UiWorld;
let things: WorldHarness;
beforeEach(() => {
	world = new UiWorld();
	things = new WorldHarness(fakeParts(world.engine));
	world.engine.usage = details => ({cpuPercent: details.name.includes('run') ? 97.5 : 1.25, memoryUsed: 45 * 1024 * 1024, memoryLimit: 64 * 1024 * 1024});
});
afterEach(() => {
	world.cleanup();
});

async function vnode(args: string[] = [], flags: Partial<CommandFlags> = {}, options: {terminal?: boolean; signal?: AbortSignal; out?: string[]} = {}) {
	const out: string[] = options.out ?? [];
	const err: string[] = [];
	const code = await runCommand(
		{
			service: world.service,
			configs: world.configs,
			io: {out: text => out.push(text), err: text => err.push(text)},
			signal: options.signal ?? new AbortController().signal,
			readSecret: async () => 'k',
			terminal: options.terminal ?? false,
		},
		'stats',
		args,
		{...defaults, ...flags},
	);
	return {code, out, err: err.join('\n')};
}

async function arrange() {
	world.writeConfig('alpha');
	world.writeConfig('beta');
	world.writeConfig('gamma');
	await runCommand({service: world.service, configs: world.configs, io: {out() {}, err() {}}, signal: new AbortController().signal, readSecret: async () => 'k'}, 'start', ['alpha'], defaults);
	await runCommand({service: world.service, configs: world.configs, io: {out() {}, err() {}}, signal: new AbortController().signal, readSecret: async () => 'k'}, 'start', ['beta'], defaults);
	await things.box({name: 'vantage6-alpha-run-7', labels: {'vantage6-type': 'algorithm', node: 'alpha', run_id: '7'}});
	await things.box({name: 'vantage6-alpha-run-6', labels: {'vantage6-type': 'algorithm', node: 'alpha', run_id: '6'}, exitCode: 1});
}

describe('vnode-tui stats', () => {
	it('--no-stream: one table of the running nodes and their running runs (not stopped nodes, not exited runs)', async () => {
		await arrange();
		const {code, out} = await vnode([], {stream: false});
		expect(code).toBe(0);
		expect(out).toHaveLength(1);
		const lines = out[0]!.split('\n');
		expect(lines[0]).toMatch(/^NODE\s+CONTAINER\s+KIND\s+CPU %\s+MEM USAGE \/ LIMIT\s+MEM %$/);
		expect(lines.slice(1).map(line => line.split(/\s{2,}/))).toEqual([
			['alpha', 'vantage6-alpha-user', 'node', '1.3%', '45M / 64M', '70.3%'],
			['alpha', 'vantage6-alpha-run-7', 'run 7', '97.5%', '45M / 64M', '70.3%'],
			['beta', 'vantage6-beta-user', 'node', '1.3%', '45M / 64M', '70.3%'],
		]);
	});

	it('NAME picks one node; --json gives numbers (bytes, percent); an unknown node fails; a table to a pipe is printed once', async () => {
		await arrange();
		const {code, out} = await vnode(['alpha'], {json: true, stream: false});
		expect(code).toBe(0);
		const parsed = JSON.parse(out.join('\n')) as {version: number; time: string; containers: Array<Record<string, unknown>>};
		expect(parsed.version).toBe(1);
		expect(Date.parse(parsed.time)).toBeGreaterThan(0);
		expect(parsed.containers).toEqual([
			expect.objectContaining({node: 'alpha', scope: 'user', kind: 'node', container: 'vantage6-alpha-user', cpuPercent: 1.25, memoryUsed: 47_185_920, memoryLimit: 67_108_864, memoryPercent: 70.31}),
			expect.objectContaining({node: 'alpha', kind: 'run', runId: '7', container: 'vantage6-alpha-run-7', cpuPercent: 97.5}),
		]);

		const missing = await vnode(['nosuch'], {stream: false});
		expect(missing.code).toBe(1);
		expect(missing.err).toContain('No node nosuch');
		expect((await vnode(['a', 'b'])).code).toBe(2);

		// No terminal, no --json, no --no-stream: still one table, and done.
		const piped = await vnode(['gamma']);
		expect(piped).toMatchObject({code: 0, out: ['No node or run container is running.']});
	});

	it('streams: --json one line a second with CPU filled from the second sample; on a terminal the table is redrawn in place; Ctrl+C ends it with 0', async () => {
		await arrange();
		world.engine.statsIntervalMs = 200;
		const abort = new AbortController();
		const lines: string[] = [];
		const json = vnode(['beta'], {json: true}, {signal: abort.signal, out: lines});
		await expect.poll(() => lines.length, {timeout: 5000}).toBe(2);
		const secondAt = Date.now();
		await expect.poll(() => lines.length, {timeout: 5000}).toBe(3);
		// A refresh a second: not sooner.
		expect(Date.now() - secondAt).toBeGreaterThan(700);
		abort.abort();
		const {code, out} = await json;
		expect(code).toBe(0);
		expect(out).toHaveLength(3);
		expect(out.every(line => !line.includes('\n'))).toBe(true);
		const last = JSON.parse(out.at(-1)!) as {containers: Array<{cpuPercent: number | null}>};
		expect(last.containers[0]!.cpuPercent).toBe(1.25);
		expect(world.engine.statsStreams.size).toBe(0);

		const stop = new AbortController();
		const drawnLines: string[] = [];
		const table = vnode(['beta'], {}, {terminal: true, signal: stop.signal, out: drawnLines});
		await expect.poll(() => drawnLines.length, {timeout: 5000}).toBe(1);
		stop.abort();
		const drawn = await table;
		expect(drawn.out[0]).toMatch(/^\u001B\[H\u001B\[JNODE/);
		expect(drawn.out[0]).toContain('vantage6-beta-user');
	});

	it('an engine that does not answer: exit 1 with its message, nothing on stdout', async () => {
		await arrange();
		world.engine.goDown('Cannot reach the Docker engine (test).');
		const result = await vnode([], {stream: false});
		expect(result.code).toBe(1);
		expect(result.out).toEqual([]);
		expect(result.err).toContain('Cannot reach the Docker engine (test).');
	});
});
