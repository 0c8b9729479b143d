/**
 * `vnode-tui stats [NAME] [--json] [--no-stream]`: CPU % and memory of the
 * running node containers and their algorithm runs, as `docker stats` shows
 * them. Streams (a refresh a second) until Ctrl-C on a terminal or with
 * --json; a table written to a pipe or file is printed once, as --no-stream.
 */
import {formatBytes, formatCpu, memoryPercent, type ContainerStats} from '../domain/container-stats.js';
import type {Scope} from '../domain/node-config.js';
import {safeText} from '../domain/safe-text.js';
import {sanitizeLine} from '../domain/sanitize.js';
import {EngineError} from '../docker/engine.js';
import type {NodeListing, NodeService} from '../services/node-service.js';
import {StatsWatch, type StatsCell} from '../services/stats-watch.js';
import {textTable} from './text-table.js';
import {abortableSleep as sleep} from '../domain/abortable-sleep.js';

/** A running container whose use is shown: a node's, or one of its runs'. */
export type StatsTarget = {node: string; scope?: Scope; kind: 'node' | 'run'; runId?: string; container: string; id: string};

export type StatsOptions = {
	json: boolean;
	/** false: one sample each, then exit (--no-stream). */
	stream: boolean;
	/** Standard output is a terminal: the table is redrawn in place. */
	terminal: boolean;
	/** How often the output is refreshed and the containers listed again. @default 1000, 5000 */
	refreshMs?: number;
	relistMs?: number;
};

type Io = {out(text: string): void; err(text: string): void; json(value: unknown): void; jsonLine(value: unknown): void; raw(text: string): void};

/** Cursor home and clear to the end of the screen: the table is drawn over the last one. */
const redraw = '\u001B[H\u001B[J';

export function statsTargets(listing: NodeListing, ref?: {name: string; scope?: Scope}): StatsTarget[] {
	return listing.rows
		.filter(row => !ref || (row.name === ref.name && (!ref.scope || row.scope === ref.scope)))
		.flatMap(row => {
			const identity = {node: row.name, ...(row.scope ? {scope: row.scope} : {})};
			const node: StatsTarget[] = row.status === 'running' && row.container ? [{...identity, kind: 'node', container: row.container.name, id: row.container.id}] : [];
			const runs: StatsTarget[] = (row.runs ?? []).filter(run => run.state === 'running').map(run => ({...identity, kind: 'run', runId: run.runId, container: run.container, id: run.id}));
			return [...node, ...runs];
		});
}

export function statsTable(targets: readonly StatsTarget[], cells: ReadonlyMap<string, StatsCell | undefined>): string {
	if (targets.length === 0) {
		return 'No node or run container is running.';
	}

	return textTable(
		['NODE', 'CONTAINER', 'KIND', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %'],
		targets.map(target => {
			const cell = cells.get(target.id);
			const stats = cell?.state === 'ok' ? cell.stats : undefined;
			const share = stats ? memoryPercent(stats) : undefined;
			return [
				sanitizeLine(target.node),
				sanitizeLine(target.container),
				target.kind === 'run' ? `run ${sanitizeLine(target.runId ?? '?')}` : 'node',
				formatCpu(stats?.cpuPercent),
				stats ? `${formatBytes(stats.memoryUsed)} / ${formatBytes(stats.memoryLimit)}` : '-',
				share === undefined ? '-' : `${share.toFixed(1)}%`,
			];
		}),
	);
}

/** The shape of `stats --json` (README): numbers in bytes and percent; null when not measured. */
export function statsJson(targets: readonly StatsTarget[], cells: ReadonlyMap<string, StatsCell | undefined>, now: Date): unknown {
	return {
		version: 1,
		time: now.toISOString(),
		containers: targets.map(target => {
			const cell = cells.get(target.id);
			const stats: ContainerStats | undefined = cell?.state === 'ok' ? cell.stats : undefined;
			return {
				node: target.node,
				scope: target.scope ?? null,
				kind: target.kind,
				...(target.runId === undefined ? {} : {runId: target.runId}),
				container: target.container,
				id: target.id,
				cpuPercent: stats?.cpuPercent === undefined ? null : round(stats.cpuPercent),
				memoryUsed: stats ? stats.memoryUsed : null,
				memoryLimit: stats ? stats.memoryLimit : null,
				memoryPercent: stats && memoryPercent(stats) !== undefined ? round(memoryPercent(stats)!) : null,
				...(cell?.state === 'failed' ? {error: cell.error} : {}),
			};
		}),
	};
}

export async function runStats(service: NodeService, io: Io, signal: AbortSignal, ref: {name: string; scope?: Scope} | undefined, options: StatsOptions): Promise<number> {
	const {engine} = service.deps;
	const listed = async () => {
		const listing = await service.list();
		if (listing.engineDown !== undefined) {
			throw new EngineError('daemon-unreachable', listing.engineDown);
		}

		if (ref && !listing.rows.some(row => row.name === ref.name && (!ref.scope || row.scope === ref.scope))) {
			throw new EngineError('not-found', `No node ${ref.name}${ref.scope ? ` (${ref.scope})` : ''}: no config and no container. 'vnode-tui list' shows the nodes.`);
		}

		return statsTargets(listing, ref);
	};

	let targets = await listed();
	const print = (cells: ReadonlyMap<string, StatsCell | undefined>, streaming: boolean) => {
		if (options.json) {
			// Streaming: one object a line (NDJSON), so a reader can take each refresh as it comes.
			(streaming ? io.jsonLine : io.json)(statsJson(targets, cells, new Date()));
		} else if (streaming && options.terminal) {
			io.raw(`${redraw}${safeText(statsTable(targets, cells))}`);
		} else {
			io.out(statsTable(targets, cells));
		}
	};

	if (!options.stream || (!options.json && !options.terminal)) {
		const samples = await Promise.all(
			targets.map(async (target): Promise<[string, StatsCell | undefined]> => {
				try {
					const stats = await engine.statsOnce(target.id, signal);
					return [target.id, stats ? {state: 'ok', stats} : undefined];
				} catch (error) {
					if (error instanceof EngineError && error.kind === 'daemon-unreachable') {
						throw error;
					}

					// Stopped or removed since the listing: shown as `-`.
					return [target.id, {state: 'failed', error: error instanceof Error ? error.message : String(error)}];
				}
			}),
		);
		print(new Map(samples), false);
		return 0;
	}

	let cells: ReadonlyMap<string, StatsCell> = new Map();
	const watch = new StatsWatch(engine, latest => {
		cells = latest;
	}, {flushMs: Math.min(500, options.refreshMs ?? 1000)});
	watch.watch(targets.map(target => target.id));
	const refreshMs = options.refreshMs ?? 1000;
	const relistEvery = Math.max(1, Math.round((options.relistMs ?? 5000) / refreshMs));
	try {
		for (let tick = 1; !signal.aborted; tick++) {
			await sleep(refreshMs, signal);
			if (signal.aborted) {
				break;
			}

			if (tick % relistEvery === 0) {
				// Nodes and runs that started since are added, those that stopped dropped; an engine hiccup keeps the last list.
				targets = await listed().catch(() => targets);
				watch.watch(targets.map(target => target.id));
			}

			print(cells, true);
		}
	} finally {
		watch.close();
	}

	return 0;
}

function round(value: number): number {
	return Math.round(value * 100) / 100;
}

