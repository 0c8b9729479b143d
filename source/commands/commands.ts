/**
 * The scriptable commands. Each returns an exit code: 0 done, 1 failed,
 * 2 usage. Text from containers is sanitized; the api key never leaves masked.
 */
import {logLineText} from '../domain/log-line.js';
import {parseSince} from '../domain/duration.js';
import {maskStrings} from '../domain/mask.js';
import {safeText} from '../domain/safe-text.js';
import {checkNodeName, type Scope} from '../domain/node-config.js';
import {containerNameOf} from '../domain/node-spec.js';
import {EngineError} from '../docker/engine.js';
import {ActionError} from '../services/action-error.js';
import type {NodeService} from '../services/node-service.js';
import type {CleanResult} from '../services/clean-nodes.js';
import type {StartOptions} from '../services/start-node.js';
import {formatInspect, inspectJson} from './inspect-output.js';
import {newNodeDefaults, parseDatabaseFlag, type NewNodeFields} from '../domain/new-node.js';
import type {ConfigActions} from '../services/config-actions.js';
import {formatList, hostLine, listJson} from './list-output.js';
import {cleanJson, formatPlan, formatResults} from './clean-output.js';
import {runStats} from './stats-command.js';
import {execTarget, noContainerMessage, type RunInContainer} from './exec-command.js';
import {auditFilterOf, auditReport} from './audit-output.js';
import type {AuditReading} from '../domain/audit-entry.js';

export type Output = {out(text: string): void; err(text: string): void};

/** What a command needs besides its flags: the services, output, and how to read a secret. */
export type CommandContext = {
	service: NodeService;
	configs: ConfigActions;
	io: Output;
	signal: AbortSignal;
	/** Reads a secret from a file path, or from standard input for '-'. */
	readSecret: (source: string) => Promise<string>;
	/** Standard output is a terminal (`stats` redraws its table in place there). */
	terminal?: boolean;
	/** Asks a yes/no question on the terminal (no is the default); undefined when there is no terminal to ask on. */
	confirm?: (question: string) => Promise<boolean>;
	/** `exec`: runs a command in a container on this process's terminal or pipes. */
	exec?: RunInContainer;
	/** The audit logs, read bounded (`audit`). */
	readAudit?: () => Promise<AuditReading>;
};

export type CommandFlags = {
	json: boolean;
	scope?: Scope;
	image?: string;
	keep: boolean;
	pull?: StartOptions['pull'];
	follow: boolean;
	tail?: string;
	since?: string;
	timestamps: boolean;
	volumes: boolean;
	/** clean: list only. */
	dryRun?: boolean;
	/** clean: remove without asking. */
	yes?: boolean;
	/** stats: false for one sample each (--no-stream). @default true */
	stream?: boolean;
	/** Keep the containers' colour codes in log output. */
	colors: boolean;
	/** `new`: the fields; the api key comes from apiKeyFile (a path, or '-' for stdin), never from argv. */
	serverUrl?: string;
	port?: string;
	apiPath?: string;
	apiKeyFile?: string;
	taskDir?: string;
	db: string[];
	logLevel?: string;
	encryption: boolean;
	privateKey?: string;
	/** exec: the run whose container to enter. */
	run?: string;
	/** exec: what came after `--` (default `sh`). */
	command?: readonly string[];
	/** audit: only this node's entries. */
	node?: string;
};

export class UsageError extends Error {}

export const exitCodes = {ok: 0, failed: 1, usage: 2} as const;

/**
 * What the commands print through: every text is sanitized (no control byte from a file name,
 * a value or an engine answer reaches the terminal) and has its passwords masked, in one place.
 * JSON keeps its data exact: strings are masked, and what JSON leaves raw (C1 controls, line
 * separators) is escaped. Only `logs` writes container lines through the raw Output.
 */
export type SafeOutput = Output & {json(value: unknown): void; jsonLine(value: unknown): void};

export function safeOutput(io: Output): SafeOutput {
	return {
		out: text => io.out(safeText(text)),
		err: text => io.err(safeText(text)),
		json: value => io.out(jsonText(maskStrings(value))),
		jsonLine: value => io.out(jsonText(maskStrings(value), 0)),
	};
}

