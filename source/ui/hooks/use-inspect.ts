/**
 * The inspector's data for the selected node: fetched when the selection
 * settles, and again when Docker reports a change to that node's container.
 */
import {useEffect, useState} from 'react';
import type {InspectReport} from '../../services/node-service.js';
import type {NodeTarget} from '../../state/app-state.js';
import type {AppServices} from '../services.js';

export type InspectState = {loading: boolean; report?: InspectReport; error?: string};

export function useInspect(services: AppServices, target: NodeTarget | undefined, version: string): InspectState {
	const [state, setState] = useState<InspectState & {key?: string}>({loading: false});
	const key = target?.key;

	useEffect(() => {
		if (!target) {
			return;
		}

		let current = true;
		// Selection moves fast under a held key; only inspect where it stops.
		const timer = setTimeout(() => {
			services.nodes.inspect({name: target.name, scope: target.scope}).then(
				report => current && setState({key: target.key, loading: false, report}),
				(error: unknown) => current && setState({key: target.key, loading: false, error: error instanceof Error ? error.message : String(error)}),
			);
		}, 80);
		return () => {
			current = false;
			clearTimeout(timer);
		};
	}, [services, key, version]);

	// A report of another node is never shown, not even for one frame.
	return state.key === key ? state : {loading: Boolean(key)};
}
