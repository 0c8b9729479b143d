/**
 * `vnode-tui list`: a table for people, and `--json` with a stable, documented
 * shape (README, "list --json") for scripts.
 */
import {sanitizeLine} from '../domain/sanitize.js';
import {countNodes, statusText, type NodeRow} from '../domain/node-row.js';
import type {HostState, NodeListing} from '../services/node-service.js';
import {formatProblem} from '../domain/node-config.js';
import {textTable} from './text-table.js';
import {worldSummaryText} from '../domain/node-world.js';

export function uptimeOf(row: NodeRow): string {
	if (row.status !== 'running' || !row.container) {
		return '-';
	}

	return sanitizeLine(row.container.status.replace(/^Up /, '').replace(/ \(.*\)$/, ''));
}

export function formatList(listing: NodeListing): string {
	const counts = countNodes(listing.rows);
	const lines: string[] = [];
	if (listing.rows.length === 0) {
		lines.push('No vantage6 node configs or node containers found.');
	} else {
		// A fleet's table starts with the host of each row.
		const fleet = listing.hosts !== undefined;
		lines.push(
			textTable(
				[...(fleet ? ['HOST'] : []), 'NAME', 'SCOPE', 'STATUS', 'HEALTH', 'UPTIME', 'IMAGE'],
				listing.rows.map(row => [
					...(fleet ? [sanitizeLine(row.host ?? '?')] : []),
					sanitizeLine(row.name) + (row.configPath ? '' : ' (no config)'),
					row.scope ?? '?',
					statusText(row),
					row.health ?? '-',
					uptimeOf(row),
					row.container ? sanitizeLine(row.container.image) : '-',
				]),
			),
		);
	}

	const engine = listing.hosts ? hostsSummary(listing.hosts) : listing.engine ? `engine ${listing.engine.version} at ${sanitizeLine(listing.engine.host)}${listing.engine.context ? ` (context ${sanitizeLine(listing.engine.context)})` : ''}` : `${listing.engineDownKind === 'permission' ? 'no permission to use the Docker engine' : 'Docker engine unreachable'}: container states unknown`;
	const unknown = counts.unknown > 0 ? `, ${counts.unknown} unknown` : '';
	lines.push('', `${counts.total} nodes: ${counts.running} running, ${counts.stopped} stopped, ${counts.invalid} invalid${unknown} (${engine})`);
	for (const host of listing.hosts ?? []) {
		lines.push(hostLine(host));
	}

	for (const row of listing.rows) {
		const world = worldSummaryText(row);
		if (world) {
			const clean = row.leftovers && row.leftovers.length > 0 ? ` ('vnode-tui clean ${sanitizeLine(row.name)}' lists and removes the leftovers)` : '';
			lines.push(`${sanitizeLine(row.name)}${row.scope ? ` (${row.scope})` : ''}: ${world}${clean}`);
		}
	}

	const needsRoot = listing.rows.find(row => row.needsRoot)?.needsRoot;
	if (needsRoot) {
		lines.push(`System-scope nodes need root: 'sudo vnode-tui' acts on them (${sanitizeLine(needsRoot)}).`);
	}

	if (listing.worldDown !== undefined) {
		lines.push(`warning: runs, helpers and leftovers unknown: ${sanitizeLine(listing.worldDown)}`);
	}

	for (const row of listing.rows.filter(row => row.problems.length > 0)) {
		lines.push(`invalid ${sanitizeLine(row.configPath ?? row.name)}:`, ...row.problems.map(problem => `  ${sanitizeLine(formatProblem(problem))}`));
	}

	for (const problem of listing.problems) {
		lines.push(`warning: ${sanitizeLine(problem.message)}`);
	}

	return lines.join('\n');
}