/** JSON.stringify, with every character a terminal could act on written as a \u escape. */
export function jsonText(value: unknown, indent = 2): string {
	return JSON.stringify(value, null, indent).replace(/[\u007F-\u009F\u2028\u2029\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, char => `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

export async function runCommand(context: CommandContext, command: string, args: readonly string[], flags: CommandFlags): Promise<number> {
	const io = safeOutput(context.io);
	try {
		return await dispatch(context, io, command, args, flags);
	} catch (error) {
		return reportError(error, io);
	}
}

async function dispatch(context: CommandContext, io: SafeOutput, command: string, args: readonly string[], flags: CommandFlags): Promise<number> {
	const {service, signal} = context;
	const name = () => {
		if (args.length !== 1 || !args[0]) {
			throw new UsageError(`'vnode-tui ${command}' takes exactly one node name, e.g. 'vnode-tui ${command} mynode'.`);
		}

		// Checked before anything else: a name never reaches a path or a request unchecked.
		const problem = checkNodeName(args[0]);
		if (problem) {
			throw new UsageError(problem);
		}

		return args[0];
	};

	const ref = () => ({name: name(), ...(flags.scope ? {scope: flags.scope} : {})});
	const progress = (message: string) => io.err(`${message}…`);

	switch (command) {
		case 'list': {
			if (args.length > 0) {
				throw new UsageError(`'vnode-tui list' takes no node name.`);
			}

			const listing = await service.list();
			if (flags.json) {
				io.json(listJson(listing));
			} else {
				io.out(formatList(listing));
			}

			if (listing.engineDown !== undefined) {
				// The configs are listed; the exit code says the container states are missing.
				io.err(`error: ${listing.engineDown}`);
				return exitCodes.failed;
			}

			// A fleet with a host down: the others are listed, the exit code says one is missing.
			const down = (listing.hosts ?? []).filter(host => host.state !== 'connected');
			for (const host of down) {
				io.err(`error: ${hostLine(host)}`);
			}

			if (down.length > 0) {
				return exitCodes.failed;
			}

			return exitCodes.ok;
		}

		case 'start': {
			const outcome = await service.start(ref(), {...startOptions(flags), onProgress: progress});
			outcome.warnings.forEach(warning => io.err(`warning: ${warning}`));
			io.out(`Started ${outcome.containerName} (${outcome.image}); still running after ${outcome.verifiedSeconds} s.`);
			return exitCodes.ok;
		}

		case 'stop': {
			const outcome = await service.stop(ref(), progress);
			if (!outcome.stopped) {
				io.out(outcome.reason);
				return exitCodes.ok;
			}

			io.out(`Stopped ${outcome.containerName}; removed volumes: ${outcome.volumesRemoved.join(', ') || 'none'}.`);
			outcome.volumesLeft.forEach(volume => io.err(`warning: left volume ${volume.name} (${volume.reason})`));
			return exitCodes.ok;
		}

		case 'restart': {
			const {stop, start} = await service.restart(ref(), {...startOptions(flags), onProgress: progress});
			if (!stop.stopped) {
				io.err(stop.reason);
			}

			start.warnings.forEach(warning => io.err(`warning: ${warning}`));
			io.out(`Restarted ${start.containerName} (${start.image}); still running after ${start.verifiedSeconds} s.`);
			return exitCodes.ok;
		}

		case 'remove': {
			const outcome = await service.remove(ref(), {volumes: flags.volumes});
			io.out(outcome.containerRemoved ? `Removed the container of ${name()}.` : `${name()} has no container.`);
			if (flags.volumes) {
				io.out(`Removed volumes: ${outcome.volumesRemoved.join(', ') || 'none'}.`);
				outcome.volumesLeft.forEach(volume => io.err(`warning: left volume ${volume.name} (${volume.reason})`));
			}

			return exitCodes.ok;
		}

		case 'logs': {
			// Container lines go out raw, sanitized line by line with their colours kept; messages go through io.
			return logs(service, ref(), flags, {out: context.io.out, err: io.err}, signal);
		}

		case 'new': {
			return newNode(context, io, name(), flags);
		}

		case 'delete': {
			const scope = flags.scope ?? (await service.findConfig(ref()))?.scope ?? 'user';
			const outcome = await context.configs.delete(name(), scope);
			io.out(`Moved ${outcome.path} to ${outcome.backupPath} (restore it by moving it back).`);
			if (outcome.leftoverVolumes.length > 0) {
				if (flags.volumes) {
					const removed = await service.remove({name: name(), scope}, {volumes: true});
					io.out(`Removed volumes: ${removed.volumesRemoved.join(', ') || 'none'}.`);
				} else {
					io.err(`Its volumes are still there: ${outcome.leftoverVolumes.join(', ')} ('vnode-tui delete --volumes' removes them with the config).`);
				}
			}

			return exitCodes.ok;
		}

		case 'set-api-key': {
			if (!flags.apiKeyFile) {
				throw new UsageError("'vnode-tui set-api-key NAME' reads the key from --api-key-file PATH, or from stdin with --api-key-file - (never from the command line).");
			}

			const scope = flags.scope ?? (await service.findConfig(ref()))?.scope ?? 'user';
			const path = await context.configs.setApiKey(name(), scope, await context.readSecret(flags.apiKeyFile));
			io.out(`Set a new API key in ${path}. A running node uses it after a restart ('vnode-tui restart ${name()}').`);
			return exitCodes.ok;
		}

		case 'inspect': {
			const report = await service.inspect(ref());
			if (flags.json) {
				io.json(inspectJson(report));
			} else {
				io.out(formatInspect(report, Date.now()));
			}

			return exitCodes.ok;
		}

		case 'clean': {
			return clean(context, io, args.length === 0 ? undefined : ref(), flags);
		}

		case 'stats': {
			if (args.length > 1) {
				throw new UsageError(`'vnode-tui stats' takes at most one node name.`);
			}

			const raw = (text: string) => context.io.out(text);
			return runStats(service, {...io, raw}, signal, args.length === 0 ? undefined : ref(), {json: flags.json, stream: flags.stream ?? true, terminal: context.terminal ?? false});
		}

		case 'exec': {
			if (args.length > 1) {
				throw new UsageError(`'vnode-tui exec' takes one node name; the command goes after --: 'vnode-tui exec ${args[0]} -- ${args.slice(1).join(' ')}'.`);
			}

			return exec(context, io, ref(), flags);
		}

		case 'audit': {
			if (args.length > 0) {
				throw new UsageError(`'vnode-tui audit' takes no node name; --node NAME shows one node's entries.`);
			}

			const filter = auditFilterOf({json: flags.json, ...(flags.since === undefined ? {} : {since: flags.since}), ...(flags.node === undefined ? {} : {node: flags.node})}, Date.now());
			if ('problem' in filter) {
				throw new UsageError(filter.problem);
			}

			const report = auditReport((await context.readAudit?.()) ?? {entries: [], unreadable: 0, problems: []}, filter, flags.json);
			report.warnings.forEach(warning => io.err(warning));
			if (report.json === undefined) {
				report.text?.forEach(line => io.out(line));
			} else {
				io.json(report.json);
			}

			return exitCodes.ok;
		}

		default: {
			throw new UsageError(`Unknown command '${command}'. Commands: list, start, stop, restart, remove, logs, inspect, new, delete, set-api-key, clean, stats, exec, audit. See 'vnode-tui --help'.`);
		}
	}
}

