/**
 * Entry point: parse flags, build the real adapters, then open the full-screen
 * UI (bare `vnode-tui` on a terminal) or run a command.
 */
import process from 'node:process';
import {scopes, type Scope} from './domain/node-config.js';
import type {DockerodeEngine} from './docker/dockerode-engine.js';
import {resolveEngineTarget, type ReadCapped} from './docker/engine-target.js';
import {readConfigBytes} from './config/bounded-read.js';
import {homedir, userInfo} from 'node:os';
import {exitCodes, runCommand, safeOutput, type CommandFlags, type Output} from './commands/commands.js';
import {parseCommandLine, verifySecondsOf} from './commands/flag-checks.js';
import {openHost} from './host-stack.js';
import {openFleet} from './fleet-hosts.js';
import {hostsFromFlag} from './domain/host-list.js';
import {hostsFilePath, readHostsFile} from './config/hosts-file.js';
import {resolveHostEngine} from './docker/engine-target.js';
import type {NodeService} from './services/node-service.js';
import {StatsWatch, type StatsSnapshot} from './services/stats-watch.js';
import {readSecret} from './config/read-secret.js';
import {createTheme} from './ui/theme.js';
import {logDirectory, saveLogFile} from './config/log-file.js';
import type {RunInContainer} from './commands/exec-command.js';
import {runExec} from './services/exec-shell.js';
import {auditedExec} from './services/audited-exec.js';
import {processTerminal} from './exec-terminal.js';
import {readOnlyReason, readSettings, settingsPath} from './config/settings.js';
import {AuditFileSink, auditPaths} from './audit/audit-file.js';
import {readAuditLogs} from './audit/read-audit.js';
import {auditWho} from './audit/who.js';
import type {Accountability} from './services/accountable.js';

declare const VNODE_VERSION: string;

