/**
 * `vnode-tui inspect`: config (secrets masked), container, mounts, env and the
 * check against the spec `v6 node start` would create.
 */
import {formatUptime} from '../domain/duration.js';
import {maskConfig, maskEnvEntry, maskEnvValue} from '../domain/mask.js';
import {formatProblem} from '../domain/node-config.js';
import {sanitizeLine} from '../domain/sanitize.js';
import {maskCheckItem, summarizeCheck} from '../domain/spec-check.js';
import type {InspectReport} from '../services/node-service.js';
import {textTable} from './text-table.js';

export function formatInspect(report: InspectReport, nowMs: number): string {
	const {entry, container} = report;
	const out: string[] = [];
	out.push(`Node ${sanitizeLine(entry?.name ?? report.containerName)} (${entry?.scope ?? '?'})`);
	out.push('', entry ? `Config ${sanitizeLine(entry.path)}` : 'Config: none on disk');
	if (entry?.config) {
		out.push(indent((report.configYaml?.masked ?? '').trimEnd()));
	} else if (entry) {
		out.push('  invalid:', ...entry.problems.map(problem => `    ${sanitizeLine(formatProblem(problem))}`));
	}

	out.push('', `Container ${sanitizeLine(report.containerName)}`);
	if (container) {
		const state = container.state;
		const since = state.startedAt ? ` since ${state.startedAt} (${formatUptime((nowMs - Date.parse(state.startedAt)) / 1000)})` : '';
		out.push(
			`  state:    ${state.status}${state.running ? since : ` (exit code ${state.exitCode})`}${state.health ? `, ${state.health}` : ''}`,
			`  image:    ${sanitizeLine(container.image)}`,
			`  command:  ${sanitizeLine(container.cmd.join(' '))}`,
			`  created:  ${container.created}`,
			`  restarts: ${container.restartCount}   auto-remove: ${container.autoRemove}   tty: ${container.tty}`,
		);
		out.push('', 'Mounts');
		out.push(indent(textTable(['TYPE', 'SOURCE', 'DESTINATION', 'RW'], container.mounts.map(mount => [mount.type, sanitizeLine(mount.source), mount.destination, mount.rw ? 'rw' : 'ro']))));
		out.push('', 'Env');
		out.push(...container.env.map(entry => `  ${sanitizeLine(maskEnvEntry(entry))}`));
		out.push('', 'Labels');
		out.push(...Object.entries(container.labels).map(([key, value]) => `  ${sanitizeLine(key)}=${sanitizeLine(value)}`));
		if (container.ports.length > 0) {
			out.push('', `Ports ${container.ports.join(', ')}`);
		}
	} else {
		out.push('  not created');
	}

	if (report.expected) {
		out.push(...specLines(report));
	}

	return out.join('\n');
}

function specLines(report: InspectReport): string[] {
	const out: string[] = [];
	const {errors, warnings, spec} = report.expected!;
	if (report.check) {
		const summary = summarizeCheck(report.check);
		out.push('', `Spec check against v6 node start: ${summary.ok} ok, ${summary.differs} differ, ${summary.missing} missing, ${summary.unexpected} unexpected`);
		const rows = report.check
			.filter(item => item.status !== 'ok')
			.map(item => maskCheckItem(item))
			.map(item => [item.status, `${item.section} ${sanitizeLine(item.field)}`, item.expected ?? '-', sanitizeLine(item.actual ?? '-'), item.note ?? '']);
		out.push(rows.length > 0 ? indent(textTable(['STATUS', 'FIELD', 'EXPECTED', 'ACTUAL', 'NOTE'], rows)) : '  every field matches');
	} else {
		out.push('', `Spec v6 node start would create (image ${sanitizeLine(spec.image)}, from ${spec.imageSource})`);
		out.push(indent(textTable(['TYPE', 'SOURCE', 'DESTINATION', 'RW'], spec.mounts.map(mount => [mount.type, mount.source, mount.destination, mount.readOnly ? 'ro' : 'rw']))));
	}

	out.push(...warnings.map(warning => `warning: ${sanitizeLine(warning)}`), ...errors.map(error => `error: ${sanitizeLine(error)}`));
	return out;
}

export function inspectJson(report: InspectReport): unknown {
	const {entry, container, expected} = report;
	return {
		version: 1,
		name: entry?.name ?? null,
		scope: entry?.scope ?? null,
		configPath: entry?.path ?? null,
		config: entry?.config ? maskConfig(entry.config) : null,
		problems: entry?.problems.map(problem => formatProblem(problem)) ?? [],
		containerName: report.containerName,
		container: container ? {...container, env: container.env.map(item => maskEnvEntry(item))} : null,
		spec: expected
			? {
					...expected.spec,
					env: expected.spec.env.map(([key, value]) => [key, value === undefined ? value : maskEnvValue(key, value)]),
					errors: expected.errors,
					warnings: expected.warnings,
				}
			: null,
		check: report.check?.map(item => maskCheckItem(item)) ?? null,
	};
}

function indent(text: string): string {
	return text
		.split('\n')
		.map(line => `  ${line}`)
		.join('\n');
}
