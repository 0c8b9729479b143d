import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {containerStats, formatBytes, formatCpu, formatMemory, memoryPercent, type StatsSample} from '../../source/domain/container-stats.js';
import {toStatsSample} from '../../source/docker/engine-answers.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/stats/${name}`, import.meta.url), 'utf8'));

function sampleOf(name: string): StatsSample {
	const sample = toStatsSample(fixture(name));
	if (sample === undefined || sample === 'not-running') {
		throw new Error(`${name} is not a sample`);
	}

	return sample;
}

describe('container stats, as docker stats computes them', () => {
	it('cgroup v1 (a real Docker 20.10 answer, a busy loop in a 64 MiB container on 2 CPUs): CPU from the deltas times online CPUs; memory less total_inactive_file', () => {
		const sample = sampleOf('cgroup1-busy.json');
		expect(sample).toMatchObject({onlineCpus: 2, memoryUsage: 487_424, memoryInactive: 0, memoryLimit: 67_108_864});
		const stats = containerStats(sample);
		// (1640218051 - 1095381671) / (5663050000000 - 5661030000000) * 2 * 100
		expect(stats.cpuPercent).toBeCloseTo(53.944, 2);
		expect(stats.memoryUsed).toBe(487_424);
		expect(formatCpu(stats.cpuPercent)).toBe('53.9%');
		expect(formatMemory(stats)).toBe('476K/64M');
	});

	it('cgroup v2 (no percpu_usage, no total_* keys): online_cpus, and usage less inactive_file', () => {
		const stats = containerStats(sampleOf('cgroup2-handmade.json'));
		expect(stats.memoryUsed).toBe(52_428_800 - 12_582_912);
		expect(formatMemory(stats)).toBe('38M/64M');
		expect(memoryPercent(stats)).toBeCloseTo(59.375, 3);
	});

	it('online CPUs fall back to the length of percpu_usage; the first sample of a stream (no precpu) has no CPU %', () => {
		const raw = fixture('cgroup1-busy.json') as {cpu_stats: Record<string, unknown>; precpu_stats: Record<string, unknown>};
		delete raw.cpu_stats['online_cpus'];
		const sample = toStatsSample(raw) as StatsSample;
		expect(sample.onlineCpus).toBe(2);
		raw.precpu_stats = {cpu_usage: {total_usage: 0}, throttling_data: {}};
		const first = containerStats(toStatsSample(raw) as StatsSample);
		expect(first.cpuPercent).toBeUndefined();
		expect(formatCpu(first.cpuPercent)).toBe('-');
	});

	it('an idle container is 0 %, not negative or NaN; memory without inactive pages is the usage', () => {
		const base: StatsSample = {read: 'x', cpuTotal: 100, systemTotal: 2000, preCpuTotal: 100, preSystemTotal: 1000, onlineCpus: 4, memoryUsage: 5000, memoryLimit: 0};
		expect(containerStats(base)).toEqual({read: 'x', cpuPercent: 0, memoryUsed: 5000, memoryLimit: 0});
		expect(containerStats({...base, memoryInactive: 9000}).memoryUsed).toBe(5000);
		expect(memoryPercent(containerStats(base))).toBeUndefined();
	});

	it('the zeroed answer for a stopped container is not-running; anything else that is no stats answer is refused', () => {
		const zero = {read: '0001-01-01T00:00:00Z', preread: '0001-01-01T00:00:00Z', cpu_stats: {cpu_usage: {total_usage: 0}}, precpu_stats: {}, memory_stats: {}};
		expect(toStatsSample(zero)).toBe('not-running');
		for (const bad of [null, [], 'text', {message: 'No such container'}, {read: 5, cpu_stats: {}, memory_stats: {}}]) {
			expect(toStatsSample(bad)).toBeUndefined();
		}

		// Wrong types inside fall back to 0, never NaN.
		const odd = toStatsSample({read: '2026-01-01T00:00:00Z', cpu_stats: {cpu_usage: {total_usage: 'x'}, online_cpus: -Infinity}, memory_stats: {usage: '5', stats: {inactive_file: 'y'}}}) as StatsSample;
		expect(containerStats(odd)).toEqual({read: '2026-01-01T00:00:00Z', memoryUsed: 0, memoryLimit: 0});
	});

	it('formats fit their columns: CPU at most 6 characters, bytes at most 4', () => {
		expect([0, 0.04, 99.95, 199.9, 999.94, 1234.4, 12_800].map(value => formatCpu(value))).toEqual(['0.0%', '0.0%', '100.0%', '199.9%', '999.9%', '1234%', '12800%']);
		expect([0, 999, 1000, 9.5 * 1024 * 1024, 45 * 1024 * 1024, 999.7 * 1024 * 1024, 1.96 * 1024 ** 3, 9.97 * 1024, 64 * 1024 ** 4].map(value => formatBytes(value))).toEqual(['0B', '999B', '1.0K', '9.5M', '45M', '1.0G', '2.0G', '10K', '64T']);
	});
});
