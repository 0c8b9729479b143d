/**
 * The node table's data: listed once, then refreshed when Docker says a node
 * container changed (never by polling). The event stream also tells when the
 * engine goes away and comes back; the last rows stay on screen meanwhile.
 */
import {useCallback, useEffect, useRef, useState} from 'react';
import type {NodeRow} from '../../domain/node-row.js';
import type {EngineInfo} from '../../docker/engine.js';
import type {StoreProblem} from '../../config/config-store.js';
import type {AppServices} from '../services.js';

export type EngineStatus = {state: 'connecting'} | {state: 'up'; info: EngineInfo} | {state: 'down'; message: string; info?: EngineInfo};

export type NodeListState = {
	rows: NodeRow[];
	problems: StoreProblem[];
	loaded: boolean;
	engine: EngineStatus;
	/** Bumped on every container event, so views of one container can refetch. */
	eventCount: number;
};

const debounceMs = 100;

export function useNodeList(services: AppServices): NodeListState & {refresh: () => void} {
	const [state, setState] = useState<NodeListState>({rows: [], problems: [], loaded: false, engine: {state: 'connecting'}, eventCount: 0});
	const sequence = useRef(0);

	const refresh = useCallback(() => {
		const id = ++sequence.current;
		services.nodes.list().then(
			listing => {
				if (id === sequence.current) {
					setState(previous => ({...previous, rows: listing.rows, problems: listing.problems, loaded: true, engine: {state: 'up', info: listing.engine}}));
				}
			},
			(error: unknown) => {
				if (id === sequence.current) {
					const message = error instanceof Error ? error.message : String(error);
					setState(previous => ({...previous, loaded: true, engine: {state: 'down', message, ...(previous.engine.state === 'up' ? {info: previous.engine.info} : {})}}));
				}
			},
		);
	}, [services]);

	useEffect(() => {
		const abort = new AbortController();
		let timer: NodeJS.Timeout | undefined;
		const schedule = () => {
			clearTimeout(timer);
			timer = setTimeout(refresh, debounceMs);
		};

		refresh();
		(async () => {
			for await (const event of services.engine.events(abort.signal)) {
				if (event.type === 'engine') {
					if (event.status === 'connected') {
						schedule();
					} else {
						setState(previous => ({...previous, engine: {state: 'down', message: event.message, ...(previous.engine.state === 'up' ? {info: previous.engine.info} : {})}}));
					}

					continue;
				}

				setState(previous => ({...previous, eventCount: previous.eventCount + 1}));
				schedule();
			}
		})().catch(() => undefined);

		return () => {
			abort.abort();
			clearTimeout(timer);
		};
	}, [services, refresh]);

	return {...state, refresh};
}
