/**
 * Start, stop, restart and remove, run in the background: the row shows what
 * is going on, the rest of the UI stays usable, and the outcome lands in the
 * status line (or, for a node that crashed at start, in a dialog with its last
 * lines).
 */
import {logLineText} from '../../domain/log-line.js';
import {useCallback, type Dispatch} from 'react';
import type {AppAction} from '../../state/app-reducer.js';
import type {Leftover} from '../../domain/node-world.js';
import type {CleanTarget, NodeTarget, PendingAction} from '../../state/app-state.js';
import type {CleanResult} from '../../services/clean-nodes.js';
import type {AppServices} from '../services.js';
import type {NodeRef} from '../../services/node-service.js';

export type NodeActions = {
	start(target: NodeTarget): void;
	stop(target: NodeTarget): void;
	restart(target: NodeTarget): void;
	remove(target: NodeTarget, volumes: boolean): void;
	/** Removes what `items` lists and a fresh plan still holds (a node started since keeps its things). */
	clean(target: CleanTarget, items: readonly Leftover[]): void;
};

/** The node as the services take it: on its own host in a fleet. */
function refOf(target: CleanTarget): NodeRef {
	return {name: target.name, ...(target.scope ? {scope: target.scope} : {}), ...(target.host ? {host: target.host} : {})};
}

type Failure = {message: string; details?: readonly string[]; exitCode?: number; kind?: string};

export function useNodeActions(services: AppServices, dispatch: Dispatch<AppAction>, refresh: () => Promise<void>): NodeActions {
	const run = useCallback(
		(target: Pick<NodeTarget, 'key' | 'name'>, pending: PendingAction, work: () => Promise<string | {kind: 'info' | 'error'; text: string}>) => {
			dispatch({type: 'pending', key: target.key, action: pending});
			work().then(
				done => dispatch({type: 'status', message: typeof done === 'string' ? {kind: 'info', text: done} : done}),
				(error: unknown) => {
					const failure = error as Failure;
					const message = failure?.message ?? String(error);
					dispatch({type: 'status', message: {kind: 'error', text: `${target.name}: ${message}`}});
					if (failure?.details && failure.details.length > 0) {
						dispatch({type: 'open-dialog', dialog: {type: 'error', title: `${target.name}: ${message}`, lines: failure.details.map(line => logLineText(line))}});
					}
				},
			).finally(() => {
				dispatch({type: 'pending', key: target.key});
				void refresh();
			});
		},
		[dispatch, refresh],
	);

	return {
		start: target =>
			run(target, 'starting', async () => {
				const outcome = await services.nodes.start(refOf(target));
				const warning = outcome.warnings.length > 0 ? ` (${outcome.warnings.length} warning${outcome.warnings.length > 1 ? 's' : ''}: ${outcome.warnings[0]})` : '';
				return `Started ${target.name}; running after ${outcome.verifiedSeconds} s${warning}`;
			}),
		stop: target =>
			run(target, 'stopping', async () => {
				const outcome = await services.nodes.stop(refOf(target));
				if (!outcome.stopped) {
					return outcome.reason;
				}

				const left = outcome.volumesLeft.length > 0 ? `; left ${outcome.volumesLeft.map(volume => `${volume.name} (${volume.reason})`).join(', ')}` : '';
				return `Stopped ${target.name}; removed ${outcome.volumesRemoved.length} volumes${left}`;
			}),
		restart: target =>
			run(target, 'restarting', async () => {
				const {start} = await services.nodes.restart(refOf(target));
				return `Restarted ${target.name}; running after ${start.verifiedSeconds} s`;
			}),
		remove: (target, volumes) =>
			run(target, 'removing', async () => {
				const outcome = await services.nodes.remove(refOf(target), {volumes});
				const what = outcome.containerRemoved ? 'the container' : 'no container';
				return volumes ? `Removed ${what} of ${target.name} and ${outcome.volumesRemoved.length} volumes` : `Removed ${what} of ${target.name}`;
			}),
		clean: (target, items) =>
			run(target, 'cleaning', async () => cleanSummary(target.name, await services.nodes.clean(items, refOf(target)))),
	};
}

/** `Cleaned beta: removed 4 of 5; 1 left (no longer left over)`; an error when any removal failed. */
export function cleanSummary(name: string, results: readonly CleanResult[]): {kind: 'info' | 'error'; text: string} {
	const count = (outcome: CleanResult['outcome']) => results.filter(result => result.outcome === outcome).length;
	const removed = count('removed') + count('absent');
	const failed = results.filter(result => result.outcome === 'failed');
	const parts = [
		`Cleaned ${name}: removed ${removed} of ${results.length}`,
		count('skipped') > 0 ? `${count('skipped')} left (no longer left over)` : '',
		count('in-use') > 0 ? `${count('in-use')} left (in use)` : '',
		failed.length > 0 ? `${failed.length} failed: ${failed[0]!.kind} ${failed[0]!.name}: ${failed[0]!.message ?? ''}` : '',
	];
	return {kind: failed.length > 0 ? 'error' : 'info', text: parts.filter(Boolean).join('; ')};
}
