/**
 * Node configs as YAML files in the official CLI's directories. A file that
 * does not parse or validate is listed with its problems, and never written.
 */
import {mkdir} from 'node:fs/promises';
import {userInfo} from 'node:os';
import {dirname, join} from 'node:path';
import {checkNodeName, formatProblem, scopes, validateNodeConfig, type Scope} from '../domain/node-config.js';
import {errorCode, isDenied, readProblem} from './bounded-read.js';
import {localFs, localKind, localRealPath, type HostFs} from './host-fs.js';
import {decodeBytes, spliceBytes} from './byte-text.js';
import type {ConfigChange, ConfigListing, ConfigStore, HostFiles, NodeConfigEntry, RemoveResult, WriteResult} from './config-store.js';
import {nodeHostPaths, type Locations} from './paths.js';
import {ensureRealDirectory, moveToNewFile} from './unique-file.js';
import {readPlainConfig} from './plain-yaml.js';

/**
 * The `yaml` package (~290 KB of source) is loaded when a file needs it: a config the plain reader
 * is unsure of, an edit, a new file. Listing plain configs (and the UI's first frame) never compiles it.
 */
const yamlDocument = async () => import('./yaml-document.js');

export class YamlConfigStore implements ConfigStore {
	constructor(
		private readonly locations: Locations,
		private readonly scopesShown: readonly Scope[] = scopes,
		/**
		 * `syncReads`: read configs with blocking calls (a command that runs once, never the UI): bounded-read.ts.
		 * `fs`: the host's files (this machine's, or a remote host's over SFTP).
		 */
		private readonly options: {syncReads?: boolean; fs?: HostFs} = {},
	) {
		this.fs = options.fs ?? localFs;
	}

	private readonly fs: HostFs;

	/**
	 * The host's home, user and writability known before any path is made or the disk touched (a remote
	 * host's, over SFTP); why not when they cannot be (the connection is down). A name that is not a node
	 * name never gets that far.
	 */
	private async notReady(name: string): Promise<string | undefined> {
		if (name !== '' && checkNodeName(name)) {
			return undefined;
		}

		try {
			await this.fs.prepare(() => scopes.map(scope => this.configDir(scope)));
			return undefined;
		} catch (error) {
			return error instanceof Error ? error.message : String(error);
		}
	}

	configDir(scope: Scope): string {
		return this.locations.configDir(scope);
	}

	hostPaths(entry: NodeConfigEntry) {
		return nodeHostPaths(this.locations, entry.scope, entry.name, entry.path, entry.config?.directories);
	}

	async list(): Promise<ConfigListing> {
		const listing: ConfigListing = {nodes: [], problems: []};
		const notReady = await this.notReady('');
		for (const scope of this.scopesShown) {
			if (notReady) {
				listing.problems.push({scope, dir: this.configDir(scope), message: notReady});
				continue;
			}

			const dir = this.configDir(scope);
			let files: string[];
			try {
				files = await this.fs.readdir(dir);
			} catch (error) {
				if (errorCode(error) !== 'ENOENT') {
					listing.problems.push({scope, dir, message: `Cannot read ${dir}: ${errorMessage(error, dir, this.fs)}`});
				}

				continue;
			}

			const names = files.filter(file => file.endsWith('.yaml') && !file.startsWith('.')).map(file => file.slice(0, -5));
			const entries = await mapLimited(names.sort(), loadConcurrency, async name => this.load(name, scope, join(dir, `${name}.yaml`)));
			// A file removed between readdir and read is simply gone.
			listing.nodes.push(...entries.filter(entry => entry !== undefined));
		}

		return listing;
	}

	/** The entry for a name: undefined only when nothing is at its path; anything unreadable is an invalid entry. */
	async read(name: string, scope: Scope): Promise<NodeConfigEntry | undefined> {
		const notReady = await this.notReady(name);
		const path = this.pathOf(name, scope);
		if (notReady) {
			return {name, scope, path, problems: [{path: '', message: notReady}]};
		}

		const nameProblem = checkNodeName(name);
		if (nameProblem) {
			// Never touches the disk: the name could point anywhere.
			return {name, scope, path, problems: [{path: '', message: nameProblem}]};
		}

		return this.load(name, scope, path);
	}

