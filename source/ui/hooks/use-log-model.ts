import {matchPositions, shownEntries, type Entries, type Shown} from '../../domain/log-view.js';
import type {LogViewState} from '../../state/log-state.js';

export type LogModel = {
	/** Entries on show. */
	shown: Shown;
	/** Positions (in `shown`) of the entries that match the search. */
	matchPositions: number[];
};

/** The model last computed for each view of the entries (a flush makes a new view, and drops the old). */
const models = new WeakMap<Entries, {query: string; filterOnly: boolean; model: LogModel}>();

/**
 * Which entries show and which match; computed once per flush and search, whoever asks first
 * (the pane when it draws, a key handler when it scrolls or jumps to a match).
 */
export function logModelOf(entries: Entries, view: Pick<LogViewState, 'query' | 'filterOnly'>): LogModel {
	const known = models.get(entries);
	if (known?.query === view.query && known.filterOnly === view.filterOnly) {
		return known.model;
	}

	const shown = shownEntries(entries, view);
	const model = {shown, matchPositions: matchPositions(entries, shown, view.query)};
	models.set(entries, {query: view.query, filterOnly: view.filterOnly, model});
	return model;
}
