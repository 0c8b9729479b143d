/**
 * Node configs as YAML files in the official CLI's directories. A file that
 * does not parse or validate is listed with its problems, and never written.
 */
import {accessSync, constants, realpathSync, statSync} from 'node:fs';
import {mkdir, readdir, realpath} from 'node:fs/promises';
import {userInfo} from 'node:os';
import {dirname, join} from 'node:path';
import {checkNodeName, formatProblem, scopes, validateNodeConfig, type Scope} from '../domain/node-config.js';
import type {PathKind} from '../domain/node-spec.js';
import {writeFileAtomic} from './atomic-write.js';
import {errorCode, existsAtAll, isDenied, readConfigBytes, readConfigBytesSync, readProblem} from './bounded-read.js';
import {permissionAdvice} from './ownership.js';
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
		/** Read configs with blocking calls (a command that runs once, never the UI): bounded-read.ts. */
		private readonly options: {syncReads?: boolean} = {},
	) {}

	configDir(scope: Scope): string {
		return this.locations.configDir(scope);
	}

	hostPaths(entry: NodeConfigEntry) {
		return nodeHostPaths(this.locations, entry.scope, entry.name, entry.path, entry.config?.directories);
	}

	async list(): Promise<ConfigListing> {
		const listing: ConfigListing = {nodes: [], problems: []};
		for (const scope of this.scopesShown) {
			const dir = this.configDir(scope);
			let files: string[];
			try {
				files = await readdir(dir);
			} catch (error) {
				if (errorCode(error) !== 'ENOENT') {
					listing.problems.push({scope, dir, message: `Cannot read ${dir}: ${errorMessage(error, dir)}`});
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
		const path = this.pathOf(name, scope);
		const nameProblem = checkNodeName(name);
		if (nameProblem) {
			// Never touches the disk: the name could point anywhere.
			return {name, scope, path, problems: [{path: '', message: nameProblem}]};
		}

		return this.load(name, scope, path);
	}

	async update(name: string, scope: Scope, changes: ConfigChange[]): Promise<WriteResult> {
		const path = this.pathOf(name, scope);
		const nameProblem = checkNodeName(name);
		if (nameProblem) {
			return {ok: false, path, message: nameProblem};
		}

		// A link is written through to its target, beside the target, so the link stays a link.
		let target: string;
		try {
			target = await realpath(path);
		} catch (error) {
			return {ok: false, path, message: `Cannot write ${path}: ${readProblem(error)}${adviceFor(error, path)}`};
		}

		const read = await readConfigBytes(target);
		if (!read.ok) {
			return {ok: false, path, message: `${path} was left as it is: ${read.reason}${read.denied ? ` ${permissionAdvice(target)}` : ''}`};
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
		const written = await this.write(target, bytes, read.realMode);
		return written.ok ? {ok: true, path} : written;
	}

	async create(name: string, scope: Scope, config: Record<string, unknown>): Promise<WriteResult> {
		const dir = this.configDir(scope);
		const path = this.pathOf(name, scope);
		const nameProblem = checkNodeName(name);
		if (nameProblem) {
			return {ok: false, path, message: nameProblem};
		}

		// Anything there, even a dangling link, is never replaced.
		if (await existsAtAll(path)) {
			return {ok: false, path, message: `Configuration ${name} already exists in ${dir}.`};
		}

		const result = validateNodeConfig(config);
		if (result.problems.length > 0) {
			return {ok: false, path, message: `Not saved: ${result.problems.map(problem => problem.message).join(' ')}`};
		}

		try {
			await mkdir(dir, {recursive: true, mode: 0o700});
		} catch (error) {
			return {ok: false, path, message: `Cannot create ${dir}: ${errorMessage(error, dir)}`};
		}

		return this.write(path, (await yamlDocument()).stringifyNewConfig(config));
	}

	async remove(name: string, scope: Scope): Promise<RemoveResult> {
		const dir = this.configDir(scope);
		const path = this.pathOf(name, scope);
		const nameProblem = checkNodeName(name);
		if (nameProblem) {
			return {ok: false, path, message: nameProblem};
		}

		if (!(await existsAtAll(path))) {
			return {ok: false, path, message: `There is no config ${path}.`};
		}

		const backupDir = join(dir, '.deleted');
		try {
			const dirProblem = await ensureRealDirectory(backupDir);
			if (dirProblem) {
				return {ok: false, path, message: `Not deleted: ${dirProblem}`};
			}

			// Same file system, so the move keeps the file as it was; never onto an earlier backup.
			const backupPath = await moveToNewFile(path, backupDir, name, '.yaml', new Date());
			return {ok: true, path, backupPath};
		} catch (error) {
			return {ok: false, path, message: `Cannot move ${path} to ${backupDir}: ${errorMessage(error, backupDir)}`};
		}
	}

	whyNotWritable(scope: Scope): string | undefined {
		if (this.writable(scope)) {
			return undefined;
		}

		return scope === 'system'
			? `${this.configDir(scope)} is not writable by this user (system-scope configs need root: run vnode-tui with sudo).`
			: `${this.configDir(scope)} is not writable by this user. ${permissionAdvice(this.configDir(scope))}`;
	}

	needsRoot(scope: Scope): string | undefined {
		if (scope !== 'system' || process.geteuid?.() === 0 || this.writable(scope)) {
			return undefined;
		}

		return `${this.configDir(scope)} is not writable by ${userName()}`;
	}

	/** The config dir, or the nearest parent that exists (create makes the rest), is writable by this user. */
	private writable(scope: Scope): boolean {
		let dir = this.configDir(scope);
		while (kindOf(dir) !== 'directory' && dir !== dirname(dir)) {
			dir = dirname(dir);
		}

		try {
			accessSync(dir, constants.W_OK);
			return true;
		} catch {
			return false;
		}
	}

	async readText(name: string, scope: Scope): Promise<string | undefined> {
		if (checkNodeName(name)) {
			return undefined;
		}

		const read = await readConfigBytes(this.pathOf(name, scope));
		return read.ok ? decodeBytes(read.bytes).text : undefined;
	}

	/** `<config dir>/<name>.yaml`; only a checked name ever reaches the disk through it. */
	private pathOf(name: string, scope: Scope): string {
		return join(this.configDir(scope), `${name}.yaml`);
	}

	private async write(path: string, data: string | Uint8Array, mode?: number): Promise<WriteResult> {
		try {
			await writeFileAtomic(path, data, mode);
			return {ok: true, path};
		} catch (error) {
			return {ok: false, path, message: `Cannot write ${path}: ${errorMessage(error, dirname(path))}`};
		}
	}

	/** One entry per file, whatever is at the path: never throws, never blocks, never reads more than the cap. */
	private async load(name: string, scope: Scope, path: string): Promise<NodeConfigEntry | undefined> {
		const read = this.options.syncReads ? readConfigBytesSync(path) : await readConfigBytes(path);
		if (!read.ok) {
			return read.missing ? undefined : {name, scope, path, problems: [{path: '', message: `${read.reason}${read.denied ? ` ${permissionAdvice(path)}` : ''}`}]};
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
	pathKind: kindOf,
	realPath(path) {
		try {
			return realpathSync(path);
		} catch {
			return path;
		}
	},
	async ensureDir(path) {
		try {
			await mkdir(path, {recursive: true});
		} catch (error) {
			// A data or log dir under one another user made (root, after `sudo v6 node start`): said with the fix.
			throw isDenied(error) ? new Error(`Cannot create ${path}: permission denied.${adviceFor(error, path)}`) : error;
		}
	},
};

function kindOf(path: string): PathKind {
	try {
		const stats = statSync(path);
		return stats.isDirectory() ? 'directory' : 'file';
	} catch {
		return undefined;
	}
}


/** This user's login name, for messages; `this user` when it cannot be told. */
export function userName(): string {
	try {
		return `user ${userInfo().username}`;
	} catch {
		return 'this user';
	}
}

/** ` <what is wrong and what to run>` for a permission error on `path`; empty for any other error. */
function adviceFor(error: unknown, path: string): string {
	return isDenied(error) ? ` ${permissionAdvice(path)}` : '';
}

function errorMessage(error: unknown, path: string): string {
	if (isDenied(error)) {
		return `permission denied.${adviceFor(error, path)}`;
	}

	return error instanceof Error ? error.message : String(error);
}