const help = `
  Usage
    $ vnode-tui [command] [name] [flags]

  Commands
    (none)               the full-screen UI (on a terminal; otherwise the same as list)
    list                 every node config joined with its container
    start NAME           create and start the node's container as 'v6 node start' does
    stop NAME            stop it (SIGTERM, 10 s grace) and remove its four volumes
    restart NAME         stop, then start from the current config
    remove NAME          remove a stopped (--keep) container; --volumes removes its volumes too
    logs NAME            print the node's log
    inspect NAME         config (secrets masked), container, mounts, env and the spec check
    new NAME             write a new node config (the official wizard's defaults), validated
    delete NAME          move a stopped node's config to a backup (<config dir>/.deleted/)
    set-api-key NAME     put a new API key in the config (only that line changes)
    clean [NAME]         remove what nodes left behind: run and helper containers of stopped nodes,
                         exited helpers, networks no container uses, unused tmp volumes, volumes of
                         stopped nodes; lists them and asks first (a running node's runs are never touched)
    stats [NAME]         CPU % and memory (used / limit) of running node and run containers, refreshed
                         each second until Ctrl+C (a table to a pipe or file is printed once)
    exec NAME [-- CMD]   run CMD (default sh) in the node's container, as 'docker exec -it'; --run ID:
                         in that algorithm run's container. The exit code is CMD's. Without a terminal
                         no TTY: stdin (when piped) and output attached as they are
    audit                who changed what: the audit log (--since D, --node NAME, --json)

  Flags
    --system, --user     scope of the node (default: user, or the only scope that has NAME)
    --config-dir DIR     read configs from DIR/user and DIR/system (env VNODE_CONFIG_DIR)
    --context NAME       the Docker context to use (as docker --context); else DOCKER_HOST,
                         DOCKER_CONTEXT, the current context ('docker context use'), the local socket
    --hosts A,B,...      list and the UI: every node of these hosts in one table (a Docker context, an
                         ~/.ssh/config alias, ssh://user@host[:port], or local); without --hosts and
                         --context, $XDG_CONFIG_HOME/vnode-tui/hosts.yaml when it exists
    --json               list, inspect, clean, stats: machine-readable output (stats: one line a second)
    --image, -i IMG      start, restart: node image (before images.node in the config)
    --keep               start, restart: keep the container after it stops
    --pull WHEN          start, restart: missing (default), always, never
    --follow, -f         logs: keep printing new lines, across restarts of the node
    --tail N             logs: last N lines (or all)
    --since D            logs: since 10m, 2h, an ISO date or Unix seconds
    --timestamps, -t     logs: prefix each line with its time
    --volumes            remove, delete: also remove the node's volumes
    --run ID             exec: the algorithm run's container (vantage6-NAME-run-ID) instead of the node's
    --dry-run            clean: only list what would be removed
    --yes, -y            clean: remove without asking (without a terminal, clean refuses unless given)
    --no-stream          stats: one sample of each container, then exit
    --log-lines N        UI: log lines kept per pane (default 10000); older ones are dropped
    --no-log-colors      UI and logs: strip the containers' colour codes too
    --read-only          change nothing: every start, stop, edit... is refused (also VNODE_READ_ONLY=1,
                         or read_only: true in $XDG_CONFIG_HOME/vnode-tui/settings.yaml)
    --audit-syslog       also send each audit entry to syslog (through logger, tag vnode-tui)
    --node NAME          audit: only this node's entries

  new NAME flags (the API key is read from a file or stdin, never from the command line)
    --api-key-file F     file holding the API key, or - for stdin (also for set-api-key)
    --server-url URL     default http://localhost      --port N       default 443 for https, else 7601
    --api-path P         default /api                  --task-dir D   default the node's data dir
    --db label=uri:type  a database; repeat for more (types: csv parquet sql sparql excel other folder omop)
    --log-level L        DEBUG INFO WARNING ERROR CRITICAL (default INFO)
    --encryption         encryption on; --private-key PATH for its key
    --image IMG          images.node
    --help, --version

  Exit codes: 0 done, 1 failed, 2 usage.

  Examples
    $ vnode-tui list --json
    $ vnode-tui start hospital-a --system
    $ vnode-tui logs hospital-a -f --tail 100
    $ vnode-tui exec hospital-a -- ls /mnt/data
`;

const version = typeof VNODE_VERSION === 'string' ? VNODE_VERSION : 'dev';

// `exec NAME -- CMD...`: what follows the first `--` is the command, never flags of vnode-tui.
const allArgs = process.argv.slice(2);
const separator = allArgs.indexOf('--');
const afterSeparator = separator >= 0 ? allArgs.slice(separator + 1) : [];
// yargs-parser reads a lone '-' as an argument, not as a flag's value; `--api-key-file -` means stdin.
const argv = (separator >= 0 ? allArgs.slice(0, separator) : allArgs).flatMap((arg, index, all) => (arg === '-' && all[index - 1] === '--api-key-file' ? [] : arg === '--api-key-file' && all[index + 1] === '-' ? ['--api-key-file=-'] : [arg]));

const cli = await parseCommandLine(help, {
	importMeta: import.meta,
	argv,
	// Given, so meow does not look for and parse package.json at every start.
	pkg: {name: 'vnode-tui', version},
	description: 'Keyboard-driven terminal UI and CLI for vantage6 nodes on a Docker engine',
	version,
	flags: {
		system: {type: 'boolean', default: false},
		user: {type: 'boolean', default: false},
		configDir: {type: 'string'},
		context: {type: 'string'},
		hosts: {type: 'string'},
		json: {type: 'boolean', default: false},
		image: {type: 'string', shortFlag: 'i'},
		keep: {type: 'boolean', default: false},
		pull: {type: 'string', choices: ['missing', 'always', 'never']},
		follow: {type: 'boolean', shortFlag: 'f', default: false},
		tail: {type: 'string'},
		since: {type: 'string'},
		timestamps: {type: 'boolean', shortFlag: 't', default: false},
		volumes: {type: 'boolean', default: false},
		dryRun: {type: 'boolean', default: false},
		yes: {type: 'boolean', shortFlag: 'y', default: false},
		stream: {type: 'boolean', default: true},
		logLines: {type: 'number', default: 10_000},
		logColors: {type: 'boolean', default: true},
		serverUrl: {type: 'string'},
		port: {type: 'string'},
		apiPath: {type: 'string'},
		apiKeyFile: {type: 'string'},
		taskDir: {type: 'string'},
		db: {type: 'string', isMultiple: true},
		logLevel: {type: 'string'},
		encryption: {type: 'boolean', default: false},
		privateKey: {type: 'string'},
		run: {type: 'string'},
		readOnly: {type: 'boolean', default: false},
		auditSyslog: {type: 'boolean', default: false},
		node: {type: 'string'},
	},
}, process.env);

