/**
 * The stats watcher on the in-memory engine: every sample of every stream is
 * handed over together, at most once per flush interval; streams follow the ids
 * given; a failed stream is marked and opened again after the pause.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {StatsWatch, type StatsSnapshot} from '../../source/services/stats-watch.js';
import {FakeDockerEngine} from '../helpers/fake-docker-engine.js';

const sleep = async (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
let watch: StatsWatch | undefined;
afterEach(() => watch?.close());

function running(engine: FakeDockerEngine, count: number): string[] {
	return Array.from({length: count}, (_, index) => engine.plant(`vantage6-w${index}-user`, {system: 'False', name: `w${index}`}));
}

describe('StatsWatch', () => {
	it('ten streams of 50 samples a second each are handed over together, once per flush interval', async () => {
		const engine = new FakeDockerEngine();
		engine.statsIntervalMs = 20;
		const ids = running(engine, 10);
		const flushes: StatsSnapshot[] = [];
		watch = new StatsWatch(engine, cells => flushes.push(cells), {flushMs: 200});
		watch.watch(ids);
		await sleep(1100);
		// About 500 samples came in; at most one hand-over per 200 ms went out.
		expect(flushes.length).toBeGreaterThanOrEqual(4);
		expect(flushes.length).toBeLessThanOrEqual(6);
		expect([...flushes.at(-1)!.keys()].sort()).toEqual([...ids].sort());
		expect([...flushes.at(-1)!.values()].every(cell => cell.state === 'ok' && cell.stats.cpuPercent === 0.5)).toBe(true);
	});

	it('streams follow the ids: new ones opened, dropped ones closed, close() ends them all and the flushes', async () => {
		const engine = new FakeDockerEngine();
		engine.statsIntervalMs = 20;
		const [a, b, c] = running(engine, 3) as [string, string, string];
		let flushes = 0;
		watch = new StatsWatch(engine, () => flushes++, {flushMs: 50});
		watch.watch([a, b]);
		await expect.poll(() => [...engine.statsStreams.keys()].sort()).toEqual([a, b].sort());
		watch.watch([b, c]);
		await expect.poll(() => [...engine.statsStreams.keys()].sort()).toEqual([b, c].sort());
		expect(engine.statsOpened.filter(id => id === b)).toHaveLength(1);
		watch.close();
		await expect.poll(() => engine.statsStreams.size).toBe(0);
		const after = flushes;
		await sleep(200);
		expect(flushes).toBe(after);
	});

	it('a stream that fails is marked failed (with the reason) and opened again after the pause', async () => {
		const engine = new FakeDockerEngine();
		engine.statsIntervalMs = 20;
		const [id] = running(engine, 1) as [string];
		let last: StatsSnapshot = new Map();
		watch = new StatsWatch(engine, cells => (last = cells), {flushMs: 30, retryMs: 150});
		watch.watch([id]);
		await expect.poll(() => last.get(id)?.state).toBe('ok');
		engine.goDown('engine gone');
		await expect.poll(() => last.get(id)).toEqual({state: 'failed', error: 'engine gone'});
		engine.comeBack();
		await expect.poll(() => last.get(id)?.state).toBe('ok');
		expect(engine.statsOpened.length).toBeGreaterThanOrEqual(2);
	});
});
