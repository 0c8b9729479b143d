/**
 * Node configs as YAML files in the official CLI's directories. A file that
 * does not parse or validate is listed with its problems, and never written.
 */
import {accessSync, constants, statSync} from 'node:fs';
import {mkdir, readdir, readFile, rename} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {stringify} from 'yaml';
import {checkNodeName, formatProblem, scopes, validateNodeConfig, type Scope} from '../domain/node-config.js';
import type {PathKind} from '../domain/node-spec.js';
import {writeFileAtomic} from './atomic-write.js';
import type {ConfigChange, ConfigListing, ConfigStore, HostFiles, NodeConfigEntry, RemoveResult, WriteResult} from './config-store.js';
import {nodeHostPaths, type Locations} from './paths.js';
import {editConfigText, parseConfigText} from './yaml-document.js';

export class YamlConfigStore implements ConfigStore {
	constructor(
		private readonly locations: Locations,
		private readonly scopesShown: readonly Scope[] = scopes,
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
					listing.problems.push({scope, dir, message: `Cannot read ${dir}: ${errorMessage(error)}`});
				}

				continue;
			}

			const names = files.filter(file => file.endsWith('.yaml') && !file.startsWith('.')).map(file => file.slice(0, -5));
			const entries = await Promise.all(names.sort().map(async name => this.load(name, scope, join(dir, `${name}.yaml`))));
			listing.nodes.push(...entries);
		}

		return listing;
	}

	async read(name: string, scope: Scope): Promise<NodeConfigEntry | undefined> {
		const path = join(this.configDir(scope), `${name}.yaml`);
		if (kindOf(path) !== 'file') {
			return undefined;
		}

		return this.load(name, scope, path);
	}

	async update(name: string, scope: Scope, changes: ConfigChange[]): Promise<WriteResult> {
		const path = join(this.configDir(scope), `${name}.yaml`);
		let text: string;
		try {
			text = await readFile(path, 'utf8');
		} catch (error) {
			return {ok: false, path, message: `Cannot read ${path}: ${errorMessage(error)}`};
		}

		const {document, problems} = parseConfigText(text);
		if (problems.length > 0) {
			return {ok: false, path, message: `${path} does not parse (${formatProblem(problems[0]!)}); it was left as it is.`};
		}

		const updated = editConfigText(text, document, changes);
		const result = validateNodeConfig(parseConfigText(updated).document.toJS());
		if (result.problems.length > 0) {
			return {ok: false, path, message: `Not saved: ${result.problems.map(problem => problem.message).join(' ')}`};
		}

		return this.write(path, updated);
	}

	async create(name: string, scope: Scope, config: Record<string, unknown>): Promise<WriteResult> {
		const dir = this.configDir(scope);
		const path = join(dir, `${name}.yaml`);
		const nameProblem = checkNodeName(name);
		if (nameProblem) {
			return {ok: false, path, message: nameProblem};
		}

		if (kindOf(path)) {
			return {ok: false, path, message: `Configuration ${name} already exists in ${dir}.`};
		}

		const result = validateNodeConfig(config);
		if (result.problems.length > 0) {
			return {ok: false, path, message: `Not saved: ${result.problems.map(problem => problem.message).join(' ')}`};
		}

		try {
			await mkdir(dir, {recursive: true, mode: 0o700});
		} catch (error) {
			return {ok: false, path, message: `Cannot create ${dir}: ${errorMessage(error)}`};
		}

		return this.write(path, stringify(config, {lineWidth: 0}));
	}

	async remove(name: string, scope: Scope): Promise<RemoveResult> {
		const dir = this.configDir(scope);
		const path = join(dir, `${name}.yaml`);
		if (kindOf(path) !== 'file') {
			return {ok: false, path, message: `There is no config ${path}.`};
		}

		const backupDir = join(dir, '.deleted');
		const stamp = new Date().toISOString().replaceAll(':', '').replace(/\.\d+Z$/, 'Z');
		const backupPath = join(backupDir, `${name}-${stamp}.yaml`);
		try {
			await mkdir(backupDir, {recursive: true, mode: 0o700});
			// Same file system, so the move is atomic and keeps the file as it was.
			await rename(path, backupPath);
			return {ok: true, path, backupPath};
		} catch (error) {
			return {ok: false, path, message: `Cannot move ${path} to ${backupPath}: ${errorMessage(error)}`};
		}
	}

	whyNotWritable(scope: Scope): string | undefined {
		// The config dir, or the nearest parent that exists (create makes the rest).
		let dir = this.configDir(scope);
		while (kindOf(dir) !== 'directory' && dir !== dirname(dir)) {
			dir = dirname(dir);
		}

		try {
			accessSync(dir, constants.W_OK);
			return undefined;
		} catch {
			return `${this.configDir(scope)} is not writable by this user${scope === 'system' ? ' (system-scope configs need root: run vnode-tui with sudo)' : ''}.`;
		}
	}

	async readText(name: string, scope: Scope): Promise<string | undefined> {
		return readFile(join(this.configDir(scope), `${name}.yaml`), 'utf8').catch(() => undefined);
	}

	private async write(path: string, text: string): Promise<WriteResult> {
		try {
			await writeFileAtomic(path, text);
			return {ok: true, path};
		} catch (error) {
			return {ok: false, path, message: `Cannot write ${path}: ${errorMessage(error)}`};
		}
	}

	private async load(name: string, scope: Scope, path: string): Promise<NodeConfigEntry> {
		let text: string;
		try {
			text = await readFile(path, 'utf8');
		} catch (error) {
			return {name, scope, path, problems: [{path: '', message: `Cannot read the file: ${errorMessage(error)}`}]};
		}

		const {document, problems} = parseConfigText(text);
		if (problems.length > 0) {
			return {name, scope, path, problems};
		}

		const nameProblem = checkNodeName(name);
		const result = validateNodeConfig(document.toJS());
		const all = nameProblem ? [{path: '', message: nameProblem}, ...result.problems] : result.problems;
		return all.length === 0 && result.config ? {name, scope, path, config: result.config, problems: []} : {name, scope, path, problems: all};
	}
}

/** The real file system's answers to the host questions of a start. */
export const hostFiles: HostFiles = {
	pathKind: kindOf,
	async ensureDir(path) {
		await mkdir(path, {recursive: true});
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


function errorCode(error: unknown): string | undefined {
	return (error as NodeJS.ErrnoException | undefined)?.code;
}

function errorMessage(error: unknown): string {
	const code = errorCode(error);
	if (code === 'EACCES' || code === 'EPERM') {
		return 'permission denied';
	}

	return error instanceof Error ? error.message : String(error);
}
