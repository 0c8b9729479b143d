/**
 * The selected node's log, following. Entries go into a bounded buffer outside
 * React state and reach the screen at most every 100 ms, so a chatty node
 * costs ten renders a second, not one per line. When the node's container is
 * replaced (a restart), the pane goes on with the new one after a marker line;
 * while the node is down it says so.
 */
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {LineBuffer} from '../../domain/line-buffer.js';
import type {Entries, LogEntry} from '../../domain/log-view.js';
import {sanitize} from '../../domain/sanitize.js';
import {expandTabs} from '../../domain/tabs.js';
import {logRanges, type LogRange} from '../../state/log-state.js';
import type {AppServices} from '../services.js';

/** `entries` is a view onto the ring buffer, renewed at each flush (so memo keys change), never a copy. */
export type LogTail = {
	entries: Entries;
	dropped: number;
	state: 'idle' | 'streaming' | 'ended';
	/** Every entry held right now (for saving), not only those of the last flush. */
	held: () => LogEntry[];
};

export type LogTailOptions = {
	/** Entries kept; older ones are dropped (and counted). @default 10000 */
	capacity: number;
	/** Keep the container's colour codes (every other control sequence is always removed). @default true */
	colors: boolean;
};

const flushMs = 100;
const emptyEntries: Entries = {length: 0, at: () => undefined};

/** Docker prefixes each line with its RFC 3339 time when asked for timestamps. */
export function splitTimestamp(line: string): {time?: string; text: string} {
	const space = line.indexOf(' ');
	return space > 19 && /^\d{4}-\d\d-\d\dT/.test(line) ? {time: line.slice(0, space), text: line.slice(space + 1)} : {text: line};
}

export function useLogTail(
	services: AppServices,
	nodeKey: string | undefined,
	containerId: string | undefined,
	active: boolean,
	range: LogRange,
	options: LogTailOptions,
): LogTail {
	const buffer = useRef(new LineBuffer<LogEntry>(options.capacity));
	const dirty = useRef(false);
	const [tail, setTail] = useState<Omit<LogTail, 'held'>>({entries: emptyEntries, dropped: 0, state: 'idle'});
	const last = useRef<{nodeKey?: string; containerId?: string; range?: LogRange}>({});

	useEffect(() => {
		let lastFlush = 0;
		let lengthAtFlush = 0;
		let droppedAtLastFlush = 0;
		const timer = setInterval(() => {
			const ring = buffer.current;
			// A busy log (more than ~200 lines/s) repaints 5 times a second instead of 10: each frame costs
			// Ink a full layout, and nobody reads a faster scroll. Keys still repaint at once.
			const arrived = ring.length + ring.dropped - lengthAtFlush - droppedAtLastFlush;
			const due = arrived > 20 ? 2 * flushMs : flushMs;
			if (dirty.current && Date.now() - lastFlush >= due - 5) {
				lastFlush = Date.now();
				lengthAtFlush = ring.length;
				droppedAtLastFlush = ring.dropped;
				dirty.current = false;
				const {length, generation} = ring;
				// Entries dropped since this view was taken shift positions by that many.
				const droppedAtFlush = ring.dropped;
				const at = (index: number) => (ring.generation === generation && index < length ? ring.at(index - (ring.dropped - droppedAtFlush)) : undefined);
				setTail(previous => ({...previous, entries: {length, at}, dropped: droppedAtFlush}));
			}
		}, flushMs);
		return () => clearInterval(timer);
	}, []);

	useEffect(() => {
		if (!active || !nodeKey) {
			return;
		}

		const marker = (text: string) => {
			buffer.current.push({text, marker: true});
			dirty.current = true;
		};

		const previous = last.current;
		const sameNode = previous.nodeKey === nodeKey && previous.range === range;
		const replaced = sameNode && containerId !== undefined && previous.containerId !== undefined && previous.containerId !== containerId;
		// The same container again (the pane was hidden, by a resize for one): its window is fetched anew.
		const again = sameNode && containerId !== undefined && previous.containerId === containerId;
		if (!sameNode || again) {
			buffer.current.clear();
			dirty.current = true;
		} else if (replaced) {
			marker(`── the node was restarted: new container ${containerId.slice(0, 12)} ──`);
		}

		// While the node is down there is no container; remember the last one, so the next is seen as a restart.
		const known = containerId ?? (sameNode ? previous.containerId : undefined);
		last.current = {nodeKey, ...(known ? {containerId: known} : {}), range};
		if (!containerId) {
			setTail(current => ({...current, state: sameNode && current.entries.length > 0 ? 'ended' : 'idle'}));
			return;
		}

		const abort = new AbortController();
		const {tail: lines, sinceSeconds} = logRanges[range];
		// A replacement container is new: all of its lines are the continuation.
		const window = replaced ? {} : {...(lines === undefined ? {} : {tail: lines}), ...(sinceSeconds === undefined ? {} : {since: Math.floor(Date.now() / 1000) - sinceSeconds})};
		setTail(current => ({...current, state: 'streaming'}));
		(async () => {
			for await (const line of services.engine.logs(containerId, {follow: true, timestamps: true, signal: abort.signal, ...window})) {
				const {time, text} = splitTimestamp(line.text);
				buffer.current.push({text: expandTabs(sanitize(text, {keepColors: options.colors})), ...(time ? {time} : {})});
				dirty.current = true;
			}
		})()
			.catch((error: unknown) => {
				if (!abort.signal.aborted) {
					marker(`── the log stream failed: ${error instanceof Error ? error.message : String(error)} ──`);
				}
			})
			.finally(() => {
				if (!abort.signal.aborted) {
					marker('── the container stopped; waiting for the node to start again ──');
					setTail(current => ({...current, state: 'ended'}));
				}
			});
		return () => abort.abort();
	}, [services, nodeKey, containerId, active, range, options.colors]);

	const held = useCallback(() => buffer.current.slice(), []);
	return useMemo(() => ({...tail, held}), [tail, held]);
}
