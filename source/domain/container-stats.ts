/**
 * A container's resource use from Docker's stats, computed as `docker stats`
 * does (docker/cli, cli/command/container/stats_helpers.go): CPU % is the
 * container's CPU time over the host's in the same interval, times the online
 * CPUs (so one busy core is 100 %); memory used is the usage less the
 * inactive page cache (`total_inactive_file` on cgroup v1, `inactive_file` on
 * cgroup v2), which the kernel can take back at any time.
 */

/** The numbers of one stats answer, checked (engine-answers.ts); nanoseconds for CPU, bytes for memory. */
export type StatsSample = {
	/** When Docker read the sample (RFC 3339). */
	read: string;
	cpuTotal: number;
	systemTotal: number;
	/** The previous sample's; 0 when there is none (the first answer of a stream). */
	preCpuTotal: number;
	preSystemTotal: number;
	/** `online_cpus`, else the length of `percpu_usage`; 0 when neither says. */
	onlineCpus: number;
	memoryUsage: number;
	/** What the kernel can reclaim (inactive file pages); undefined when the answer does not say. */
	memoryInactive?: number;
	memoryLimit: number;
};

/** Resource use of one running container. */
export type ContainerStats = {
	read: string;
	/** Undefined until there are two samples to compare (the first answer of a stream). */
	cpuPercent?: number;
	memoryUsed: number;
	/** The container's limit, or the host's memory when it has none (as Docker reports it). */
	memoryLimit: number;
};

export function containerStats(sample: StatsSample): ContainerStats {
	const cpuDelta = sample.cpuTotal - sample.preCpuTotal;
	const systemDelta = sample.systemTotal - sample.preSystemTotal;
	const measured = sample.preSystemTotal > 0 && systemDelta > 0;
	const cpuPercent = measured ? (cpuDelta > 0 ? (cpuDelta / systemDelta) * sample.onlineCpus * 100 : 0) : undefined;
	const inactive = sample.memoryInactive;
	const memoryUsed = inactive !== undefined && inactive < sample.memoryUsage ? sample.memoryUsage - inactive : sample.memoryUsage;
	return {read: sample.read, ...(cpuPercent === undefined ? {} : {cpuPercent}), memoryUsed, memoryLimit: sample.memoryLimit};
}

/** `12.3%`; `1234%` from a thousand on; `-` when not measured yet. At most 6 characters. */
export function formatCpu(percent: number | undefined): string {
	if (percent === undefined || !Number.isFinite(percent)) {
		return '-';
	}

	return percent >= 1000 ? `${Math.round(percent)}%` : `${percent.toFixed(1)}%`;
}

const units = ['B', 'K', 'M', 'G', 'T', 'P'] as const;

/** Bytes in binary units, at most 4 characters: `512K`, `45M`, `9.5M`, `1.9G`. */
export function formatBytes(bytes: number): string {
	let value = Math.max(0, bytes);
	let unit = 0;
	while (unit < units.length - 1 && value >= 1000) {
		value /= 1024;
		unit++;
	}

	const rounded = value < 10 && unit > 0 ? value.toFixed(1) : String(Math.round(value));
	const digits = rounded === '10.0' ? '10' : rounded;
	// 999.6 rounds to 1000: one unit up.
	return digits === '1000' && unit < units.length - 1 ? `1.0${units[unit + 1]}` : `${digits}${units[unit]}`;
}

/** `45M/64M`: used over limit, at most 9 characters. */
export function formatMemory(stats: Pick<ContainerStats, 'memoryUsed' | 'memoryLimit'>): string {
	return `${formatBytes(stats.memoryUsed)}/${formatBytes(stats.memoryLimit)}`;
}

/** Used as a share of the limit; undefined without a limit. */
export function memoryPercent(stats: Pick<ContainerStats, 'memoryUsed' | 'memoryLimit'>): number | undefined {
	return stats.memoryLimit > 0 ? (stats.memoryUsed / stats.memoryLimit) * 100 : undefined;
}

/** Smallest CPU change worth a redraw, in points of one core. */
const cpuStep = 0.5;
/** Smallest memory change worth a redraw: 2 % of what is shown, and at least 256 KiB. */
const memoryStep = (used: number) => Math.max(used * 0.02, 256 * 1024);

/**
 * What to show next: the new figures, or the shown ones while the difference is noise (an idle
 * container's memory moves by a few KiB a second). An idle screen then writes nothing, as without stats.
 */
export function steadyStats(shown: ContainerStats | undefined, next: ContainerStats): ContainerStats {
	if (!shown || shown.memoryLimit !== next.memoryLimit || (shown.cpuPercent === undefined) !== (next.cpuPercent === undefined)) {
		return next;
	}

	const cpuMoved = shown.cpuPercent !== undefined && Math.abs(shown.cpuPercent - next.cpuPercent!) >= cpuStep;
	const memoryMoved = Math.abs(shown.memoryUsed - next.memoryUsed) >= memoryStep(shown.memoryUsed);
	return cpuMoved || memoryMoved ? next : shown;
}
