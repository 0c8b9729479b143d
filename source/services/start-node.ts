/**
 * `v6 node start`, and then a check the official CLI lacks: the node is
 * watched for a few seconds, and an early exit is reported with its exit code
 * and last lines (captured while attached; an auto-removed container takes its
 * logs with it).
 */
import type {NodeConfigEntry} from '../domain/node-config.js';
import type {SpecResult} from '../domain/node-spec.js';
import {isEngineError, type LogLine} from '../docker/engine.js';
import {ActionError} from './action-error.js';
import type {NodeServiceDeps} from './node-service.js';

export type StartOptions = {
	/** `--image`. */
	image?: string;
	/** `--keep`: no auto-remove. */
	keep?: boolean;
	/** `missing` pulls only an image that is not here; `always` as the official CLI. @default 'missing' */
	pull?: 'missing' | 'always' | 'never';
	onProgress?: (message: string) => void;
};

export type StartOutcome = {
	containerId: string;
	containerName: string;
	image: string;
	warnings: string[];
	/** Seconds the node was watched and kept running. */
	verifiedSeconds: number;
};

const keptLines = 20;

export async function startNode(deps: NodeServiceDeps, entry: NodeConfigEntry, expected: SpecResult, options: StartOptions): Promise<StartOutcome> {
	const {engine, files} = deps;
	const progress = options.onProgress ?? (() => undefined);
	const {spec, errors, warnings} = expected;
	if (errors.length > 0) {
		throw new ActionError('spec-invalid', `${entry.name} cannot be started as configured:`, errors);
	}

	const existing = (await engine.listNodeContainers()).find(container => container.name === spec.containerName);
	if (existing?.state === 'running') {
		throw new ActionError('already-running', `Node ${entry.name} is already running (${spec.containerName}).`);
	}

	const paths = [deps.store.hostPaths(entry).dataDir, deps.store.hostPaths(entry).logDir];
	for (const path of paths) {
		await files.ensureDir(path);
	}

	await ensureImage(deps, spec.image, options.pull ?? 'missing', warnings, progress);

	progress('Creating volumes');
	for (const volume of Object.values(spec.volumes)) {
		await engine.createVolume(volume);
	}

	if (existing) {
		progress(`Removing the old ${existing.state} container ${spec.containerName}`);
		await engine.removeContainer(existing.id, {force: true});
	}

	progress(`Creating container ${spec.containerName}`);
	const id = await engine.createContainer(spec);
	const verifySeconds = deps.verifySeconds ?? 5;
	await startAndWatch(deps, id, entry.name, verifySeconds, progress);
	return {containerId: id, containerName: spec.containerName, image: spec.image, warnings, verifiedSeconds: verifySeconds};
}

async function ensureImage(
	deps: NodeServiceDeps,
	image: string,
	pull: NonNullable<StartOptions['pull']>,
	warnings: string[],
	progress: (message: string) => void,
): Promise<void> {
	const present = await deps.engine.imageExists(image);
	if (pull === 'never' || (present && pull === 'missing')) {
		if (!present) {
			throw new ActionError('spec-invalid', `Image ${image} is not on this host (and --pull never). Load it, or choose another with --image or images.node.`);
		}

		return;
	}

	progress(`Pulling ${image}`);
	try {
		await deps.engine.pullImage(image);
	} catch (error) {
		if (present && isEngineError(error, 'image-missing')) {
			warnings.push(`Could not pull ${image}; using the copy on this host.`);
			return;
		}

		throw error;
	}
}

async function startAndWatch(deps: NodeServiceDeps, id: string, name: string, seconds: number, progress: (message: string) => void): Promise<void> {
	const {engine} = deps;
	if (seconds <= 0) {
		// 0 means no watch: nothing is attached, so nothing is left open when start returns.
		progress('Starting');
		await engine.startContainer(id);
		return;
	}

	const watch = new AbortController();
	const lines: LogLine[] = [];
	const exited = engine.waitContainer(id, 'next-exit', watch.signal).then(
		code => ({code}),
		() => undefined,
	);
	const attached = (async () => {
		try {
			for await (const line of engine.attachOutput(id, watch.signal)) {
				lines.push(line);
				if (lines.length > keptLines) {
					lines.shift();
				}
			}
		} catch {
			// The start check is best effort; the wait result decides.
		}
	})();

	try {
		progress('Starting');
		await engine.startContainer(id);
		progress(`Watching ${name} for ${seconds} s`);
		const outcome = await Promise.race([exited, delay(seconds * 1000).then(() => 'running' as const)]);
		if (outcome === 'running') {
			return;
		}

		// Let the attach stream hand over its last bytes.
		await Promise.race([attached, delay(1000)]);
		const code = outcome?.code;
		throw new ActionError(
			'crashed',
			`${name} exited ${code === undefined ? '' : `with code ${code} `}right after it started. Its last lines:`,
			lines.map(line => line.text),
			code,
		);
	} finally {
		watch.abort();
	}
}

function delay(ms: number): Promise<void> {
	return new Promise(resolve => {
		setTimeout(resolve, ms).unref?.();
	});
}