	async update(name: string, scope: Scope, changes: ConfigChange[]): Promise<WriteResult> {
		const notReady = await this.notReady(name);
		const path = this.pathOf(name, scope);
		if (notReady) {
			return {ok: false, path, message: `${path} was left as it is: ${notReady}`};
		}

		const nameProblem = checkNodeName(name);
		if (nameProblem) {
			return {ok: false, path, message: nameProblem};
		}

		// A link is written through to its target, beside the target, so the link stays a link.
		let target: string;
		try {
			target = await this.fs.realpath(path);
		} catch (error) {
			return {ok: false, path, message: `Cannot write ${path}: ${readProblem(error)}${adviceFor(error, path, this.fs)}`};
		}

		const read = await this.fs.readConfig(target);
		if (!read.ok) {
			return {ok: false, path, message: `${path} was left as it is: ${read.reason}${read.denied ? ` ${this.fs.permissionAdvice(target)}` : ''}`};
		}

		const decoded = decodeBytes(read.bytes);
		const {applySplices, documentValue, parseConfigText, planEdit} = await yamlDocument();
		const {document, problems} = parseConfigText(decoded.text);
		const value = documentValue(document);
		if (problems.length > 0 || 'problem' in value) {
			const problem = problems[0] ?? ('problem' in value ? value.problem : undefined)!;
			return {ok: false, path, message: `${path} does not parse (${formatProblem(problem)}); it was left as it is.`};
		}

		const plan = planEdit(decoded.text, document, changes);
		if ('text' in plan && !decoded.utf8) {
			return {ok: false, path, message: `${path} has bytes that are not UTF-8; vnode-tui only changes single values in such a file, and this change needs more. It was left as it is.`};
		}

		const updatedText = 'text' in plan ? plan.text : applySplices(decoded.text, plan.splices);
		const reparsed = parseConfigText(updatedText);
		const reparsedValue = documentValue(reparsed.document);
		const result = validateNodeConfig('value' in reparsedValue ? reparsedValue.value : undefined);
		const problemsAfter = [...reparsed.problems.map(problem => formatProblem(problem)), ...result.problems.map(problem => problem.message)];
		if (problemsAfter.length > 0) {
			return {ok: false, path, message: `Not saved: ${problemsAfter.join(' ')}`};
		}

		const bytes = 'text' in plan ? Buffer.from(plan.text, 'utf8') : spliceBytes(read.bytes, decoded, plan.splices);
		// Another writer (an editor, another vnode-tui) since the read: its change is not overwritten.
		const now = await this.fs.readConfig(target);
		if (!now.ok || !now.bytes.equals(read.bytes)) {
			return {ok: false, path, message: `${path} changed while it was being edited; it was left as it is. Read it again and retry.`};
		}

		const written = await this.write(target, bytes, read.realMode);
		return written.ok ? {ok: true, path} : written;
	}

	async create(name: string, scope: Scope, config: Record<string, unknown>): Promise<WriteResult> {
		const notReady = await this.notReady(name);
		const dir = this.configDir(scope);
		const path = this.pathOf(name, scope);
		if (notReady) {
			return {ok: false, path, message: `Not saved: ${notReady}`};
		}

		const nameProblem = checkNodeName(name);
		if (nameProblem) {
			return {ok: false, path, message: nameProblem};
		}

		// Anything there, even a dangling link, is never replaced.
		if ((await this.fs.lstatKind(path)) !== undefined) {
			return {ok: false, path, message: `Configuration ${name} already exists in ${dir}.`};
		}

		const result = validateNodeConfig(config);
		if (result.problems.length > 0) {
			return {ok: false, path, message: `Not saved: ${result.problems.map(problem => problem.message).join(' ')}`};
		}

		try {
			await this.fs.mkdir(dir, {recursive: true, mode: 0o700});
		} catch (error) {
			return {ok: false, path, message: `Cannot create ${dir}: ${errorMessage(error, dir, this.fs)}`};
		}

		return this.write(path, (await yamlDocument()).stringifyNewConfig(config));
	}

	async remove(name: string, scope: Scope): Promise<RemoveResult> {
		const notReady = await this.notReady(name);
		const dir = this.configDir(scope);
		const path = this.pathOf(name, scope);
		if (notReady) {
			return {ok: false, path, message: `Not deleted: ${notReady}`};
		}

		const nameProblem = checkNodeName(name);
		if (nameProblem) {
			return {ok: false, path, message: nameProblem};
		}

		const backupDir = join(dir, '.deleted');
		try {
			if ((await this.fs.lstatKind(path)) === undefined) {
				return {ok: false, path, message: `There is no config ${path}.`};
			}

			const dirProblem = await ensureRealDirectory(backupDir, this.fs);
			if (dirProblem) {
				return {ok: false, path, message: `Not deleted: ${dirProblem}`};
			}

			// Same file system, so the move keeps the file as it was; never onto an earlier backup.
			const backupPath = await moveToNewFile(path, backupDir, name, '.yaml', new Date(), this.fs);
			return {ok: true, path, backupPath};
		} catch (error) {
			return {ok: false, path, message: `Cannot move ${path} to ${backupDir}: ${errorMessage(error, backupDir, this.fs)}`};
		}
	}

