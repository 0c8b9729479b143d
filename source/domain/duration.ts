/** `--since` values: `90s`, `10m`, `2h`, `1d`, an ISO date, or Unix seconds. Returns Unix seconds. */
export function parseSince(value: string, nowMs: number): number | undefined {
	const relative = /^(\d+(?:\.\d+)?)(s|m|h|d)$/.exec(value.trim());
	if (relative) {
		const seconds = Number(relative[1]) * {s: 1, m: 60, h: 3600, d: 86_400}[relative[2] as 's' | 'm' | 'h' | 'd'];
		return Math.floor(nowMs / 1000 - seconds);
	}

	if (/^\d+$/.test(value.trim())) {
		return Number(value);
	}

	const parsed = Date.parse(value);
	return Number.isNaN(parsed) ? undefined : Math.floor(parsed / 1000);
}

/** `3m`, `2h 5m`, `4d 1h`: coarse on purpose, so the table changes rarely. */
export function formatUptime(seconds: number): string {
	if (seconds < 60) {
		return `${Math.max(0, Math.floor(seconds))}s`;
	}

	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) {
		return `${minutes}m`;
	}

	const hours = Math.floor(minutes / 60);
	if (hours < 24) {
		return `${hours}h ${minutes % 60}m`;
	}

	return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}