async function newNode(context: CommandContext, io: Output, name: string, flags: CommandFlags): Promise<number> {
	if (!flags.apiKeyFile) {
		throw new UsageError("'vnode-tui new NAME' reads the API key from --api-key-file PATH, or from stdin with --api-key-file - (never from the command line).");
	}

	const databases = flags.db.map(text => {
		const database = parseDatabaseFlag(text);
		if (!database) {
			throw new UsageError(`--db takes label=uri:type (e.g. default=/data/patients.csv:csv), not '${text}'.`);
		}

		return database;
	});
	const fields: NewNodeFields = {
		...newNodeDefaults,
		name,
		scope: flags.scope ?? 'user',
		apiKey: await context.readSecret(flags.apiKeyFile),
		databases,
		encryption: flags.encryption,
		...(flags.serverUrl === undefined ? {} : {serverUrl: flags.serverUrl}),
		...(flags.port === undefined ? {} : {port: flags.port}),
		...(flags.apiPath === undefined ? {} : {apiPath: flags.apiPath}),
		...(flags.taskDir === undefined ? {} : {taskDir: flags.taskDir}),
		...(flags.logLevel === undefined ? {} : {logLevel: flags.logLevel.toUpperCase()}),
		...(flags.privateKey === undefined ? {} : {privateKey: flags.privateKey}),
		...(flags.image === undefined ? {} : {image: flags.image}),
	};
	const outcome = await context.configs.create(fields);
	if (!outcome.ok) {
		io.err(`error: ${name} was not created:`);
		for (const line of outcome.message.split('\n')) {
			io.err(`  ${line}`);
		}

		return exitCodes.failed;
	}

	io.out(`New configuration created: ${outcome.path}. Start it with 'vnode-tui start ${name}${fields.scope === 'system' ? ' --system' : ''}'.`);
	return exitCodes.ok;
}

