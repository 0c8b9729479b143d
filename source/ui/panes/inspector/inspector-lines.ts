/**
 * The inspector's tabs as lines of text, from an InspectReport. Pure: the view
 * only windows and colours them. Secrets are masked unless `reveal` is set.
 */
import {formatBytes, formatCpu, memoryPercent} from '../../../domain/container-stats.js';
import {formatUptime} from '../../../domain/duration.js';
import {maskEnvEntry, maskSecrets} from '../../../domain/mask.js';
import {formatProblem} from '../../../domain/node-config.js';
import {sanitizeLine} from '../../../domain/sanitize.js';
import {maskCheckItem, summarizeCheck, type CheckItem} from '../../../domain/spec-check.js';
import type {InspectReport} from '../../../services/node-service.js';
import type {StatsCell} from '../../../services/stats-watch.js';
import type {InspectorTab} from '../../../state/app-state.js';
import type {Tone} from '../../theme.js';
import {fit, fitEnd} from '../../text-fit.js';

export type Line = {text: string; tone?: Tone; bold?: boolean};

const checkMark: Record<CheckItem['status'], {mark: string; tone: Tone}> = {
	ok: {mark: '✓ ok        ', tone: 'ok'},
	differs: {mark: '✗ differs   ', tone: 'error'},
	missing: {mark: '− missing   ', tone: 'error'},
	unexpected: {mark: '+ unexpected', tone: 'warn'},
};

/** `stats`: the container's latest resource use, for the container tab. */
export function inspectorLines(report: InspectReport, tab: InspectorTab, reveal: boolean, nowMs: number, width: number, stats?: StatsCell): Line[] {
	const lines = tabLines(report, tab, reveal, nowMs, width, stats);
	// Every tab, every line: a password in a label, a command, a warning or a problem stays masked too.
	return reveal ? lines : lines.map(line => ({...line, text: maskSecrets(line.text)}));
}

function tabLines(report: InspectReport, tab: InspectorTab, reveal: boolean, nowMs: number, width: number, stats: StatsCell | undefined): Line[] {
	switch (tab) {
		case 'spec': {
			return specLines(report, reveal, width);
		}

		case 'config': {
			return configLines(report, reveal);
		}

		case 'container': {
			return containerLines(report, nowMs, stats);
		}

		case 'mounts': {
			return mountLines(report, width);
		}

		case 'env': {
			return envLines(report, reveal);
		}

		case 'labels': {
			const labels = report.container?.labels;
			if (!labels) {
				return [{text: 'No container: no labels.', tone: 'muted'}];
			}

			return Object.entries(labels).map(([key, value]) => ({text: `${sanitizeLine(key)}=${sanitizeLine(value)}`}));
		}

		case 'runs': {
			// The Runs tab is made from the table row (runs-lines.ts), not from an inspect report.
			return [];
		}
	}
}

/** The container's environment, secret-looking values masked unless `reveal`. */
export function envLines(report: InspectReport, reveal: boolean): Line[] {
	const env = report.container?.env;
	if (!env) {
		return [{text: 'No container: nothing in its environment yet.', tone: 'muted'}];
	}

	return env.map(entry => ({text: sanitizeLine(reveal ? entry : maskEnvEntry(entry))}));
}

function specLines(report: InspectReport, reveal: boolean, width: number): Line[] {
	if (!report.expected) {
		return report.entry
			? [{text: 'The config is not valid, so there is no spec to check against.', tone: 'error'}, ...problemLines(report)]
			: [{text: `No config on disk for ${report.containerName}, so there is no spec to check against.`, tone: 'warn'}];
	}

	const {spec, errors, warnings} = report.expected;
	const lines: Line[] = [];
	if (!report.check) {
		lines.push({text: `Not created. v6 node start would create ${spec.containerName} from ${spec.image} (${spec.imageSource}):`, tone: 'muted'});
		for (const mount of spec.mounts) {
			lines.push({text: `  ${fit(mount.destination, 24)} ${mount.type} ${mount.source}${mount.readOnly ? ' (ro)' : ''}`});
		}
	} else {
		const summary = summarizeCheck(report.check);
		const clean = summary.differs + summary.missing + summary.unexpected === 0;
		lines.push({
			text: clean
				? `✓ Matches v6 node start on all ${summary.ok} fields.`
				: `✗ ${summary.differs} differ, ${summary.missing} missing, ${summary.unexpected} unexpected; ${summary.ok} ok.`,
			tone: clean ? 'ok' : 'error',
			bold: true,
		});
		const sorted = [...report.check].sort((a, b) => Number(a.status === 'ok') - Number(b.status === 'ok'));
		const fieldWidth = Math.min(56, Math.max(24, Math.floor(width * 0.3)));
		for (const item of sorted) {
			const shown = reveal ? item : maskCheckItem(item, 'v shows');
			const {mark, tone} = checkMark[item.status];
			// Long fields (volume names) differ at their end: cut at the start.
			const field = fitEnd(`${item.section} ${sanitizeLine(item.field)}`, fieldWidth);
			lines.push({text: `${mark} ${field} ${describeItem(shown)}`, tone});
		}
	}

	lines.push(...warnings.map(text => ({text: `warning: ${text}`, tone: 'warn' as const})));
	lines.push(...errors.map(text => ({text: `error: ${text}`, tone: 'error' as const})));
	return lines;
}

