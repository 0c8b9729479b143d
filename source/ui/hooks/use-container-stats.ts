/** Live resource use of the containers on screen: streams open only for `ids`, closed when an id leaves. */
import {useEffect, useRef, useState} from 'react';
import {steadyStats} from '../../domain/container-stats.js';
import type {StatsCell, StatsSnapshot, StatsWatcher} from '../../services/stats-watch.js';
import type {AppServices} from '../services.js';

const none: StatsSnapshot = new Map();

/** The latest sample of each watched container; the state changes at most once a second (one re-render for all). */
export function useContainerStats(services: AppServices, ids: readonly string[]): StatsSnapshot {
	const [cells, setCells] = useState<StatsSnapshot>(none);
	const watcher = useRef<StatsWatcher | undefined>(undefined);
	useEffect(() => {
		const watch = services.watchStats(next => setCells(shown => steadySnapshot(shown, next)));
		watcher.current = watch;
		return () => {
			watch.close();
			watcher.current = undefined;
		};
	}, [services]);
	// Ids are hex: a comma-joined key changes only when the set on screen does.
	const key = ids.join(',');
	useEffect(() => {
		watcher.current?.watch(key ? key.split(',') : []);
	}, [key, services]);
	return cells;
}

/**
 * The next snapshot, keeping each shown cell whose change is noise (steadyStats); the same map when
 * nothing moved, so React renders nothing and the terminal gets no bytes.
 */
export function steadySnapshot(shown: StatsSnapshot, next: StatsSnapshot): StatsSnapshot {
	let changed = shown.size !== next.size;
	const merged = new Map<string, StatsCell>();
	for (const [id, cell] of next) {
		const before = shown.get(id);
		const kept: StatsCell = before?.state === 'ok' && cell.state === 'ok' ? {state: 'ok', stats: steadyStats(before.stats, cell.stats)} : cell;
		const same = before !== undefined && before.state === kept.state && (kept.state === 'ok' ? before.state === 'ok' && before.stats === kept.stats : before.state === 'failed' && kept.state === 'failed' && before.error === kept.error);
		merged.set(id, same ? before : kept);
		changed ||= !same;
	}

	return changed ? merged : shown;
}
