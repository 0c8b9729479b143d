/**
 * What the log pane draws (the entries and the count dropped), kept outside
 * React state: a flush hands the pane a new view and only the pane renders
 * again, not the whole app (at 100 lines/s that is ten renders a second of
 * the table, the chrome and every hook of the app saved). The pane reads it
 * with useSyncExternalStore; key handlers read it when the key comes.
 */
import type {Entries} from '../../domain/log-view.js';

/** The entries on hand and how many older ones were dropped before them. */
export type LogView = {readonly entries: Entries; readonly dropped: number};

/** A view the pane subscribes to: `get` returns the same object until something changed. */
export type LogSource = {subscribe(listener: () => void): () => void; get(): LogView};

export const emptyEntries: Entries = {length: 0, at: () => undefined};
export const emptyView: LogView = {entries: emptyEntries, dropped: 0};

export class LogFeed implements LogSource {
	private view: LogView = emptyView;
	private readonly listeners = new Set<() => void>();

	readonly subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	};

	readonly get = (): LogView => this.view;

	set(view: LogView): void {
		this.view = view;
		for (const listener of this.listeners) {
			listener();
		}
	}
}

/** A source that never changes (the lines opened ahead for a node, shown until the pane's own buffer holds it). */
export function fixedSource(view: LogView, subscribe: LogSource['subscribe']): LogSource {
	return {subscribe, get: () => view};
}
