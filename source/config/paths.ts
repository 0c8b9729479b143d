/**
 * Where the official CLI (appdirs 1.4.4, `AppDirs("vantage6", "")`) keeps node
 * configs, data and logs on Linux; research/vantage6-node-spec.md §5.1.
 */
import {homedir} from 'node:os';
import {join, resolve} from 'node:path';
import type {Scope} from '../domain/node-config.js';
import type {NodeHostPaths} from '../domain/node-spec.js';

export type PathEnv = Readonly<Record<string, string | undefined>>;

export type Locations = {
	/** Directory holding `<NAME>.yaml` files of a scope. */
	configDir(scope: Scope): string;
	dataDir(scope: Scope, name: string): string;
	logDir(scope: Scope, name: string): string;
};

export type LocationOptions = {
	env?: PathEnv;
	/** `--config-dir`: user configs in `DIR/user`, system configs in `DIR/system`. */
	configRoot?: string;
};

export function officialLocations(options: LocationOptions = {}): Locations {
	const env = options.env ?? process.env;
	// Bind sources must be absolute: Docker reads a relative one as a volume name.
	const configRoot = options.configRoot ? resolve(options.configRoot) : undefined;
	const home = env['HOME'] || homedir();
	const xdg = (key: string, fallback: string) => (env[key] && env[key]!.startsWith('/') ? env[key]! : fallback);
	const firstOf = (key: string, fallback: string) => (env[key] ?? '').split(':').find(path => path.startsWith('/')) ?? fallback;

	const userConfig = join(xdg('XDG_CONFIG_HOME', join(home, '.config')), 'vantage6', 'node');
	// appdirs' site_config_dir; the CLI rewrites any path containing "xdg" to /etc/vantage6.
	const siteConfig = join(firstOf('XDG_CONFIG_DIRS', '/etc/xdg'), 'vantage6');
	const systemConfig = join(siteConfig.includes('xdg') ? '/etc/vantage6' : siteConfig, 'node');
	const userData = join(xdg('XDG_DATA_HOME', join(home, '.local', 'share')), 'vantage6', 'node');
	const systemData = join(firstOf('XDG_DATA_DIRS', '/usr/local/share'), 'vantage6', 'node');
	const userLog = join(xdg('XDG_CACHE_HOME', join(home, '.cache')), 'vantage6', 'log', 'node');

	return {
		configDir: scope =>
			configRoot ? join(configRoot, scope) : scope === 'system' ? systemConfig : userConfig,
		dataDir: (scope, name) => join(scope === 'system' ? systemData : userData, name),
		// For system scope the log dir is the data dir, as in the official CLI.
		logDir: (scope, name) => join(scope === 'system' ? systemData : userLog, name),
	};
}

/**
 * The official locations under a home learnt later (a remote user's home, over SFTP): no XDG variables
 * (the remote environment is not read), `~` until the home is known.
 */
export function homeLocations(home: () => string | undefined): Locations {
	const at = () => officialLocations({env: {HOME: home() ?? '~'}});
	return {
		configDir: scope => at().configDir(scope),
		dataDir: (scope, name) => at().dataDir(scope, name),
		logDir: (scope, name) => at().logDir(scope, name),
	};
}

/** Host paths of one node; `directories: {log, data}` in its config override the defaults. */
export function nodeHostPaths(
	locations: Locations,
	scope: Scope,
	name: string,
	configFile: string,
	directories?: {log?: unknown; data?: unknown},
): NodeHostPaths {
	const override = (value: unknown) => (typeof value === 'string' && value.startsWith('/') ? value : undefined);
	return {
		configFile,
		configDir: configFile.slice(0, configFile.lastIndexOf('/')) || '/',
		dataDir: override(directories?.data) ?? locations.dataDir(scope, name),
		logDir: override(directories?.log) ?? locations.logDir(scope, name),
	};
}