// Any other command reads what follows `--` as arguments, as before.
const input = cli.input[0] === 'exec' ? cli.input : [...cli.input, ...afterSeparator];

// Installed first thing: until a command or the UI takes over, SIGINT and SIGTERM end the process at once.
let onSignal = (signal: keyof typeof signalExitCodes): void => {
	process.exit(signalExitCodes[signal]);
};

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => onSignal(signal));
}

const output: Output = {
	out: text => process.stdout.write(`${text}\n`),
	err: text => process.stderr.write(`${text}\n`),
};

async function main(): Promise<number> {
	const interactive = input.length === 0 && process.stdout.isTTY && process.stdin.isTTY;
	const [command = 'list', ...args] = input;
	const {flags} = cli;
	const scope: Scope | undefined = flags.system && !flags.user ? 'system' : flags.user && !flags.system ? 'user' : undefined;
	const configRoot = flags.configDir ?? process.env['VNODE_CONFIG_DIR'];
	const home = homedir();
	const read: ReadCapped = async (path, cap) => readConfigBytes(path, cap, 'that file is small');
	const hosts = await hostsChosen(flags.hosts, flags.context);
	if (hosts && 'problem' in hosts) {
		safeOutput(output).err(`error: ${hosts.problem}`);
		return exitCodes.usage;
	}

	const target = hosts?.hosts.length === 1 ? await resolveHostEngine(hosts.hosts[0]!.engine, {env: process.env, home, read}) : await resolveEngineTarget({env: process.env, home, read, ...(flags.context ? {contextFlag: flags.context} : {})});
	const verify = verifySecondsOf(process.env);
	const settings = await readSettings(settingsPath(process.env));
	const readOnly = readOnlyReason(flags.readOnly, process.env, settings);
	const audit = auditPaths(process.env);
	const auditListeners = new Set<(problem: string | undefined) => void>();
	const accountability: Accountability = {
		sink: new AuditFileSink(audit, {syslog: flags.auditSyslog}),
		who: auditWho(process.env),
		...(readOnly === undefined ? {} : {readOnly}),
		onAuditError: problem => {
			if (interactive) {
				auditListeners.forEach(listener => listener(problem));
			} else {
				safeOutput(output).err(`warning: ${problem}`);
			}
		},
		onAuditOk: () => auditListeners.forEach(listener => listener(undefined)),
	};
	const settingsProblem = settings.problem ? `${settings.path}: ${settings.problem} vnode-tui is read-only until it is fixed.` : undefined;
	if (settingsProblem && !interactive) {
		safeOutput(output).err(`warning: ${settingsProblem}`);
	}

	const hostOptions = {
		env: process.env,
		home,
		localUser: localUserName(),
		read,
		...(configRoot ? {configRoot} : {}),
		scopesShown: scope && (command === 'list' || interactive) ? [scope] : scopes,
		syncReads: !interactive,
		accountability,
		...(verify === undefined ? {} : {verifySeconds: verify}),
		cwd: process.cwd(),
	};

	const commandFlags: CommandFlags = {
		json: flags.json,
		...(scope ? {scope} : {}),
		...(flags.image ? {image: flags.image} : {}),
		keep: flags.keep,
		...(flags.pull ? {pull: flags.pull as CommandFlags['pull']} : {}),
		follow: flags.follow,
		...(flags.tail === undefined ? {} : {tail: flags.tail}),
		...(flags.since === undefined ? {} : {since: flags.since}),
		timestamps: flags.timestamps,
		volumes: flags.volumes,
		dryRun: flags.dryRun,
		yes: flags.yes,
		colors: flags.logColors,
		stream: flags.stream,
		db: flags.db ?? [],
		encryption: flags.encryption,
		...(flags.serverUrl === undefined ? {} : {serverUrl: flags.serverUrl}),
		...(flags.port === undefined ? {} : {port: flags.port}),
		...(flags.apiPath === undefined ? {} : {apiPath: flags.apiPath}),
		...(flags.apiKeyFile === undefined ? {} : {apiKeyFile: flags.apiKeyFile}),
		...(flags.taskDir === undefined ? {} : {taskDir: flags.taskDir}),
		...(flags.logLevel === undefined ? {} : {logLevel: flags.logLevel}),
		...(flags.privateKey === undefined ? {} : {privateKey: flags.privateKey}),
		...(flags.run === undefined ? {} : {run: flags.run}),
		...(command === 'exec' && separator >= 0 ? {command: afterSeparator} : {}),
		...(flags.node === undefined ? {} : {node: flags.node}),
	};
	const readAudit = async () => readAuditLogs(audit);
	const logDir = logDirectory(process.env);
	/** What the UI gets beside the nodes, engine and configs of its host or fleet. */
	const uiExtras = {
		hostEnv: process.env,
		saveLog: async (name: string, lines: readonly string[]) => saveLogFile(logDir, name, lines),
		...(readOnly === undefined ? {} : {readOnly}),
		...(settingsProblem ? {startupWarning: settingsProblem} : {}),
		readAudit,
		onAuditProblem: (listener: (problem: string | undefined) => void) => {
			auditListeners.add(listener);
			return () => auditListeners.delete(listener);
		},
	};
	const uiOptions = {logCapacity: flags.logLines, logColors: flags.logColors};

	if (hosts && hosts.hosts.length > 1) {
		const {fleet, stackOf} = await openFleet(hosts.hosts, hostOptions);
		if (interactive) {
			const firstListing = fleet.list();
			firstListing.catch(() => undefined);
			onSignal = () => undefined;
			const {runTui} = await import('./tui.js');
			const services = {...uiExtras, nodes: fleet.nodes, engine: fleet.engine, configs: fleet.configs, watchStats: (onFlush: (cells: StatsSnapshot) => void) => new StatsWatch(fleet.engine, onFlush)};
			// A shell opens on the engine of the host whose container it is.
			return runTui(services, createTheme(process.env), uiOptions, firstListing, async (container, terminal) => auditedExec(accountability, container, ['sh'], async () => runExec(stackOf(fleet.hostOfContainer(container)).engine, container, ['sh'], terminal)));
		}

		if (command !== 'list') {
			safeOutput(output).err(`error: '${command}' acts on one host; name it with --hosts NAME (${hosts.from} lists ${hosts.hosts.map(one => one.name).join(', ')}).`);
			return exitCodes.usage;
		}

		// `list` asks only for the listing: the fleet's merged one.
		const lister = {list: async () => fleet.list()} as unknown as NodeService;
		return runCommand({service: lister, configs: stackOf(hosts.hosts[0]!.name).configs, io: output, signal: new AbortController().signal, readSecret, readAudit}, command, args, commandFlags);
	}

	const host = openHost({target, ...hostOptions});
	const {service, engine, configs} = host;
	if (interactive) {
		// Ask Docker and read the configs while the UI code loads.
		const firstListing = service.list();
		firstListing.catch(() => undefined);
		// The UI handles its signals itself: it restores the terminal first.
		onSignal = () => undefined;
		const {runTui} = await import('./tui.js');
		const services = {
			...uiExtras,
			nodes: service,
			engine,
			configs,
			watchStats: (onFlush: (cells: StatsSnapshot) => void) => new StatsWatch(engine, onFlush),
		};
		return runTui(services, createTheme(process.env), uiOptions, firstListing, async (container, terminal) => auditedExec(accountability, container, ['sh'], async () => runExec(engine, container, ['sh'], terminal)));
	}

	const abort = new AbortController();
	const stop = () => abort.abort();
	onSignal = signal => {
		abort.abort();
		// A command that heeds the signal ends by itself (`logs -f` exits 0); one blocked on an engine call is not waited for.
		setTimeout(() => process.exit(signalExitCodes[signal]), commandGraceMs);
	};

	process.stdout.on('error', stop);
	const confirm = process.stdin.isTTY && process.stderr.isTTY ? askYesNo : undefined;
	return runCommand({service, configs, io: output, signal: abort.signal, readSecret, readAudit, terminal: process.stdout.isTTY === true, exec: execOnThisTerminal(engine, abort.signal, accountability), ...(confirm ? {confirm} : {})}, command, args, commandFlags);
}

