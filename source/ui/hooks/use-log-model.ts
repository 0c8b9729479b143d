import {useMemo} from 'react';
import {matchPositions, shownEntries, type Entries, type Shown} from '../../domain/log-view.js';
import type {LogViewState} from '../../state/log-state.js';

export type LogModel = {
	/** Entries on show. */
	shown: Shown;
	/** Positions (in `shown`) of the entries that match the search. */
	matchPositions: number[];
};

/** Which entries show and which match; recomputed only when the entries or the search change. */
export function useLogModel(entries: Entries, view: LogViewState): LogModel {
	return useMemo(() => {
		const shown = shownEntries(entries, view);
		return {shown, matchPositions: matchPositions(entries, shown, view.query)};
	}, [entries, view.query, view.filterOnly]);
}
