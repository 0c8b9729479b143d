/**
 * Stats streams of the containers someone looks at: `watch(ids)` opens a
 * stream for each new id and closes the streams of ids no longer given. The
 * latest sample of each is kept, and handed over at most once per flush
 * interval, all together (one re-render a second for every container, however
 * many streams). A stream that fails or ends while its id is still watched is
 * shown as failed and opened again quietly after a pause.
 */
import type {ContainerStats} from '../domain/container-stats.js';
import type {DockerEngine} from '../docker/engine.js';

/** What is known of a watched container: its latest sample, or why there is none (shown as `-`). */
export type StatsCell = {state: 'ok'; stats: ContainerStats} | {state: 'failed'; error: string};

export type StatsSnapshot = ReadonlyMap<string, StatsCell>;

export type StatsWatcher = {
	/** Streams open for exactly these container ids from now on. */
	watch(ids: readonly string[]): void;
	/** Every stream closed, no more flushes. */
	close(): void;
};

export type StatsWatchOptions = {
	/** How often what changed is handed over. @default 1000 */
	flushMs?: number;
	/** How long a failed or ended stream waits before it is opened again. @default 5000 */
	retryMs?: number;
};

type Watched = {abort: AbortController; retry?: NodeJS.Timeout};

export class StatsWatch implements StatsWatcher {
	private readonly watched = new Map<string, Watched>();
	private readonly cells = new Map<string, StatsCell>();
	private readonly flushMs: number;
	private readonly retryMs: number;
	private timer: NodeJS.Timeout | undefined;
	private changed = false;
	private closed = false;

	constructor(
		private readonly engine: Pick<DockerEngine, 'stats'>,
		private readonly onFlush: (cells: StatsSnapshot) => void,
		options: StatsWatchOptions = {},
	) {
		this.flushMs = options.flushMs ?? 1000;
		this.retryMs = options.retryMs ?? 5000;
	}

	watch(ids: readonly string[]): void {
		if (this.closed) {
			return;
		}

		const wanted = new Set(ids);
		for (const [id, watched] of this.watched) {
			if (!wanted.has(id)) {
				this.stop(id, watched);
			}
		}

		for (const id of wanted) {
			if (!this.watched.has(id)) {
				this.open(id);
			}
		}

		this.schedule();
	}

	close(): void {
		this.closed = true;
		for (const [id, watched] of this.watched) {
			this.stop(id, watched);
		}

		clearInterval(this.timer);
		this.timer = undefined;
	}

	/** Container ids with a stream open or about to be opened again. */
	get ids(): string[] {
		return [...this.watched.keys()];
	}

	private open(id: string): void {
		const watched: Watched = {abort: new AbortController()};
		this.watched.set(id, watched);
		const {signal} = watched.abort;
		void (async () => {
			let failure = 'the stats stream ended';
			try {
				for await (const stats of this.engine.stats(id, signal)) {
					this.cells.set(id, {state: 'ok', stats});
					this.changed = true;
				}
			} catch (error) {
				failure = error instanceof Error ? error.message : String(error);
			}

			if (signal.aborted || this.watched.get(id) !== watched) {
				return;
			}

			// Still watched: shown as failed, and tried again after a pause (the row may be about to say it stopped).
			this.cells.set(id, {state: 'failed', error: failure});
			this.changed = true;
			watched.retry = setTimeout(() => {
				if (this.watched.get(id) === watched && !this.closed) {
					this.watched.delete(id);
					this.open(id);
				}
			}, this.retryMs);
		})();
	}

	private stop(id: string, watched: Watched): void {
		watched.abort.abort();
		clearTimeout(watched.retry);
		this.watched.delete(id);
		if (this.cells.delete(id)) {
			this.changed = true;
		}
	}

	/** One timer while anything is watched; none when nothing is. */
	private schedule(): void {
		if (this.watched.size > 0 && !this.timer) {
			this.timer = setInterval(() => this.flush(), this.flushMs);
			this.timer.unref?.();
		} else if (this.watched.size === 0 && this.timer) {
			clearInterval(this.timer);
			this.timer = undefined;
			this.flush();
		}
	}

	private flush(): void {
		if (!this.changed || this.closed) {
			return;
		}

		this.changed = false;
		this.onFlush(new Map(this.cells));
	}
}
