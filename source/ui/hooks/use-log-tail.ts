/**
 * The selected node's log, following. Entries go into a bounded buffer outside
 * React state and reach the screen at most every 100 ms, so a chatty node
 * costs ten renders a second, not one per line, and those renders are the
 * log pane's alone (log-feed.ts): the rest of the app renders when the node,
 * the stream's state or the keys change. When the node's container is
 * replaced (a restart), the pane goes on with the new one after a marker line;
 * while the node is down it says so. The streams of the nodes next to the
 * selection are open ahead (log-streams.ts), so a move to one shows its log
 * in the same frame as the moved selection.
 */
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {LineBuffer} from '../../domain/line-buffer.js';
import type {LogEntry} from '../../domain/log-view.js';
import {logRanges, type LogRange} from '../../state/log-state.js';
import type {AppServices} from '../services.js';
import {emptyEntries, fixedSource, LogFeed, type LogSource} from './log-feed.js';
import {LogPrefetch, LogStream} from './log-streams.js';

export {splitTimestamp} from './log-streams.js';

export type LogTail = {
	/**
	 * What the pane draws: a view onto the ring buffer (never a copy), renewed at each flush without a
	 * render of the app; read it with useSyncExternalStore, or with `get()` when a key comes.
	 */
	source: LogSource;
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
/** How long the first lines of a new stream are gathered before they are drawn (the history comes in a burst). */
const firstFlushMs = 8;
/** The window opened ahead: the pane's default, so a stream taken over is the one the pane would open. */
const aheadRange: LogRange = 'tail200';

type TailState = Pick<LogTail, 'state'> & {
	/** The node whose lines the feed holds. */
	nodeKey?: string;
};

/**
 * @param ahead containers of the nodes a key press away from the selected one (rows above and below);
 * their streams are opened ahead while the pane shows the default window.
 * @param subject what the container is: a node's comes back after a restart, a run's ends for good.
 */
export function useLogTail(
	services: AppServices,
	nodeKey: string | undefined,
	containerId: string | undefined,
	active: boolean,
	range: LogRange,
	options: LogTailOptions,
	ahead: readonly string[] = [],
	subject: 'node' | 'run' = 'node',
): LogTail {
	const buffer = useRef(new LineBuffer<LogEntry>(options.capacity));
	const owner = useRef<string | undefined>(undefined);
	const dirty = useRef(false);
	const [feed] = useState(() => new LogFeed());
	const [tail, setTail] = useState<TailState>({state: 'idle'});
	/** The node whose lines the app last rendered the feed for: the app renders again only when it changes. */
	const feedNode = useRef<string | undefined>(undefined);
	const last = useRef<{nodeKey?: string; containerId?: string; range?: LogRange}>({});
	const openStream = useCallback(
		(id: string, window: {tail?: number; since?: number}) => new LogStream(services.engine, id, window, options.colors, logRanges[aheadRange].tail!),
		[services, options.colors],
	);
	const prefetch = useMemo(() => new LogPrefetch(id => openStream(id, {tail: logRanges[aheadRange].tail!})), [openStream]);
	useEffect(() => () => prefetch.close(), [prefetch]);

	const flushRef = useRef<(force: boolean) => void>(() => undefined);
	useEffect(() => {
		let lastFlush = 0;
		let lengthAtFlush = 0;
		let droppedAtLastFlush = 0;
		const flush = (force: boolean) => {
			const ring = buffer.current;
			// A busy log (more than ~200 lines/s) repaints 5 times a second instead of 10: each frame costs
			// Ink a full layout, and nobody reads a faster scroll. Keys still repaint at once.
			const arrived = ring.length + ring.dropped - lengthAtFlush - droppedAtLastFlush;
			const due = arrived > 20 ? 2 * flushMs : flushMs;
			if (dirty.current && (force || Date.now() - lastFlush >= due - 5)) {
				lastFlush = Date.now();
				lengthAtFlush = ring.length;
				droppedAtLastFlush = ring.dropped;
				dirty.current = false;
				const {length, generation} = ring;
				// Entries dropped since this view was taken shift positions by that many.
				const droppedAtFlush = ring.dropped;
				const at = (index: number) => (ring.generation === generation && index < length ? ring.at(index - (ring.dropped - droppedAtFlush)) : undefined);
				const key = owner.current;
				feed.set({entries: {length, at}, dropped: droppedAtFlush});
				if (feedNode.current !== key) {
					feedNode.current = key;
					setTail(previous => ({...previous, nodeKey: key}));
				}
			}
		};

		flushRef.current = flush;
		const timer = setInterval(() => flush(false), flushMs);
		return () => clearInterval(timer);
	}, [feed]);

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
			owner.current = nodeKey;
			dirty.current = true;
		} else if (replaced) {
			marker(`── the node was restarted: new container ${containerId.slice(0, 12)} ──`);
		}

		// While the node is down there is no container; remember the last one, so the next is seen as a restart.
		const known = containerId ?? (sameNode ? previous.containerId : undefined);
		last.current = {nodeKey, ...(known ? {containerId: known} : {}), range};
		if (!containerId) {
			flushRef.current(true);
			const hasLines = feed.get().entries.length > 0;
			setTail(current => ({...current, state: sameNode && hasLines ? 'ended' : 'idle'}));
			return;
		}

		const {tail: lines, sinceSeconds} = logRanges[range];
		// A replacement container is new: all of its lines are the continuation. The stream opened ahead
		// asked for the default window; it is the one to take when that is the window wanted.
		const window = replaced ? {} : {...(lines === undefined ? {} : {tail: lines}), ...(sinceSeconds === undefined ? {} : {since: Math.floor(Date.now() / 1000) - sinceSeconds})};
		const stream = (!replaced && range === aheadRange ? prefetch.take(containerId) : undefined) ?? openStream(containerId, window);
		setTail(current => ({...current, state: 'streaming'}));
		let first: ReturnType<typeof setTimeout> | undefined;
		let closed = false;
		stream.attach({
			line(entry) {
				if (closed) {
					return;
				}

				buffer.current.push(entry);
				dirty.current = true;
				// The first lines of a new stream are drawn as soon as they are in, not at the next tick.
				first ??= setTimeout(() => flushRef.current(true), firstFlushMs);
			},
			end(error) {
				if (closed) {
					return;
				}

				if (error !== undefined) {
					marker(`── the log stream failed: ${error} ──`);
				}

				marker(subject === 'run' ? '── the run container has exited ──' : '── the container stopped; waiting for the node to start again ──');
				setTail(current => ({...current, state: 'ended'}));
			},
		});
		// The lines taken over from the stream opened ahead are drawn now: the switch shows them at once.
		flushRef.current(true);
		return () => {
			closed = true;
			stream.close();
			clearTimeout(first);
		};
	}, [services, nodeKey, containerId, active, range, prefetch, openStream, subject, feed]);

	// Declared after the stream effect, so a stream is taken over before the prefetch lets go of it.
	const aheadKey = active && range === aheadRange ? ahead.filter(id => id !== containerId).join(' ') : '';
	useEffect(() => {
		prefetch.keep(aheadKey ? aheadKey.split(' ') : []);
	}, [prefetch, aheadKey]);

	const held = useCallback(() => buffer.current.slice(), []);
	// Until the pane's own buffer holds the selected node, show what was opened ahead for it (never the
	// lines of the node before).
	const switching = active && tail.nodeKey !== nodeKey;
	const source = useMemo(
		() => (switching ? fixedSource({entries: (containerId ? prefetch.peek(containerId) : undefined) ?? emptyEntries, dropped: 0}, feed.subscribe) : feed),
		[switching, containerId, prefetch, feed],
	);
	return useMemo(() => ({state: tail.state, source, held}), [tail.state, source, held]);
}
