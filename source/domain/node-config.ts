/**
 * A vantage6 node configuration (v4 flat YAML) and the rules the official CLI
 * (`NodeConfiguration.VALIDATORS`, schema 0.7.5) applies to it.
 */
import {imageReferenceProblem} from './field-checks.js';

/** Where a config lives: `~/.config/vantage6/node` (user) or `/etc/vantage6/node` (system). */
export type Scope = 'user' | 'system';

export const scopes: readonly Scope[] = ['user', 'system'];

export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';

export const logLevels: readonly LogLevel[] = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'];

/** Database types the official wizard offers, plus those its code knows. */
export const databaseTypes = ['csv', 'parquet', 'sql', 'sparql', 'excel', 'other', 'folder', 'omop'] as const;

/** Database types whose `uri` must be an existing path on the host (since v4.10). */
export const fileDatabaseTypes: readonly string[] = ['folder', 'csv', 'parquet', 'excel'];

export type DatabaseConfig = {
	label?: unknown;
	uri?: unknown;
	type?: unknown;
	mount_mode?: unknown;
	[key: string]: unknown;
};

/**
 * The parsed config as plain data. Only keys vnode-tui reads are typed; the rest
 * (policies, whitelist, ...) pass through untouched.
 */
export type NodeConfig = {
	api_key: unknown;
	server_url: unknown;
	port: unknown;
	api_path: unknown;
	task_dir: unknown;
	databases: DatabaseConfig[] | Record<string, unknown> | null;
	logging: Record<string, unknown>;
	encryption: {enabled: boolean; private_key?: unknown};
	node_extra_env?: Record<string, unknown>;
	node_extra_mounts?: string[];
	node_extra_hosts?: Record<string, unknown>;
	images?: Record<string, unknown>;
	directories?: {log?: unknown; data?: unknown};
	[key: string]: unknown;
};

/** One thing wrong with a config file, at a key path like `logging.level`. */
export type ConfigProblem = {
	/** Dotted key path; empty for the file as a whole. */
	path: string;
	message: string;
	/** 1-based line and column, when the problem comes from the YAML parser. */
	line?: number;
	column?: number;
};

/** One `<NAME>.yaml` on disk, valid or not. */
export type NodeConfigEntry = {
	name: string;
	scope: Scope;
	/** Absolute path of the YAML file. */
	path: string;
	/** Set only when the file parsed and validated. */
	config?: NodeConfig;
	/** Parse errors (with line/column) or schema violations; empty when valid. */
	problems: ConfigProblem[];
};

export const namePattern = /^[a-zA-Z0-9_.-]+$/;

/** Longest node name: `<NAME>.yaml` and `vantage6-<NAME>-system-squid-vol` stay well inside file and object name limits. */
export const maxNodeNameLength = 128;

/**
 * The one node-name check, at every edge (command arguments, store calls, TUI
 * actions) and for listed files. The official `check_config_name_allowed`
 * (spaces count as dashes, then only `a-zA-Z0-9_.-`), plus what no tool lists:
 * a name starting with a dot (`.`, `..`, `.hidden`). A name that passes is safe
 * as a file name and inside a Docker object name.
 */
export function checkNodeName(name: string): string | undefined {
	const invalid = (reason: string) => `${showName(name)} is not a valid node name: ${reason}.`;
	if (name.length === 0) {
		return 'A node name cannot be empty.';
	}

	if (name.length > maxNodeNameLength) {
		return invalid(`it is longer than ${maxNodeNameLength} characters`);
	}

	if (!namePattern.test(name.replaceAll(' ', '-'))) {
		return invalid('use only the characters a-zA-Z0-9_.-');
	}

	if (name.includes(' ')) {
		return invalid(`it contains spaces; use '${name.replaceAll(' ', '-')}' instead`);
	}

	if (name.startsWith('.')) {
		return invalid('it starts with a dot, and such files are hidden (neither vnode-tui nor v6 lists them)');
	}

	return undefined;
}

/** A name from outside, quoted for a message: every character outside printable ASCII escaped, long names cut. */
export function showName(name: string): string {
	const shown = name.length > 60 ? `${name.slice(0, 60)}…` : name;
	return `'${shown.replaceAll(/[^\u0020-\u007E\u2026]/gu, char => `\\u{${char.codePointAt(0)!.toString(16)}}`)}'`;
}