/**
 * The hosts of a fleet run: `--hosts`, else the hosts file when neither --context nor DOCKER_HOST or
 * DOCKER_CONTEXT names an engine; undefined for a run on one engine chosen as before.
 */
async function hostsChosen(hostsFlag: string | undefined, contextFlag: string | undefined) {
	if (hostsFlag !== undefined) {
		return contextFlag ? {problem: '--hosts and --context both name engines; give one.'} : hostsFromFlag(hostsFlag);
	}

	if (contextFlag || process.env['DOCKER_HOST'] || process.env['DOCKER_CONTEXT']) {
		return undefined;
	}

	return readHostsFile(hostsFilePath(process.env));
}

/** `exec`: a TTY when stdin and stdout are terminals (as `docker exec -it`), else the pipes as they are. */
function execOnThisTerminal(engine: DockerodeEngine, signal: AbortSignal, accountability: Accountability): RunInContainer {
	return async (container, cmd) =>
		auditedExec(accountability, container, cmd, async () => {
			const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
			const {terminal, release} = processTerminal({tty, input: tty || !process.stdin.isTTY});
			try {
				return await runExec(engine, container, cmd, terminal, signal);
			} finally {
				release();
			}
		});
}

/** The local user name, as ssh uses it when neither the address nor ~/.ssh/config names one. */
function localUserName(): string {
	try {
		return userInfo().username;
	} catch {
		return process.env['USER'] ?? 'root';
	}
}

