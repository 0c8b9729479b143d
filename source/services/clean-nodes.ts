/**
 * `clean`: removes what a node's world left behind (node-world.ts), and only
 * that. The plan is made again right before removing, and only what is in both
 * the plan the operator saw and the fresh one goes: a node started in between
 * keeps its runs, network and volumes.
 */
import {cleanPlan, type Leftover} from '../domain/node-world.js';
import type {NodeRow} from '../domain/node-row.js';
import {isEngineError, type DockerEngine} from '../docker/engine.js';

export type CleanOutcome = 'removed' | 'absent' | 'in-use' | 'skipped' | 'failed';

export type CleanResult = Leftover & {outcome: CleanOutcome; message?: string};

export {rowsNamed} from '../domain/node-world.js';

/** Removes each planned thing that the fresh plan still holds; `skipped` for what is no longer left over. */
export async function removeLeftovers(engine: DockerEngine, planned: readonly Leftover[], fresh: readonly Leftover[]): Promise<CleanResult[]> {
	const still = new Map(fresh.map(item => [`${item.kind}/${item.name}`, item]));
	const results: CleanResult[] = [];
	for (const item of cleanPlan([{key: 'plan', name: '', problems: [], status: 'unknown', leftovers: [...planned]}])) {
		const current = still.get(`${item.kind}/${item.name}`);
		if (!current || current.id !== item.id) {
			results.push({...item, outcome: 'skipped', message: 'no longer left over'});
			continue;
		}

		try {
			results.push({...item, outcome: await removeOne(engine, current)});
		} catch (error) {
			if (isEngineError(error, 'daemon-unreachable')) {
				throw error;
			}

			results.push({...item, outcome: 'failed', message: error instanceof Error ? error.message : String(error)});
		}
	}

	return results;
}

async function removeOne(engine: DockerEngine, item: Leftover): Promise<CleanOutcome> {
	switch (item.kind) {
		case 'container': {
			try {
				// Forced: a helper of a stopped node may still run (restart policy unless-stopped).
				await engine.removeContainer(item.id ?? item.name, {force: true});
				return 'removed';
			} catch (error) {
				if (isEngineError(error, 'not-found')) {
					return 'absent';
				}

				throw error;
			}
		}

		case 'network': {
			return engine.removeNetwork(item.name);
		}

		case 'volume': {
			return engine.removeVolume(item.name);
		}
	}
}
