import {useEffect, type Dispatch} from 'react';
import type {AppAction} from '../../state/app-reducer.js';
import type {StatusMessage} from '../../state/app-state.js';

/** Status messages clear themselves: errors after 15 s, the rest after 6 s. */
export function useStatusExpiry(status: StatusMessage | undefined, dispatch: Dispatch<AppAction>): void {
	useEffect(() => {
		if (!status) {
			return;
		}

		const timer = setTimeout(() => dispatch({type: 'clear-status', id: status.id}), status.kind === 'error' ? 15_000 : 6000);
		return () => clearTimeout(timer);
	}, [status, dispatch]);
}
