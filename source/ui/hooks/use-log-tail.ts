/**
 * The selected node's log, following. Lines go into a bounded buffer outside
 * React state and reach the screen at most every 100 ms, so a chatty node
 * costs ten renders a second, not one per line. A new container of the same
 * node (a restart) continues the same pane after a marker line.
 */
import {useEffect, useRef, useState} from 'react';
import {LineBuffer} from '../../domain/line-buffer.js';
import {expandTabs, sanitize} from '../../domain/sanitize.js';
import type {AppServices} from '../services.js';

export type LogTail = {lines: string[]; dropped: number; state: 'idle' | 'streaming' | 'ended'};

export const logCapacity = 5000;
const flushMs = 100;
const initialTail = 200;

export function useLogTail(services: AppServices, nodeKey: string | undefined, containerId: string | undefined, active: boolean): LogTail {
	const buffer = useRef(new LineBuffer(logCapacity));
	const dirty = useRef(false);
	const [tail, setTail] = useState<LogTail>({lines: [], dropped: 0, state: 'idle'});
	const lastContainer = useRef<{nodeKey?: string; containerId?: string}>({});

	useEffect(() => {
		const timer = setInterval(() => {
			if (dirty.current) {
				dirty.current = false;
				setTail(previous => ({...previous, lines: buffer.current.slice(), dropped: buffer.current.dropped}));
			}
		}, flushMs);
		return () => clearInterval(timer);
	}, []);

	useEffect(() => {
		if (!active || !nodeKey) {
			return;
		}

		const previous = lastContainer.current;
		if (previous.nodeKey !== nodeKey) {
			buffer.current.clear();
			dirty.current = true;
		} else if (containerId && previous.containerId && previous.containerId !== containerId) {
			buffer.current.push(`── new container ${containerId.slice(0, 12)} ──`);
			dirty.current = true;
		}

		lastContainer.current = {nodeKey, containerId};
		if (!containerId) {
			setTail(previous => ({...previous, state: 'idle'}));
			return;
		}

		const abort = new AbortController();
		setTail(previous => ({...previous, state: 'streaming'}));
		(async () => {
			for await (const line of services.engine.logs(containerId, {follow: true, tail: initialTail, signal: abort.signal})) {
				buffer.current.push(expandTabs(sanitize(line.text)));
				dirty.current = true;
			}
		})()
			.catch((error: unknown) => {
				if (!abort.signal.aborted) {
					buffer.current.push(`── log stream failed: ${error instanceof Error ? error.message : String(error)} ──`);
					dirty.current = true;
				}
			})
			.finally(() => {
				if (!abort.signal.aborted) {
					buffer.current.push('── log ended (container stopped) ──');
					dirty.current = true;
					setTail(previous => ({...previous, state: 'ended'}));
				}
			});
		return () => abort.abort();
	}, [services, nodeKey, containerId, active]);

	return tail;
}
