/**
 * `vnode-tui exec NAME [--run ID] [-- CMD...]`: a command (default `sh`) in the node's container or
 * in one of its algorithm runs, as `docker exec` does. On a terminal with a TTY, without one the
 * output plainly attached; the exit code is the command's. The process's bytes go out as they come
 * (like `docker exec`, so `exec NAME -- cat FILE > copy` copies the file); vnode-tui's own words go
 * through the sanitizing output.
 */
import {isEngineError} from '../docker/engine.js';
import type {Scope} from '../domain/node-config.js';
import {containerNameOf} from '../domain/node-spec.js';
import type {ExecOutcome} from '../services/exec-shell.js';
import type {NodeService} from '../services/node-service.js';

/** Runs CMD in a container bound to this process's terminal (or pipes); built by cli.tsx. */
export type RunInContainer = (container: string, cmd: readonly string[]) => Promise<ExecOutcome>;

/** vantage6 run ids are whole numbers (the server's database ids). */
const runIdPattern = /^\d{1,18}$/;

export type ExecTarget = {container: string} | {usage: string};

/** The container `exec` runs in: the node's own, or with a run id the run's (`vantage6-NAME-run-ID`, no scope). */
export async function execTarget(service: Pick<NodeService, 'findConfig' | 'deps'>, ref: {name: string; scope?: Scope}, run: string | undefined): Promise<ExecTarget> {
	if (run !== undefined) {
		if (!runIdPattern.test(run)) {
			return {usage: `--run takes a run id (a whole number, as 'vnode-tui list --json' shows under runs), not '${run}'.`};
		}

		return {container: `vantage6-${ref.name}-run-${run}`};
	}

	const scope = ref.scope ?? (await service.findConfig(ref))?.scope ?? (await existingScope(service, ref.name)) ?? 'user';
	return {container: containerNameOf(ref.name, scope)};
}

/** Without a config: the scope whose container exists (user first). */
async function existingScope(service: Pick<NodeService, 'deps'>, name: string): Promise<Scope | undefined> {
	for (const scope of ['user', 'system'] as const) {
		try {
			await service.deps.engine.inspectContainer(containerNameOf(name, scope));
			return scope;
		} catch (error) {
			if (!isEngineError(error, 'not-found')) {
				throw error;
			}
		}
	}

	return undefined;
}

/** The message for a container that is not there. */
export function noContainerMessage(container: string, name: string, run: string | undefined): string {
	return run === undefined
		? `No container ${container}: node ${name} is not started ('vnode-tui start ${name}'), or it runs in the other scope (--system/--user).`
		: `No container ${container}: run ${run} of node ${name} is not on this engine (finished runs are removed by the node).`;
}
