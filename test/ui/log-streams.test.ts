/**
 * Streams opened ahead for the nodes next to the selection: what is parked
 * and what follows reach the pane once each, in order; streams are bounded,
 * and closed when their node is no longer next to the selection.
 */
import {describe, expect, it} from 'vitest';
import type {LogEntry} from '../../source/domain/log-view.js';
import {LogPrefetch, LogStream, prefetchLimit} from '../../source/ui/hooks/log-streams.js';
import type {AppServices} from '../../source/ui/services.js';

type Opened = {id: string; tail?: number; signal: AbortSignal; push: (text: string) => void; end: (error?: Error) => void};

/** An engine whose `logs` streams are fed by the test. */
function scriptedEngine() {
	const opened: Opened[] = [];
	const engine: AppServices['engine'] = {
		events: () => (async function* () {})(),
		logs(id, options = {}) {
			const queue: Array<{text?: string; error?: Error; done?: boolean}> = [];
			let wake: (() => void) | undefined;
			const feed = (item: {text?: string; error?: Error; done?: boolean}) => {
				queue.push(item);
				wake?.();
			};

			const signal = options.signal!;
			signal.addEventListener('abort', () => feed({done: true}), {once: true});
			opened.push({id, ...(options.tail === undefined ? {} : {tail: options.tail}), signal, push: text => feed({text}), end: error => feed(error ? {error} : {done: true})});
			return (async function* () {
				while (true) {
					const item = queue.shift();
					if (!item) {
						await new Promise<void>(resolve => {
							wake = resolve;
						});
						continue;
					}

					if (item.error) {
						throw item.error;
					}

					if (item.done) {
						return;
					}

					yield {text: item.text!, stream: 'stdout' as const};
				}
			})();
		},
	};
	return {engine, opened};
}

const tick = async () => new Promise(resolve => setImmediate(resolve));
const line = (seq: number) => `2026-12-01T05:00:00.${String(seq).padStart(9, '0')}Z heartbeat seq=${seq}`;

function collect() {
	const entries: LogEntry[] = [];
	const ends: Array<string | undefined> = [];
	return {entries, ends, sink: {line: (entry: LogEntry) => entries.push(entry), end: (error?: string) => ends.push(error)}};
}

describe('log streams opened ahead', () => {
	it('hands every line to the pane once, in order: the parked ones, then what follows on the same stream', async () => {
		const {engine, opened} = scriptedEngine();
		const prefetch = new LogPrefetch(id => new LogStream(engine, id, {tail: 200}, true, 200));
		prefetch.keep(['b']);
		expect(opened.map(stream => [stream.id, stream.tail])).toEqual([['b', 200]]);
		for (let seq = 1; seq <= 5; seq++) {
			opened[0]!.push(line(seq));
		}

		await tick();
		expect([...(prefetch.peek('b') as LogEntry[])].map(entry => entry.text)).toEqual([1, 2, 3, 4, 5].map(seq => `heartbeat seq=${seq}`));
		const stream = prefetch.take('b')!;
		expect(prefetch.openIds).toEqual([]);
		const pane = collect();
		stream.attach(pane.sink);
		for (let seq = 6; seq <= 8; seq++) {
			opened[0]!.push(line(seq));
		}

		await tick();
		expect(pane.entries.map(entry => entry.text)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map(seq => `heartbeat seq=${seq}`));
		expect(pane.entries[0]!.time).toBe('2026-12-01T05:00:00.000000001Z');
		// Taken over, it is the pane's: the prefetch neither reopens nor closes it.
		prefetch.keep([]);
		expect(opened[0]!.signal.aborted).toBe(false);
		expect(opened).toHaveLength(1);
		stream.close();
		expect(opened[0]!.signal.aborted).toBe(true);
	});

	it('keeps the newest lines of the window while parked, and tells the pane a stream that ended or failed before it looked', async () => {
		const {engine, opened} = scriptedEngine();
		const prefetch = new LogPrefetch(id => new LogStream(engine, id, {tail: 3}, true, 3));
		prefetch.keep(['a', 'b']);
		for (let seq = 1; seq <= 10; seq++) {
			opened[0]!.push(line(seq));
		}

		opened[0]!.end();
		opened[1]!.push('\u001B]0;title\u0007plain');
		opened[1]!.end(new Error('engine went away'));
		await tick();
		const a = collect();
		prefetch.take('a')!.attach(a.sink);
		expect(a.entries.map(entry => entry.text)).toEqual(['heartbeat seq=8', 'heartbeat seq=9', 'heartbeat seq=10']);
		expect(a.ends).toEqual([undefined]);
		const b = collect();
		prefetch.take('b')!.attach(b.sink);
		// Sanitized like every line the pane shows.
		expect(b.entries.map(entry => entry.text)).toEqual(['plain']);
		expect(b.ends).toEqual(['engine went away']);
	});

	it('opens at most a few, and closes each as soon as its node is no longer next to the selection', () => {
		const {engine, opened} = scriptedEngine();
		const prefetch = new LogPrefetch(id => new LogStream(engine, id, {tail: 200}, true, 200));
		prefetch.keep(['a', 'b', 'c', 'd']);
		expect(opened.map(stream => stream.id)).toEqual(['a', 'b'].slice(0, prefetchLimit));
		prefetch.keep(['b', 'c']);
		expect(opened.find(stream => stream.id === 'a')!.signal.aborted).toBe(true);
		expect(opened.find(stream => stream.id === 'b')!.signal.aborted).toBe(false);
		expect(prefetch.openIds.sort()).toEqual(['b', 'c']);
		// b was open already: not asked for twice.
		expect(opened.filter(stream => stream.id === 'b')).toHaveLength(1);
		prefetch.close();
		expect(opened.every(stream => stream.signal.aborted)).toBe(true);
		expect(prefetch.peek('b')).toBeUndefined();
	});
});
