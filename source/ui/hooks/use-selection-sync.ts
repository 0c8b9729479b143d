import {useEffect, type Dispatch} from 'react';
import type {NodeRow} from '../../domain/node-row.js';
import type {AppAction} from '../../state/app-reducer.js';

/** When the rows change (a refresh, a filter), keep the selection on a row that exists. */
export function useSelectionSync(rows: NodeRow[], dispatch: Dispatch<AppAction>): void {
	const keys = rows.map(row => row.key).join('\n');
	useEffect(() => {
		dispatch({type: 'keep-selection', keys: keys ? keys.split('\n') : []});
	}, [keys, dispatch]);
}
