/**
 * `vnode-tui stats` against the real engine: a node container burning CPU in a
 * 64 MiB limit and a run of its own show their CPU and memory limit as Docker
 * measures them; a stream to a pipe gives one JSON line a refresh.
 */
import {spawn} from 'node:child_process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, dockerSkipReason, dockerTitle, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {cliPath, Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

type Sample = {node: string; kind: string; runId?: string; container: string; cpuPercent: number | null; memoryUsed: number | null; memoryLimit: number | null; memoryPercent: number | null};

const sandbox = new Sandbox();
const name = uniqueNodeName('st');
const mib = 1024 * 1024;

async function box(containerName: string, labels: Record<string, string>, memory: number, script: string): Promise<void> {
	const container = await docker.createContainer({
		name: containerName,
		Image: fixtureImage,
		Entrypoint: ['sh', '-c'],
		Cmd: [script],
		Labels: labels,
		HostConfig: {Memory: memory},
	});
	await container.start();
}

describe.skipIf(dockerSkipReason)(dockerTitle('vnode-tui stats on a real engine'), () => {
	beforeAll(async () => {
		// A node without config (labels as v6 node start sets them) burning one core, and one of its runs idling.
		await box(`vantage6-${name}-user`, {'vantage6-type': 'node', system: 'False', name}, 64 * mib, 'while :; do :; done');
		await box(`vantage6-${name}-run-5`, {'vantage6-type': 'algorithm', node: name, run_id: '5'}, 32 * mib, 'sleep 600');
	});
	afterAll(async () => {
		await removeNodeLeftovers(name);
		sandbox.cleanup();
	});

	it('--no-stream --json: the busy node shows CPU > 0 and its 64 MiB limit; its run its 32 MiB', async () => {
		const result = await sandbox.run(['stats', name, '--no-stream', '--json']);
		expect(result.code, result.stderr).toBe(0);
		const {containers} = JSON.parse(result.stdout) as {containers: Sample[]};
		expect(containers.map(sample => [sample.kind, sample.container])).toEqual([
			['node', `vantage6-${name}-user`],
			['run', `vantage6-${name}-run-5`],
		]);
		const [node, run] = containers as [Sample, Sample];
		// More than the idle run; not a fixed share: on a loaded 2-core host the loop gets what it can.
		expect(node.cpuPercent).toBeGreaterThan(0);
		expect(node.cpuPercent).toBeGreaterThan(run.cpuPercent ?? 0);
		expect(node.memoryLimit).toBe(64 * mib);
		expect(node.memoryUsed).toBeGreaterThan(0);
		expect(node.memoryUsed).toBeLessThan(64 * mib);
		expect(run).toMatchObject({runId: '5', memoryLimit: 32 * mib});
		expect(run.cpuPercent).toBeGreaterThanOrEqual(0);
	});

	it('the table, once to a pipe: CPU and MEM USAGE / LIMIT of both', async () => {
		const result = await sandbox.run(['stats', name]);
		expect(result.code, result.stderr).toBe(0);
		const rows = result.stdout.trim().split('\n');
		expect(rows).toHaveLength(3);
		expect(rows[1]).toMatch(new RegExp(`^${name}\\s+vantage6-${name}-user\\s+node\\s+\\d+\\.\\d%\\s+\\S+ / 64M\\s+\\d+\\.\\d%$`));
		expect(rows[2]).toMatch(/run 5\s+\d+\.\d%\s+\S+ \/ 32M/);
	});

	it('--json streams one line a second until SIGINT, CPU filled from the second sample on', async () => {
		const child = spawn(process.execPath, [cliPath, 'stats', name, '--json'], {env: sandbox.env, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		child.stdout.on('data', chunk => (stdout += String(chunk)));
		await expect.poll(() => stdout.split('\n').filter(line => line.includes('"cpuPercent":')).length, {timeout: 15_000, interval: 200}).toBeGreaterThanOrEqual(3);
		child.kill('SIGINT');
		const code = await new Promise(resolve => child.on('close', resolve));
		expect([0, 130]).toContain(code);
		const lines = stdout.trim().split('\n').map(line => JSON.parse(line) as {containers: Sample[]});
		expect(lines.at(-1)!.containers[0]!.cpuPercent).toBeGreaterThan(0);
	});
});