/** Lists what would go; removes it only with --yes or a yes on the terminal; without either it refuses (exit 1). */
async function clean(context: CommandContext, io: SafeOutput, ref: {name: string; scope?: Scope} | undefined, flags: CommandFlags): Promise<number> {
	const {service} = context;
	const dryRun = flags.dryRun ?? false;
	// Refused before anything is asked or listed: a read-only vnode-tui does not offer what it will not do,
	// whether or not there is something to remove now. A dry run changes nothing and stays allowed.
	if (!dryRun) {
		service.guard.refuseIfReadOnly('clean');
	}

	const plan = await service.cleanPlan(ref);
	// With --json the plan and outcome are one object on stdout; the question goes to stderr.
	const say = flags.json ? io.err : io.out;
	say(formatPlan(plan));
	const finish = (results: CleanResult[] | undefined, code: number) => {
		if (flags.json) {
			io.json(cleanJson(plan, dryRun, results));
		}

		return code;
	};

	if (plan.length === 0 || dryRun) {
		if (dryRun && plan.length > 0) {
			say('Dry run: nothing was removed.');
		}

		return finish(undefined, exitCodes.ok);
	}

	if (!flags.yes) {
		if (!context.confirm) {
			io.err('error: nothing was removed: not on a terminal to ask, and no --yes.');
			return finish(undefined, exitCodes.failed);
		}

		if (!(await context.confirm(`Remove these ${plan.length}? [y/N] `))) {
			say('Nothing was removed.');
			return finish(undefined, exitCodes.failed);
		}
	}

	const results = await service.clean(plan, ref);
	say(formatResults(results));
	const failed = results.some(result => result.outcome === 'failed' || result.outcome === 'in-use');
	return finish(results, failed ? exitCodes.failed : exitCodes.ok);
}

/** Runs the command in the node's (or run's) container; its exit code is the command's. */
async function exec(context: CommandContext, io: SafeOutput, ref: {name: string; scope?: Scope}, flags: CommandFlags): Promise<number> {
	if (!context.exec) {
		throw new Error('exec is not available here.');
	}

	const target = await execTarget(context.service, ref, flags.run);
	if ('usage' in target) {
		throw new UsageError(target.usage);
	}

	const cmd = flags.command && flags.command.length > 0 ? flags.command : ['sh'];
	try {
		const outcome = await context.exec(target.container, cmd);
		if (outcome.problem) {
			io.err(`error: ${target.container}: ${outcome.problem}`);
		}

		// -1: the engine still said it runs after the output ended.
		return outcome.exitCode >= 0 ? outcome.exitCode : exitCodes.failed;
	} catch (error) {
		if (error instanceof EngineError && error.kind === 'not-found') {
			io.err(`error: ${noContainerMessage(target.container, ref.name, flags.run)}`);
			return exitCodes.failed;
		}

		throw error;
	}
}

function startOptions(flags: CommandFlags): StartOptions {
	return {...(flags.image ? {image: flags.image} : {}), keep: flags.keep, ...(flags.pull ? {pull: flags.pull} : {})};
}