	whyNotWritable(scope: Scope): string | undefined {
		if (this.writable(scope)) {
			return undefined;
		}

		return scope === 'system'
			? `${this.configDir(scope)} is not writable by this user (system-scope configs need root: run vnode-tui with sudo).`
			: `${this.configDir(scope)} is not writable by this user. ${this.fs.permissionAdvice(this.configDir(scope))}`;
	}

	needsRoot(scope: Scope): string | undefined {
		if (scope !== 'system' || this.fs.isRoot() || this.writable(scope)) {
			return undefined;
		}

		return `${this.configDir(scope)} is not writable by ${this.fs.remote ? `the SSH user on ${this.fs.remote}` : userName()}`;
	}

	/** The config dir, or the nearest parent that exists (create makes the rest), is writable by this user. */
	private writable(scope: Scope): boolean {
		return this.fs.writable(this.configDir(scope));
	}

	async readText(name: string, scope: Scope): Promise<string | undefined> {
		if (checkNodeName(name)) {
			return undefined;
		}

		if (await this.notReady(name)) {
			return undefined;
		}

		const read = await this.fs.readConfig(this.pathOf(name, scope));
		return read.ok ? decodeBytes(read.bytes).text : undefined;
	}

	/** `<config dir>/<name>.yaml`; only a checked name ever reaches the disk through it. */
	private pathOf(name: string, scope: Scope): string {
		return join(this.configDir(scope), `${name}.yaml`);
	}

	private async write(path: string, data: string | Uint8Array, mode?: number): Promise<WriteResult> {
		try {
			await this.fs.writeAtomic(path, data, mode);
			return {ok: true, path};
		} catch (error) {
			return {ok: false, path, message: `Cannot write ${path}: ${errorMessage(error, dirname(path), this.fs)}`};
		}
	}

	/** One entry per file, whatever is at the path: never throws, never blocks, never reads more than the cap. */
	private async load(name: string, scope: Scope, path: string): Promise<NodeConfigEntry | undefined> {
		const read = this.options.syncReads && this.fs.readConfigSync ? this.fs.readConfigSync(path) : await this.fs.readConfig(path);
		if (!read.ok) {
			return read.missing ? undefined : {name, scope, path, problems: [{path: '', message: `${read.reason}${read.denied ? ` ${this.fs.permissionAdvice(path)}` : ''}`}]};
		}

		const text = decodeBytes(read.bytes).text;
		// Most configs are plain YAML: read fast; anything else (or anything unsure) through the full parser.
		const plain = readPlainConfig(text);
		const value = plain ? {value: plain} : (await yamlDocument()).configValueOf(text);
		if ('problems' in value) {
			return {name, scope, path, problems: value.problems};
		}

		const nameProblem = checkNodeName(name);
		const result = validateNodeConfig(value.value);
		const all = nameProblem ? [{path: '', message: nameProblem}, ...result.problems] : result.problems;
		return all.length === 0 && result.config ? {name, scope, path, config: result.config, problems: []} : {name, scope, path, problems: all};
	}
}

/** Files read at once while listing: memory stays bounded (concurrency × the size cap) however many files there are. */
const loadConcurrency = 16;

async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = Array.from({length: items.length});
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await work(items[index]!);
		}
	};

	await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
	return results;
}

/** The real file system's answers to the host questions of a start. */
export const hostFiles: HostFiles = {
	pathKind: localKind,
	realPath: localRealPath,
	async ensureDir(path) {
		try {
			await mkdir(path, {recursive: true});
		} catch (error) {
			// A data or log dir under one another user made (root, after `sudo v6 node start`): said with the fix.
			throw isDenied(error) ? new Error(`Cannot create ${path}: permission denied.${adviceFor(error, path, localFs)}`) : error;
		}
	},
};

/** This user's login name, for messages; `this user` when it cannot be told. */
export function userName(): string {
	try {
		return `user ${userInfo().username}`;
	} catch {
		return 'this user';
	}
}

/** ` <what is wrong and what to run>` for a permission error on `path`; empty for any other error. */
export function adviceFor(error: unknown, path: string, fs: HostFs): string {
	return isDenied(error) ? ` ${fs.permissionAdvice(path)}` : '';
}

function errorMessage(error: unknown, path: string, fs: HostFs): string {
	if (isDenied(error)) {
		return `permission denied.${adviceFor(error, path, fs)}`;
	}

	return error instanceof Error ? error.message : String(error);
}
