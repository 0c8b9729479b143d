/** Live resource use of the containers on screen: streams open only for `ids`, closed when an id leaves. */
import {useEffect, useRef, useState} from 'react';
import type {StatsSnapshot, StatsWatcher} from '../../services/stats-watch.js';
import type {AppServices} from '../services.js';

const none: StatsSnapshot = new Map();

/** The latest sample of each watched container; the state changes at most once a second (one re-render for all). */
export function useContainerStats(services: AppServices, ids: readonly string[]): StatsSnapshot {
	const [cells, setCells] = useState<StatsSnapshot>(none);
	const watcher = useRef<StatsWatcher | undefined>(undefined);
	useEffect(() => {
		const watch = services.watchStats(setCells);
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
