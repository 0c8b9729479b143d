import {useMemo} from 'react';
import {entryMatches, shownEntries, type LogEntry} from '../../domain/log-view.js';
import type {LogViewState} from '../../state/log-state.js';

export type LogModel = {
	/** Entry indices on show. */
	shown: number[];
	/** Positions (in `shown`) of the entries that match the search. */
	matchPositions: number[];
};

/** Which entries show and which match; recomputed only when the entries or the search change. */
export function useLogModel(entries: readonly LogEntry[], view: LogViewState): LogModel {
	return useMemo(() => {
		const shown = shownEntries(entries, view);
		const matchPositions = view.query ? shown.flatMap((index, position) => (entryMatches(entries[index]!, view.query) ? [position] : [])) : [];
		return {shown, matchPositions};
	}, [entries, view.query, view.filterOnly]);
}