/** One line from the terminal; only `y` or `yes` is a yes. */
async function askYesNo(question: string): Promise<boolean> {
	const {createInterface} = await import('node:readline/promises');
	const lines = createInterface({input: process.stdin, output: process.stderr});
	try {
		// End of input (Ctrl+D) or Ctrl+C is a no.
		const closed = new Promise<string>(resolve => lines.once('close', () => resolve('')));
		const answer = await Promise.race([lines.question(question), closed]);
		return /^\s*y(es)?\s*$/i.test(answer);
	} finally {
		lines.close();
	}
}

/** 128 + the signal's number, as a shell reports a process a signal ended. */
const signalExitCodes = {SIGINT: 130, SIGTERM: 143} as const;
/** How long a command gets to end by itself after SIGINT or SIGTERM. */
const commandGraceMs = 250;
/** How long the process may linger after it is done (a request to an engine that never answers keeps it alive). */
const lingerMs = 200;

/** Ends the process once its output is out, even when a socket or timer would keep it alive. */
function exitSoon(code: number): void {
	process.exitCode = code;
	setTimeout(() => process.exit(code), lingerMs).unref();
}

main().then(
	code => {
		exitSoon(code);
	},
	(error: unknown) => {
		safeOutput(output).err(`error: ${error instanceof Error ? error.message : String(error)}`);
		exitSoon(exitCodes.failed);
	},
);