/** Version 1 of the `list --json` shape. Add fields; never rename or remove them. */
export function listJson(listing: NodeListing): unknown {
	return {
		version: 1,
		engine: listing.engine ?? null,
		...(listing.engineDown === undefined ? {} : {engineDown: sanitizeLine(listing.engineDown), engineDownKind: listing.engineDownKind ?? 'failed'}),
		counts: countNodes(listing.rows),
		nodes: listing.rows.map(row => ({
			name: sanitizeLine(row.name),
			scope: row.scope ?? null,
			configPath: row.configPath ?? null,
			status: row.status,
			statusText: statusText(row),
			valid: row.problems.length === 0,
			problems: row.problems.map(problem => formatProblem(problem)),
			health: row.health ?? null,
			exitCode: row.exitCode ?? null,
			container: row.container
				? {
						id: row.container.id,
						name: sanitizeLine(row.container.name),
						image: sanitizeLine(row.container.image),
						state: row.container.state,
						status: sanitizeLine(row.container.status),
						created: row.container.created,
					}
				: null,
			...worldJson(row),
			// Why this user may not act on the node without root (a system node, not running as root); null when it may.
			needsRoot: row.needsRoot === undefined ? null : sanitizeLine(row.needsRoot),
			// The node's host in a fleet (--hosts, hosts.yaml); null on one host.
			host: row.host === undefined ? null : sanitizeLine(row.host),
		})),
		...(listing.hosts ? {hosts: listing.hosts.map(host => hostJson(host, listing))} : {}),
		problems: listing.problems.map(problem => problem.message),
		...(listing.worldDown === undefined ? {} : {worldDown: sanitizeLine(listing.worldDown)}),
	};
}

/** `3 hosts: 2 connected, 1 unreachable`. */
function hostsSummary(hosts: readonly HostState[]): string {
	const connected = hosts.filter(host => host.state === 'connected').length;
	return `${hosts.length} hosts: ${connected} connected${connected < hosts.length ? `, ${hosts.length - connected} not` : ''}`;
}

/** `host pi-1 (ssh://vt@pi-1): connected, engine 24.0.7` or `... unreachable: why`. */
export function hostLine(host: HostState): string {
	const state = host.state === 'connected' ? `connected${host.engine ? `, engine ${sanitizeLine(host.engine.version)}` : ''}` : `${host.state}${host.reason ? `: ${sanitizeLine(host.reason)}` : ''}`;
	return `host ${sanitizeLine(host.name)} (${sanitizeLine(host.address)}): ${state}`;
}

/** One host of a fleet: its state, its engine, and (down) why, as `engineDown` says it for one host. */
function hostJson(host: HostState, listing: NodeListing) {
	const nodes = listing.rows.filter(row => row.host === host.name);
	return {
		name: sanitizeLine(host.name),
		address: sanitizeLine(host.address),
		state: host.state,
		engine: host.engine ?? null,
		...(host.state === 'connected' ? {} : {engineDown: sanitizeLine(host.reason ?? host.state), engineDownKind: host.kind ?? 'failed'}),
		counts: countNodes(nodes),
	};
}

/** A node's runs, helpers and leftovers; null when the engine was not asked for them. */
function worldJson(row: NodeRow) {
	return {
		runs: row.runs
			? row.runs.map(run => ({
					runId: sanitizeLine(run.runId),
					container: sanitizeLine(run.container),
					id: run.id,
					state: run.state,
					exitCode: run.exitCode ?? null,
					oomKilled: run.oomKilled ?? null,
					image: sanitizeLine(run.image),
					created: run.created,
					ambiguous: run.ambiguous,
				}))
			: null,
		helpers: row.helpers
			? row.helpers.map(helper => ({
					kind: helper.kind,
					container: sanitizeLine(helper.container),
					id: helper.id,
					state: helper.state,
					exitCode: helper.exitCode ?? null,
					runId: helper.runId === undefined ? null : sanitizeLine(helper.runId),
					ambiguous: helper.ambiguous,
				}))
			: null,
		leftovers: row.leftovers ? row.leftovers.map(item => ({kind: item.kind, name: sanitizeLine(item.name), reason: item.reason, ambiguous: item.ambiguous})) : null,
	};
}
