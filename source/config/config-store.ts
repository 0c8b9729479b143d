/**
 * The node-config store as the rest of vnode-tui sees it: plain data in, plain
 * data out. Only cli.tsx builds the YAML implementation.
 */
import type {NodeConfigEntry, Scope} from '../domain/node-config.js';
import type {NodeHostPaths, PathKind} from '../domain/node-spec.js';

export type {NodeConfigEntry} from '../domain/node-config.js';

/** A scope directory that could not be read (permissions, not a directory, ...). */
export type StoreProblem = {scope: Scope; dir: string; message: string};

export type ConfigListing = {nodes: NodeConfigEntry[]; problems: StoreProblem[]};

/** A change to one value: `value: undefined` deletes the key. */
export type ConfigChange = {path: Array<string | number>; value: unknown};

export type WriteResult = {ok: true; path: string} | {ok: false; path: string; message: string};

export type RemoveResult = {ok: true; path: string; backupPath: string} | {ok: false; path: string; message: string};

export type ConfigStore = {
	list(): Promise<ConfigListing>;
	/** The entry for a name in a scope, or undefined when no such file exists. */
	read(name: string, scope: Scope): Promise<NodeConfigEntry | undefined>;
	/** Applies changes to an existing file, keeping comments, order and unknown keys. Refuses files that do not parse. */
	update(name: string, scope: Scope, changes: ConfigChange[]): Promise<WriteResult>;
	/** Writes a new file; refuses when one exists. */
	create(name: string, scope: Scope, config: Record<string, unknown>): Promise<WriteResult>;
	/** Moves the file to a backup (`<config dir>/.deleted/NAME-TIME.yaml`, which the official CLI does not list). */
	remove(name: string, scope: Scope): Promise<RemoveResult>;
	/** Why a new config cannot be written in this scope (e.g. /etc needs root), or undefined when it can. */
	whyNotWritable(scope: Scope): string | undefined;
	/**
	 * Why this user may not act on the nodes of this scope without root (`/etc/vantage6/node is not writable
	 * by user bob`), or undefined when it may.
	 * Only the system scope, and only when vnode-tui does not run as root and the system config dir
	 * (or its nearest parent that exists) is not writable by this user: as for the official CLI, a system
	 * node is root's (its config in /etc/vantage6, its data and log in /usr/local/share/vantage6).
	 */
	needsRoot(scope: Scope): string | undefined;
	/** The file's text as it is, for a read-only view of a file that does not parse. */
	readText(name: string, scope: Scope): Promise<string | undefined>;
	/** Host paths the official CLI uses for this node. */
	hostPaths(entry: NodeConfigEntry): NodeHostPaths;
	configDir(scope: Scope): string;
};

/** The host file facts starting a node needs, apart from its config. */
export type HostFiles = {
	/** What is at a host path (for the spec's database and key checks). */
	pathKind(path: string): PathKind;
	/** The path with every symbolic link resolved (Python's `Path.resolve()`), or the path itself when it cannot be. */
	realPath(path: string): string;
	/** `mkdir -p`, as `v6 node start` does for the data and log dirs. */
	ensureDir(path: string): Promise<void>;
	/**
	 * Fetches the facts of these paths for `pathKind`/`realPath` (a remote host's, over SFTP), which
	 * answer from what was fetched; absent where they ask the disk themselves.
	 */
	learn?(paths: readonly string[]): Promise<void>;
};
