/**
 * Live stats redraw only when a figure moves by more than noise: an idle container's memory moves by a
 * few KiB a second, and redrawing it made an idle screen write ~300 B/s.
 */
import {describe, expect, it} from 'vitest';
import {steadyStats, type ContainerStats} from '../../source/domain/container-stats.js';
import {steadySnapshot} from '../../source/ui/hooks/use-container-stats.js';
import type {StatsCell} from '../../source/services/stats-watch.js';

const stats = (cpuPercent: number | undefined, memoryUsed: number, memoryLimit = 64 * 2 ** 20): ContainerStats => ({read: 'now', ...(cpuPercent === undefined ? {} : {cpuPercent}), memoryUsed, memoryLimit});
const ok = (value: ContainerStats): StatsCell => ({state: 'ok', stats: value});

describe('steady stats', () => {
	it('keeps the shown figures while CPU moves by less than half a point and memory by less than 2 % (and 256 KiB)', () => {
		const shown = stats(0, 712 * 1024);
		expect(steadyStats(shown, stats(0.1, 716 * 1024))).toBe(shown);
		expect(steadyStats(shown, stats(0.4, 900 * 1024))).toBe(shown);
		const busy = stats(79.1, 40 * 2 ** 20);
		expect(steadyStats(busy, stats(79.4, 40.5 * 2 ** 20))).toBe(busy);
	});

	it('takes the new figures when one moves more, the limit changes, or CPU is first measured', () => {
		const shown = stats(0, 712 * 1024);
		expect(steadyStats(shown, stats(0.6, 712 * 1024))).toEqual(stats(0.6, 712 * 1024));
		expect(steadyStats(shown, stats(0, 1200 * 1024))).toEqual(stats(0, 1200 * 1024));
		expect(steadyStats(shown, stats(0, 712 * 1024, 32 * 2 ** 20))).toEqual(stats(0, 712 * 1024, 32 * 2 ** 20));
		expect(steadyStats(stats(undefined, 712 * 1024), stats(0, 712 * 1024))).toEqual(stats(0, 712 * 1024));
		expect(steadyStats(undefined, stats(3, 1))).toEqual(stats(3, 1));
	});

	it('a snapshot where nothing moved is the same map (no render); a moved, new, gone or failed cell makes a new one', () => {
		const shown = new Map([['a', ok(stats(0, 712 * 1024))], ['b', ok(stats(50, 2 ** 25))]]);
		expect(steadySnapshot(shown, new Map([['a', ok(stats(0.1, 714 * 1024))], ['b', ok(stats(50.2, 2 ** 25))]]))).toBe(shown);
		const moved = steadySnapshot(shown, new Map([['a', ok(stats(0.1, 714 * 1024))], ['b', ok(stats(60, 2 ** 25))]]));
		expect(moved).not.toBe(shown);
		expect(moved.get('a')).toBe(shown.get('a'));
		expect(moved.get('b')).toEqual(ok(stats(60, 2 ** 25)));
		expect(steadySnapshot(shown, new Map([['a', ok(stats(0, 712 * 1024))]]))).not.toBe(shown);
		expect(steadySnapshot(shown, new Map([...shown, ['c', ok(stats(1, 1))]]))).not.toBe(shown);
		expect(steadySnapshot(shown, new Map([['a', {state: 'failed', error: 'gone'}], ['b', shown.get('b')!]])).get('a')).toEqual({state: 'failed', error: 'gone'});
	});
});
