/**
 * Log streams of containers, opened before anyone looks at them: the nodes a
 * key press away from the selected one (the rows above and below it) have
 * their stream open with the pane's usual window (the last 200 lines), so
 * moving to one shows its log in the same frame as the moved selection, with
 * no request to wait for. The pane takes the stream over itself (no second
 * request): what was parked and what follows are one stream, so no line is
 * lost or shown twice. Bounded: a few streams, a few hundred lines each, each
 * closed as soon as its node is no longer next to the selection.
 */
import {logLineText} from '../../domain/log-line.js';
import {LineBuffer} from '../../domain/line-buffer.js';
import type {Entries, LogEntry} from '../../domain/log-view.js';
import {expandTabs} from '../../domain/tabs.js';
import type {AppServices} from '../services.js';

/** Where a stream's lines go once the pane has taken it; `end` once, with the error if it failed. */
export type LogSink = {line(entry: LogEntry): void; end(error?: string): void};

/** Docker prefixes each line with its RFC 3339 time when asked for timestamps. */
export function splitTimestamp(line: string): {time?: string; text: string} {
	const space = line.indexOf(' ');
	return space > 19 && /^\d{4}-\d\d-\d\dT/.test(line) ? {time: line.slice(0, space), text: line.slice(space + 1)} : {text: line};
}

/** One followed `docker logs` stream: its lines are parked in a small ring until a sink takes them. */
export class LogStream {
	private readonly abort = new AbortController();
	private readonly parked: LineBuffer<LogEntry>;
	private sink: LogSink | undefined;
	private done: {error?: string} | undefined;

	constructor(
		engine: AppServices['engine'],
		containerId: string,
		window: {tail?: number; since?: number},
		colors: boolean,
		/** Lines kept while parked (the newest); the window asked of Docker, so nothing differs from opening it later. */
		parkedCapacity: number,
	) {
		this.parked = new LineBuffer<LogEntry>(parkedCapacity);
		this.run(engine, containerId, window, colors).then(
			() => this.finish(),
			(error: unknown) => this.finish(error instanceof Error ? error.message : String(error)),
		);
	}

	private async run(engine: AppServices['engine'], containerId: string, window: {tail?: number; since?: number}, colors: boolean): Promise<void> {
		const {signal} = this.abort;
		for await (const line of engine.logs(containerId, {follow: true, timestamps: true, signal, ...window})) {
			const {time, text} = splitTimestamp(line.text);
			const entry: LogEntry = {text: expandTabs(logLineText(text, {keepColors: colors})), ...(time ? {time} : {})};
			if (this.sink) {
				this.sink.line(entry);
			} else {
				this.parked.push(entry);
			}
		}
	}

	/** The lines parked so far, oldest first (a copy: at most the parked capacity). */
	peek(): Entries {
		return this.parked.slice();
	}

	/** Sends every line from now on to `sink`, after the parked ones (and the end, if the stream already ended). */
	attach(sink: LogSink): void {
		for (const entry of this.parked.slice()) {
			sink.line(entry);
		}

		this.parked.clear();
		this.sink = sink;
		if (this.done) {
			sink.end(this.done.error);
		}
	}

	close(): void {
		this.abort.abort();
	}

	private finish(error?: string): void {
		if (this.abort.signal.aborted || this.done) {
			return;
		}

		this.done = error === undefined ? {} : {error};
		this.sink?.end(error);
	}
}

/** At most this many streams are open ahead (the row above and the row below the selection). */
export const prefetchLimit = 2;

/** The streams opened ahead, by container id. */
export class LogPrefetch {
	private readonly streams = new Map<string, LogStream>();

	constructor(private readonly open: (containerId: string) => LogStream) {}

	/** Keeps streams open for these containers (the first `prefetchLimit`) and closes every other. */
	keep(containerIds: readonly string[]): void {
		const wanted = new Set(containerIds.slice(0, prefetchLimit));
		for (const [id, stream] of this.streams) {
			if (!wanted.has(id)) {
				stream.close();
				this.streams.delete(id);
			}
		}

		for (const id of wanted) {
			if (!this.streams.has(id)) {
				this.streams.set(id, this.open(id));
			}
		}
	}

	/** What is parked for a container, without taking it (empty when nothing is open for it). */
	peek(containerId: string): Entries | undefined {
		return this.streams.get(containerId)?.peek();
	}

	/** Hands the stream over: it is no longer this prefetch's to keep or close. */
	take(containerId: string): LogStream | undefined {
		const stream = this.streams.get(containerId);
		this.streams.delete(containerId);
		return stream;
	}

	/** The containers with a stream open ahead. */
	get openIds(): string[] {
		return [...this.streams.keys()];
	}

	close(): void {
		this.keep([]);
	}
}
