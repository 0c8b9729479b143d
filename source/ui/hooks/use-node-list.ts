/**
 * The node table's data: listed once, then refreshed when Docker says a node
 * container changed, and again each time the event stream (re)starts listening
 * (what changed before it is not replayed). The event stream also tells when the
 * engine goes away and comes back; the last rows stay on screen meanwhile. A
 * slow resync catches what Docker itself dropped; a listing that changes
 * nothing changes no state, so an idle table writes nothing.
 */
import {isDeepStrictEqual} from 'node:util';
import {useCallback, useEffect, useRef, useState} from 'react';
import type {NodeRow} from '../../domain/node-row.js';
import type {EngineErrorKind, EngineInfo} from '../../docker/engine.js';
import type {StoreProblem} from '../../config/config-store.js';
import type {AppServices} from '../services.js';
import type {HostState, NodeListing} from '../../services/node-service.js';

/** `kind` of a down engine: `permission` when it runs but this user may not use it. */
export type EngineStatus = {state: 'connecting'} | {state: 'up'; info: EngineInfo} | {state: 'down'; message: string; kind?: EngineErrorKind; info?: EngineInfo};

export type NodeListState = {
	rows: NodeRow[];
	problems: StoreProblem[];
	loaded: boolean;
	engine: EngineStatus;
	/** Bumped on every container event, so views of one container can refetch. */
	eventCount: number;
	/** A fleet's hosts and their states (the hosts line); undefined on one host. */
	hosts?: HostState[];
};

/** When the table is listed again; the README quotes these, tests shorten them. */
export const nodeListTiming = {
	/** Container events this close together bring one listing. */
	debounceMs: 100,
	/** Events that never pause for a debounce (another tool busy on the engine) still bring a listing this often. */
	maxWaitMs: 1000,
	/** While the engine is down the listing is asked for again this often, whatever the event stream says. */
	retryMs: 1000,
	/** A listing this often whatever the event stream says: Docker drops events for a subscriber that falls behind. */
	resyncMs: 30_000,
};
/** Listings waiting on an engine that does not answer; no more are started meanwhile. */
const maxPending = 3;

/** @param first a listing already asked for while the UI was loading (saves a round of start-up time) */
export function useNodeList(services: AppServices, first?: Promise<NodeListing>, ready?: NodeListing): NodeListState & {refresh: () => Promise<void>} {
	// A listing that was already there when the UI started is in the very first frame.
	const [state, setState] = useState<NodeListState>(() =>
		ready
			? {rows: ready.rows, problems: ready.problems, loaded: true, engine: engineOf(ready), eventCount: 0, ...(ready.hosts ? {hosts: ready.hosts} : {})}
			: {rows: [], problems: [], loaded: false, engine: {state: 'connecting'}, eventCount: 0},
	);
	const sequence = useRef(0);
	// The newest listing shown: a listing that hangs must not hold back a later one that answered.
	const shown = useRef(0);
	const pending = useRef(0);

	const refresh = useCallback(async (waiting?: Promise<NodeListing>) => {
		const id = ++sequence.current;
		pending.current++;
		return (waiting ?? services.nodes.list())
			.then(
				listing => {
					if (id > shown.current) {
						shown.current = id;
						setState(previous => {
							// Rows with container facts stay while the engine is away; configs alone fill an empty table.
							const keepRows = listing.engineDown !== undefined && previous.loaded && (previous.engine.state === 'up' || (previous.engine.state === 'down' && previous.engine.info !== undefined));
							const next = {...previous, rows: keepRows ? previous.rows : listing.rows, problems: listing.problems, loaded: true, engine: engineOf(listing, previous.engine), ...(listing.hosts ? {hosts: listing.hosts} : {})};
							// The same state object when nothing changed: no render, nothing written to the terminal.
							return isDeepStrictEqual(next, previous) ? previous : next;
						});
					}
				},
				(error: unknown) => {
					if (id === sequence.current && id > shown.current) {
						const message = error instanceof Error ? error.message : String(error);
						setState(previous => ({...previous, loaded: true, engine: {state: 'down', message, ...(previous.engine.state === 'up' ? {info: previous.engine.info} : {})}}));
					}
				},
			)
			.finally(() => {
				pending.current--;
			});
	}, [services]);

	// A listing that failed or hung right after the engine came back would otherwise wait for the next container event.
	const down = state.engine.state === 'down';
	useEffect(() => {
		if (!down) {
			return;
		}

		const timer = setInterval(() => {
			if (pending.current < maxPending) {
				void refresh();
			}
		}, nodeListTiming.retryMs);
		return () => {
			clearInterval(timer);
		};
	}, [down, refresh]);

	useEffect(() => {
		const abort = new AbortController();
		let timer: NodeJS.Timeout | undefined;
		// The first event not yet followed by a listing: the debounce waits no longer than maxWaitMs after it.
		let waitingSince: number | undefined;
		const schedule = () => {
			const now = Date.now();
			waitingSince ??= now;
			clearTimeout(timer);
			timer = setTimeout(
				() => {
					waitingSince = undefined;
					void refresh();
				},
				Math.max(0, Math.min(nodeListTiming.debounceMs, waitingSince + nodeListTiming.maxWaitMs - now)),
			);
		};

		// The safety net for events Docker dropped; one listing at a time, none stacked on an engine that hangs.
		const resync = setInterval(() => {
			if (pending.current === 0) {
				void refresh();
			}
		}, nodeListTiming.resyncMs);

		if (!ready) {
			void refresh(first);
		}
		(async () => {
			for await (const event of services.engine.events(abort.signal)) {
				if (event.type === 'engine') {
					if (event.status === 'connected') {
						schedule();
					} else {
						setState(previous =>
							previous.engine.state === 'down' && previous.engine.message === event.message
								? previous
								: {...previous, engine: {state: 'down', message: event.message, ...(event.kind ? {kind: event.kind} : {}), ...(previous.engine.state === 'up' ? {info: previous.engine.info} : {})}},
						);
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
			clearInterval(resync);
		};
	}, [services, refresh]);

	return {...state, refresh};
}

/** The engine's state after a listing: up, or down with the configs listed anyway. */
function engineOf(listing: NodeListing, previous?: EngineStatus): EngineStatus {
	if (listing.engine) {
		return {state: 'up', info: listing.engine};
	}

	return {
		state: 'down',
		message: listing.engineDown ?? 'Docker engine unreachable',
		...(listing.engineDownKind ? {kind: listing.engineDownKind} : {}),
		...(previous?.state === 'up' ? {info: previous.info} : {}),
	};
}
