/**
 * The inspector's data for the selected node: fetched when the selection
 * settles, and again when Docker reports a change to that node's container.
 */
import {useEffect, useState} from 'react';
import type {NodeRow} from '../../domain/node-row.js';
import type {InspectReport} from '../../services/node-service.js';
import type {AppServices} from '../services.js';

export type InspectState = {loading: boolean; report?: InspectReport; error?: string};

/**
 * What the inspector asks for: a node with config by name and scope; a container
 * without config by its own id, so a row whose labels name another node (or no scope)
 * shows its own container, never the one its labels point at.
 */
export type InspectTarget = {key: string} & ({node: {name: string; scope: NonNullable<NodeRow['scope']>; host?: string}} | {container: string});

export function inspectTargetOf(row: NodeRow | undefined): InspectTarget | undefined {
	if (!row) {
		return undefined;
	}

	if (!row.configPath && row.container) {
		return {key: row.key, container: row.container.id};
	}

	return row.scope ? {key: row.key, node: {name: row.name, scope: row.scope, ...(row.host ? {host: row.host} : {})}} : undefined;
}

export function useInspect(services: AppServices, target: InspectTarget | undefined, version: string): InspectState {
	const [state, setState] = useState<InspectState & {key?: string}>({loading: false});
	const key = target?.key;

	useEffect(() => {
		if (!target) {
			return;
		}

		let current = true;
		// Selection moves fast under a held key; only inspect where it stops.
		const timer = setTimeout(() => {
			('node' in target ? services.nodes.inspect(target.node) : services.nodes.inspectContainer(target.container)).then(
				report => current && setState({key: target.key, loading: false, report}),
				(error: unknown) => current && setState({key: target.key, loading: false, error: error instanceof Error ? error.message : String(error)}),
			);
		}, 80);
		return () => {
			current = false;
			clearTimeout(timer);
		};
	}, [services, key, version]);

	// A report of another node is never shown, not even for one frame; nothing to ask is not loading.
	return state.key === key ? state : {loading: Boolean(target)};
}
