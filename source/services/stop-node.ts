/**
 * `v6 node stop`: SIGTERM with a grace period, wait until the auto-removed
 * container is gone, then remove the node's four volumes unless in use.
 */
import type {Scope} from '../domain/node-config.js';
import {containerNameOf, volumeNamesOf} from '../domain/node-spec.js';
import {isEngineError} from '../docker/engine.js';
import type {NodeServiceDeps} from './node-service.js';

export type StopOutcome =
	| {stopped: false; reason: string}
	| {stopped: true; containerName: string; volumesRemoved: string[]; volumesLeft: Array<{name: string; reason: string}>};

export async function stopNode(deps: NodeServiceDeps, name: string, scope: Scope, onProgress?: (message: string) => void): Promise<StopOutcome> {
	const {engine} = deps;
	const progress = onProgress ?? (() => undefined);
	const containerName = containerNameOf(name, scope);
	let container;
	try {
		container = await engine.inspectContainer(containerName);
	} catch (error) {
		if (isEngineError(error, 'not-found')) {
			return {stopped: false, reason: `${name} (${scope}) is not running: there is no container ${containerName}.`};
		}

		throw error;
	}

	if (!container.state.running) {
		return {stopped: false, reason: `${name} (${scope}) is not running: its container is ${container.state.status} (exit code ${container.state.exitCode}).`};
	}

	const grace = deps.stopGraceSeconds ?? 10;
	progress(`Stopping ${containerName} (up to ${grace} s)`);
	await engine.stopContainer(container.id, grace);
	if (container.autoRemove) {
		const timeout = AbortSignal.timeout(15_000);
		await engine.waitContainer(container.id, 'removed', timeout).catch(() => undefined);
	}

	const outcome: StopOutcome = {stopped: true, containerName, volumesRemoved: [], volumesLeft: []};
	for (const volume of Object.values(volumeNamesOf(name, scope, deps.hostEnv))) {
		try {
			const result = await engine.removeVolume(volume);
			if (result === 'removed') {
				outcome.volumesRemoved.push(volume);
			} else if (result === 'in-use') {
				outcome.volumesLeft.push({name: volume, reason: container.autoRemove ? 'in use' : 'in use by the kept (--keep) container'});
			}
		} catch (error) {
			outcome.volumesLeft.push({name: volume, reason: error instanceof Error ? error.message : String(error)});
		}
	}

	return outcome;
}