/** Python's `str.isidentifier()` for ASCII, which database labels and extra env keys must satisfy. */
export function isIdentifier(value: string): boolean {
	return /^[A-Za-z_][A-Za-z0-9_]*$/u.test(value) || /^[\p{L}_][\p{L}\p{N}_]*$/u.test(value);
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Python `int(x)`: ints, bools, floats (truncated) and integer strings convert; nothing else does. */
export function pythonInt(value: unknown): number | undefined {
	if (typeof value === 'boolean') {
		return value ? 1 : 0;
	}

	if (typeof value === 'number') {
		return Number.isFinite(value) ? Math.trunc(value) : undefined;
	}

	if (typeof value === 'bigint') {
		return Number(value);
	}

	if (typeof value === 'string' && /^\s*[+-]?\d+(_\d+)*\s*$/.test(value)) {
		return Number.parseInt(value.replaceAll('_', ''), 10);
	}

	return undefined;
}

const requiredTopLevel = ['api_key', 'server_url', 'port', 'task_dir', 'databases', 'api_path', 'logging', 'encryption'];
const requiredLogging = ['level', 'use_console', 'backup_count', 'max_size', 'format', 'datefmt'];

/**
 * Validates parsed YAML as the official schema does. Extra keys are allowed at
 * every level, as there (`ignore_extra_keys=True`).
 */
export function validateNodeConfig(raw: unknown): {config?: NodeConfig; problems: ConfigProblem[]} {
	const problems: ConfigProblem[] = [];
	const problem = (path: string, message: string) => problems.push({path, message});

	if (!isMapping(raw)) {
		problem('', raw === null || raw === undefined ? 'The file is empty.' : 'The file is not a YAML mapping of keys to values.');
		return {problems};
	}

	for (const key of requiredTopLevel) {
		if (!(key in raw)) {
			problem(key, `Missing required key '${key}'.`);
		}
	}

	if ('port' in raw && raw['port'] !== null && pythonInt(raw['port']) === undefined) {
		problem('port', `'port' must be a whole number or empty, not ${describe(raw['port'])}.`);
	}

	if ('databases' in raw) {
		const databases = raw['databases'];
		if (Array.isArray(databases)) {
			for (const [index, entry] of databases.entries()) {
				if (!isMapping(entry)) {
					problem(`databases.${index}`, `Database ${index + 1} must be a mapping with label, uri and type.`);
				}
			}
		} else if (databases !== null && !isMapping(databases)) {
			problem('databases', `'databases' must be a list of {label, uri, type}, not ${describe(databases)}.`);
		}
	}

	if ('logging' in raw) {
		validateLogging(raw['logging'], problem);
	}

	if ('encryption' in raw) {
		const encryption = raw['encryption'];
		if (!isMapping(encryption)) {
			problem('encryption', `'encryption' must be a mapping with 'enabled: true|false'.`);
		} else if (!('enabled' in encryption)) {
			problem('encryption.enabled', `Missing required key 'encryption.enabled'.`);
		} else if (typeof encryption['enabled'] !== 'boolean') {
			problem('encryption.enabled', `'encryption.enabled' must be true or false, not ${describe(encryption['enabled'])}.`);
		}
	}

	const images = raw['images'];
	if (isMapping(images) && typeof images['node'] === 'string' && images['node'].trim() !== '') {
		const imageProblem = imageReferenceProblem(images['node'].trim());
		if (imageProblem) {
			problem('images.node', imageProblem);
		}
	}

	for (const key of ['node_extra_env', 'node_extra_hosts']) {
		if (key in raw && !isMapping(raw[key])) {
			problem(key, `'${key}' must be a mapping, not ${describe(raw[key])}.`);
		}
	}

	if ('node_extra_mounts' in raw) {
		const mounts = raw['node_extra_mounts'];
		if (!Array.isArray(mounts) || mounts.some(item => typeof item !== 'string')) {
			problem('node_extra_mounts', `'node_extra_mounts' must be a list of strings like '/host/path:/container/path:ro'.`);
		}
	}

	return problems.length === 0 ? {config: raw as NodeConfig, problems} : {problems};
}

function validateLogging(logging: unknown, problem: (path: string, message: string) => void) {
	if (!isMapping(logging)) {
		problem('logging', `'logging' must be a mapping with level, use_console, backup_count, max_size, format and datefmt.`);
		return;
	}

	for (const key of requiredLogging) {
		if (!(key in logging)) {
			problem(`logging.${key}`, `Missing required key 'logging.${key}'.`);
		}
	}

	if ('level' in logging && !logLevels.includes(String(logging['level']) as LogLevel)) {
		problem('logging.level', `'logging.level' must be one of ${logLevels.join(', ')}, not ${describe(logging['level'])}.`);
	}

	const backupCount = pythonInt(logging['backup_count']);
	if ('backup_count' in logging && (backupCount === undefined || backupCount <= 0)) {
		problem('logging.backup_count', `'logging.backup_count' must be a whole number above 0, not ${describe(logging['backup_count'])}.`);
	}

	const maxSize = pythonInt(logging['max_size']);
	if ('max_size' in logging && (maxSize === undefined || maxSize <= 16)) {
		problem('logging.max_size', `'logging.max_size' (KB) must be a whole number above 16, not ${describe(logging['max_size'])}.`);
	}
}

function describe(value: unknown): string {
	if (value === null || value === undefined) {
		return 'empty';
	}

	if (Array.isArray(value)) {
		return 'a list';
	}

	if (typeof value === 'object') {
		return 'a mapping';
	}

	return `'${String(value)}'`;
}

/** `line 3, column 5: message` or `logging.level: message`. */
export function formatProblem(problem: ConfigProblem): string {
	const where = problem.line ? `line ${problem.line}, column ${problem.column ?? 1}: ` : problem.path ? `${problem.path}: ` : '';
	return `${where}${problem.message}`;
}