function describeItem(item: CheckItem): string {
	const actual = item.actual === undefined ? undefined : sanitizeLine(item.actual);
	switch (item.status) {
		case 'ok': {
			return item.expected ?? '';
		}

		case 'differs': {
			// Both sides the same (masked): the difference is in a secret, and the note says so; put it first, where a narrow pane still shows it.
			return item.expected === item.actual ? `(${item.note}) expected ${item.expected}, is ${actual}` : `expected ${item.expected}, is ${actual}${item.note ? ` (${item.note})` : ''}`;
		}

		case 'missing': {
			return `expected ${item.expected}, not there`;
		}

		case 'unexpected': {
			return `${actual} (not set by v6 node start)`;
		}
	}
}

function problemLines(report: InspectReport): Line[] {
	return (report.entry?.problems ?? []).map(problem => ({text: `  ${formatProblem(problem)}`, tone: 'error' as const}));
}

function configLines(report: InspectReport, reveal: boolean): Line[] {
	const {entry} = report;
	if (!entry) {
		return [{text: `No config on disk for ${report.containerName}: this container was started from elsewhere.`, tone: 'warn'}];
	}

	const head: Line = {text: `${entry.path}${reveal ? '   (secrets shown: v hides them)' : '   (secrets masked: v shows them)'}`, tone: 'muted'};
	if (!report.configYaml) {
		return [{text: entry.path, tone: 'muted'}, {text: 'This file is not valid; vnode-tui will not write to it:', tone: 'error'}, ...problemLines(report)];
	}

	const text = reveal ? report.configYaml.plain : report.configYaml.masked;
	return [head, ...text.trimEnd().split('\n').map(line => ({text: line}))];
}

export function containerLines(report: InspectReport, nowMs: number, stats?: StatsCell): Line[] {
	const container = report.container;
	if (!container) {
		return [{text: `${report.containerName}: not created.`, tone: 'muted'}];
	}

	const {state} = container;
	const uptime = state.running && state.startedAt ? ` for ${formatUptime((nowMs - Date.parse(state.startedAt)) / 1000)}` : '';
	return [
		{text: `name       ${container.name}`},
		{text: `state      ${state.status}${uptime}${state.running ? '' : ` (exit code ${state.exitCode})`}${state.oomKilled ? ', OOM-killed' : ''}`, tone: state.running ? 'ok' : 'muted'},
		{text: `health     ${state.health ?? '(no healthcheck)'}`},
		...(state.running ? [usageLine(stats)] : []),
		{text: `image      ${sanitizeLine(container.image)}`},
		{text: `command    ${sanitizeLine(container.cmd.join(' '))}`},
		{text: `created    ${container.created}`},
		{text: `started    ${state.startedAt ?? '-'}`},
		{text: `finished   ${state.finishedAt ?? '-'}`},
		{text: `restarts   ${container.restartCount}   auto-remove ${container.autoRemove}   tty ${container.tty}`},
		{text: `ports      ${container.ports.join(', ') || '(none published)'}`},
		{text: `networks   ${container.networks.join(', ') || '-'}`},
		...(state.error ? [{text: `error      ${sanitizeLine(state.error)}`, tone: 'error' as const}] : []),
		{text: `id         ${container.id}`, tone: 'muted'},
	];
}

/** `CPU 12.3%   memory 45M of 64M (70%)`, live; `-` while there is no sample (the stream retries quietly). */
function usageLine(stats: StatsCell | undefined): Line {
	if (stats?.state !== 'ok') {
		return {text: `usage      CPU -   memory -${stats?.state === 'failed' ? '   (no stats from the engine; retrying)' : ''}`, tone: 'muted'};
	}

	const {cpuPercent, memoryUsed, memoryLimit} = stats.stats;
	const share = memoryPercent(stats.stats);
	return {text: `usage      CPU ${formatCpu(cpuPercent)}   memory ${formatBytes(memoryUsed)} of ${formatBytes(memoryLimit)}${share === undefined ? '' : ` (${share.toFixed(0)}%)`}`};
}

export function mountLines(report: InspectReport, width: number): Line[] {
	const container = report.container;
	const volumes = new Map((report.check ?? []).filter(item => item.section === 'volumes').map(item => [item.field, item.actual]));
	const destWidth = 22;
	const sourceWidth = Math.max(20, width - destWidth - 20);
	const header: Line = {text: `${fit('DESTINATION', destWidth)} ${fit('TYPE', 7)} ${fit('MODE', 5)}SOURCE`, tone: 'muted'};
	if (!container) {
		const spec = report.expected?.spec;
		return spec
			? [{text: 'Not created; the mounts v6 node start would make:', tone: 'muted'}, header, ...spec.mounts.map(mount => ({text: `${fit(mount.destination, destWidth)} ${fit(mount.type, 7)} ${fit(mount.readOnly ? 'ro' : 'rw', 5)}${mount.source}`}))]
			: [{text: 'No container and no valid config.', tone: 'muted'}];
	}

	const rows = [...container.mounts]
		.sort((a, b) => a.destination.localeCompare(b.destination))
		.map(mount => {
			const exists = mount.type === 'volume' && volumes.has(mount.source) ? (volumes.get(mount.source) === 'exists' ? '' : '  (volume missing)') : '';
			return {text: `${fit(mount.destination, destWidth)} ${fit(mount.type, 7)} ${fit(mount.rw ? 'rw' : 'ro', 5)}${fit(sanitizeLine(mount.source), sourceWidth)}${exists}`, ...(exists ? {tone: 'error' as const} : {})};
		});
	return [header, ...rows];
}