async function logs(service: NodeService, ref: {name: string; scope?: Scope}, flags: CommandFlags, io: Output, signal: AbortSignal): Promise<number> {
	const tail = flags.tail === undefined || flags.tail === 'all' ? undefined : Number(flags.tail);
	if (tail !== undefined && (!Number.isInteger(tail) || tail < 0)) {
		throw new UsageError(`--tail takes a number of lines or 'all', not '${flags.tail}'.`);
	}

	const since = flags.since === undefined ? undefined : parseSince(flags.since, Date.now());
	if (flags.since !== undefined && since === undefined) {
		throw new UsageError(`--since takes 10m, 2h, an ISO date or Unix seconds, not '${flags.since}'.`);
	}

	const scope = ref.scope ?? (await service.findConfig(ref))?.scope ?? 'user';
	const name = containerNameOf(ref.name, scope);
	const {engine} = service.deps;
	let window: {tail?: number; since?: number} = {...(tail === undefined ? {} : {tail}), ...(since === undefined ? {} : {since})};
	let followedId: string | undefined;
	for (;;) {
		followedId = await engine.inspectContainer(name).then(
			container => container.id,
			(error: unknown) => {
				// An engine that does not answer is said once, not waited for twice.
				if (error instanceof EngineError && error.kind === 'daemon-unreachable') {
					throw error;
				}

				return undefined;
			},
		);
		try {
			for await (const line of engine.logs(name, {follow: flags.follow, timestamps: flags.timestamps, signal, ...window})) {
				io.out(logLineText(line.text, {keepColors: flags.colors}));
			}
		} catch (error) {
			if (!flags.follow || !(error instanceof EngineError) || error.kind !== 'not-found') {
				throw error;
			}
		}

		if (!flags.follow || signal.aborted) {
			return exitCodes.ok;
		}

		const endedAt = Math.floor(Date.now() / 1000);
		// Like the TUI's pane: a stopped node is waited for, and its next container followed from its first line.
		io.err(`── ${ref.name} is not running; waiting for it to start (Ctrl+C stops) ──`);
		if (!(await nextStart(service, name, signal))) {
			return exitCodes.ok;
		}

		io.err(`── ${ref.name} started again ──`);
		const restartedId = await engine.inspectContainer(name).then(
			container => container.id,
			() => undefined,
		);
		// A new container is followed from its first line; the same one (docker restart) from where it stopped.
		window = restartedId && restartedId === followedId ? {since: endedAt} : {};
	}
}

/** Resolves true when a container of this name is running (again), false when the signal aborts first. */
async function nextStart(service: NodeService, containerName: string, signal: AbortSignal): Promise<boolean> {
	const {engine} = service.deps;
	const isRunning = async () =>
		engine.inspectContainer(containerName).then(
			container => container.state.running,
			() => false,
		);
	// Look only once the stream listens (and again after each reconnect): a start before it is seen by
	// the look, one after it by the stream. Docker answers the stream's headers just before it subscribes,
	// hence the short wait, as the TUI's table does.
	for await (const event of engine.events(signal)) {
		if (event.type === 'engine') {
			if (event.status === 'connected' && (await delay(listenMs, signal)) && (await isRunning())) {
				return true;
			}

			continue;
		}

		if (event.name === containerName && event.action === 'start') {
			return true;
		}
	}

	return false;
}

const listenMs = 100;

/** Resolves true after `ms`, false at once when the signal aborts. */
async function delay(ms: number, signal: AbortSignal): Promise<boolean> {
	return new Promise(resolve => {
		if (signal.aborted) {
			resolve(false);
			return;
		}

		const timer = setTimeout(() => {
			signal.removeEventListener('abort', abort);
			resolve(true);
		}, ms);
		const abort = () => {
			clearTimeout(timer);
			resolve(false);
		};

		signal.addEventListener('abort', abort, {once: true});
	});
}

function reportError(error: unknown, io: Output): number {
	if (error instanceof UsageError) {
		io.err(`error: ${error.message}`);
		return exitCodes.usage;
	}

	if (error instanceof ActionError) {
		io.err(`error: ${error.message}`);
		error.details.forEach(line => io.err(`  ${line}`));
		return exitCodes.failed;
	}

	if (error instanceof EngineError) {
		io.err(`error: ${error.message}`);
		return exitCodes.failed;
	}

	io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
	return exitCodes.failed;
}
