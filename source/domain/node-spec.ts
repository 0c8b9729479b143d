/**
 * The container `v6 node start` (vantage6 CLI v4.14) creates for a config, as a
 * pure function of the config and the host facts it depends on. Reference:
 * research/vantage6-node-spec.md §2; every field here is checked against a
 * real engine in test/integration.
 */
import {fileDatabaseTypes, isIdentifier, type DatabaseConfig, type NodeConfig, type Scope} from './node-config.js';
import {basename, isAbsolutePath, joinPath, resolvePath} from './posix-path.js';

export const officialDefaultImage = 'harbor2.vantage6.ai/infrastructure/node:cotopaxi';
const officialImageRepository = 'harbor2.vantage6.ai/infrastructure/node';

/** Absolute host paths of one node, as the official CLI derives them (config/paths.ts). */
export type NodeHostPaths = {
	configFile: string;
	configDir: string;
	dataDir: string;
	logDir: string;
};

export type PathKind = 'file' | 'directory' | undefined;

export type SpecContext = {
	name: string;
	scope: Scope;
	paths: NodeHostPaths;
	/** `--image`; wins over everything. */
	image?: string;
	/** `x.y.z` the server reported at `/version`, when it was asked and answered. */
	serverVersion?: string;
	/** `--keep`: leave the container after it stops. @default false */
	keep?: boolean;
	/** `--force-db-mount`: mount every database uri as a file. @default false */
	forceDbMount?: boolean;
	/** Host environment: DATA_VOLUME_NAME, VPN_VOLUME_NAME, SSH_TUNNEL_VOLUME_NAME, SSH_SQUID_VOLUME_NAME, PRIVATE_KEY. */
	hostEnv?: Readonly<Record<string, string | undefined>>;
	/** Directory relative database paths are resolved against (the CLI's working directory). */
	cwd: string;
	/** What is at a host path. */
	pathKind: (path: string) => PathKind;
	/** An existing path with its links resolved, as `v6 node start` (4.14) resolves a database path before binding it. @default the path itself */
	realPath?: (path: string) => string;
};

export type ImageSource = 'flag' | 'config' | 'server' | 'default';

export type MountSpec = {
	type: 'bind' | 'volume';
	/** Host path for a bind, volume name for a volume. */
	source: string;
	destination: string;
	readOnly: boolean;
	/** The `-v` string handed to Docker (HostConfig.Binds). */
	bind: string;
};

export type NodeVolumes = {data: string; vpn: string; ssh: string; squid: string};

export type NodeSpec = {
	name: string;
	scope: Scope;
	containerName: string;
	image: string;
	imageSource: ImageSource;
	labels: Record<string, string>;
	cmd: string[];
	tty: true;
	autoRemove: boolean;
	volumes: NodeVolumes;
	mounts: MountSpec[];
	/** Ordered `[key, value]`; value undefined means `KEY` without `=`. */
	env: Array<[string, string | undefined]>;
	extraHosts: string[];
};

export type SpecResult = {
	spec: NodeSpec;
	/** Problems that make `v6 node start` refuse (exit 1). */
	errors: string[];
	/** Things it warns about and goes on. */
	warnings: string[];
};

export function containerNameOf(name: string, scope: Scope): string {
	return `vantage6-${name}-${scope}`;
}

export function volumeNamesOf(name: string, scope: Scope, hostEnv: SpecContext['hostEnv'] = {}): NodeVolumes {
	const prefix = containerNameOf(name, scope);
	return {
		data: hostEnv['DATA_VOLUME_NAME'] || `${prefix}-vol`,
		vpn: hostEnv['VPN_VOLUME_NAME'] || `${prefix}-vpn-vol`,
		ssh: hostEnv['SSH_TUNNEL_VOLUME_NAME'] || `${prefix}-ssh-vol`,
		squid: hostEnv['SSH_SQUID_VOLUME_NAME'] || `${prefix}-squid-vol`,
	};
}

/** Image precedence of `v6 node start`: flag, then `images.node`, then the server's minor version, then the default. */
export function resolveImage(config: NodeConfig, context: Pick<SpecContext, 'image' | 'serverVersion'>): {image: string; source: ImageSource} {
	if (context.image) {
		return {image: context.image, source: 'flag'};
	}

	const images = config.images;
	if (images && typeof images === 'object' && Object.keys(images).length > 0) {
		const node = images['node'];
		return typeof node === 'string' && node.length > 0
			? {image: node, source: 'config'}
			: {image: officialDefaultImage, source: 'default'};
	}

	if (context.serverVersion) {
		const majorMinor = context.serverVersion.split('.').slice(0, 2).join('.');
		return {image: `${officialImageRepository}:${majorMinor}`, source: 'server'};
	}

	return {image: officialDefaultImage, source: 'default'};
}

/** Whether `v6 node start` would ask the server for its version to pick the image. */
export function needsServerVersion(config: NodeConfig, flagImage?: string): boolean {
	const images = config.images;
	return !flagImage && !(images && typeof images === 'object' && Object.keys(images).length > 0);
}

export function buildNodeSpec(config: NodeConfig, context: SpecContext): SpecResult {
	const errors: string[] = [];
	const warnings: string[] = [];
	const {name, scope, paths} = context;
	const hostEnv = context.hostEnv ?? {};
	const containerName = containerNameOf(name, scope);
	const volumes = volumeNamesOf(name, scope, hostEnv);
	const {image, source: imageSource} = resolveImage(config, context);

	const mounts: MountSpec[] = [
		bindMount(paths.logDir, '/mnt/log'),
		volumeMount(volumes.data, '/mnt/data'),
		volumeMount(volumes.vpn, '/mnt/vpn'),
		volumeMount(volumes.ssh, '/mnt/ssh'),
		volumeMount(volumes.squid, '/mnt/squid'),
		bindMount(paths.configDir, '/mnt/config', true),
		bindMount('/var/run/docker.sock', '/var/run/docker.sock'),
	];

	const keyPath = privateKeyPath(config, paths.dataDir, hostEnv);
	if (context.pathKind(keyPath)) {
		mounts.push(bindMount(keyPath, '/mnt/private_key.pem', true));
	} else {
		warnings.push(`No private key at ${keyPath}, so none is mounted (as v6 node start warns).`);
	}

	mounts.push(...sshTunnelMounts(config, context, errors));

	const env: Array<[string, string | undefined]> = [
		['DATA_VOLUME_NAME', volumes.data],
		['VPN_VOLUME_NAME', volumes.vpn],
		['PRIVATE_KEY', '/mnt/private_key.pem'],
	];

	for (const database of databaseList(config, errors)) {
		const result = databaseEntry(database, context, errors);
		if (result) {
			env.push(result.env);
			if (result.mount) {
				mounts.push(result.mount);
			}
		}
	}

	for (const raw of config.node_extra_mounts ?? []) {
		mounts.push(parseBind(raw));
	}

	env.push(...extraEnv(config, env, errors));

	const spec: NodeSpec = {
		name,
		scope,
		containerName,
		image,
		imageSource,
		labels: {'vantage6-type': 'node', system: scope === 'system' ? 'True' : 'False', name},
		cmd: ['vnode-local', 'start', '-c', `/mnt/config/${basename(paths.configFile)}`, '-n', name, '--dockerized', `--${scope}`],
		tty: true,
		autoRemove: !context.keep,
		volumes,
		mounts,
		env,
		extraHosts: extraHosts(config),
	};
	return {spec, errors, warnings};
}

/** `KEY=value` strings as Docker stores them in Config.Env. */
export function envStrings(env: NodeSpec['env']): string[] {
	return env.map(([key, value]) => (value === undefined ? key : `${key}=${value}`));
}

function bindMount(source: string, destination: string, readOnly = false): MountSpec {
	return {type: 'bind', source, destination, readOnly, bind: `${source}:${destination}${readOnly ? ':ro' : ''}`};
}

function volumeMount(source: string, destination: string): MountSpec {
	return {type: 'volume', source, destination, readOnly: false, bind: `${source}:${destination}`};
}

/** A Docker `-v` string: `src:dst[:opts]`; a source that is not a path is a named volume. */
export function parseBind(raw: string): MountSpec {
	const [source = '', destination = '', options = ''] = raw.split(':');
	const readOnly = options.split(',').includes('ro');
	return {type: isAbsolutePath(source) ? 'bind' : 'volume', source, destination, readOnly, bind: raw};
}

function privateKeyPath(config: NodeConfig, dataDir: string, hostEnv: NonNullable<SpecContext['hostEnv']>): string {
	const configured = config.encryption?.private_key;
	const file = hostEnv['PRIVATE_KEY'] ?? (typeof configured === 'string' && configured.length > 0 ? configured : 'private_key.pem');
	return isAbsolutePath(file) ? file : joinPath(dataDir, file);
}

function sshTunnelMounts(config: NodeConfig, context: SpecContext, errors: string[]): MountSpec[] {
	const tunnels = config['ssh-tunnels'];
	if (!Array.isArray(tunnels)) {
		return [];
	}

	return tunnels.flatMap((tunnel: unknown) => {
		const entry = (tunnel ?? {}) as {hostname?: unknown; ssh?: {identity?: {key?: unknown}}};
		const hostname = String(entry.hostname ?? '');
		const key = entry.ssh?.identity?.key;
		if (typeof key !== 'string' || key.length === 0) {
			errors.push(`SSH tunnel ${hostname}: no identity key is configured (ssh.identity.key).`);
			return [];
		}

		if (!context.pathKind(key)) {
			errors.push(`SSH tunnel ${hostname}: identity key ${key} does not exist.`);
		}

		return [bindMount(key, `/mnt/ssh/${hostname}.pem.tmp`)];
	});
}

function databaseList(config: NodeConfig, errors: string[]): DatabaseConfig[] {
	const databases = config.databases;
	if (databases === null || databases === undefined) {
		return [];
	}

	if (!Array.isArray(databases)) {
		errors.push(`'databases' is a mapping; v6 node start needs a list of {label, uri, type}.`);
		return [];
	}

	return databases;
}

function databaseEntry(
	database: DatabaseConfig,
	context: SpecContext,
	errors: string[],
): {env: [string, string]; mount?: MountSpec} | undefined {
	const label = String(database.label ?? '');
	if (!isIdentifier(label)) {
		errors.push(`Database label '${label}' contains invalid characters. Only letters, numbers, and underscores are allowed, and it cannot start with a number.`);
		return undefined;
	}

	const uri = String(database.uri ?? '');
	const type = String(database.type ?? '');
	const mode = String(database.mount_mode ?? 'copy').toLowerCase();
	if (mode !== 'copy' && mode !== 'ro') {
		errors.push(`Database '${label}': mount_mode must be 'copy' or 'ro', not '${String(database.mount_mode)}'.`);
	} else if (mode === 'ro' && !fileDatabaseTypes.includes(type)) {
		errors.push(`Database '${label}': mount_mode 'ro' is only for ${fileDatabaseTypes.join(', ')} databases.`);
	}

	const key = `${label.toUpperCase()}_DATABASE_URI`;
	const absolute = uri.length > 0 ? resolvePath(context.cwd, uri) : '';
	const exists = absolute.length > 0 && context.pathKind(absolute) !== undefined;
	if (!exists && !context.forceDbMount) {
		if (fileDatabaseTypes.includes(type)) {
			errors.push(`Database '${label}' not found at ${uri || '(no uri)'}: a ${type} database must be an existing path on this host.`);
		}

		return {env: [key, uri]};
	}

	// The official CLI binds the resolved file, and names the mount after it.
	const source = exists ? (context.realPath?.(absolute) ?? absolute) : uri;
	const suffix = pathSuffix(source);
	return {env: [key, `${label}${suffix}`], mount: bindMount(source, `/mnt/${label}${suffix}`, mode === 'ro')};
}

/** Python's `PurePath.suffix`. */
export function pathSuffix(path: string): string {
	const name = basename(path);
	const dot = name.lastIndexOf('.');
	return dot > 0 && dot < name.length - 1 ? name.slice(dot) : '';
}

function extraEnv(config: NodeConfig, base: Array<[string, string | undefined]>, errors: string[]): Array<[string, string | undefined]> {
	const extra = config.node_extra_env ?? {};
	const entries = Object.entries(extra);
	const invalid = entries.map(([key]) => key).filter(key => !isIdentifier(key));
	if (invalid.length > 0) {
		errors.push(`Environment variable names should be valid identifiers. The following break this rule: ${invalid.join(', ')}`);
	}

	const taken = new Set(base.map(([key]) => key));
	const overwrites = entries.map(([key]) => key).filter(key => taken.has(key));
	if (overwrites.length > 0) {
		errors.push(`Cannot overwrite existing node environment variables: ${overwrites.join(', ')}`);
	}

	return entries.map(([key, value]) => [key, pythonString(value)]);
}

function extraHosts(config: NodeConfig): string[] {
	const hosts = config.node_extra_hosts ?? {};
	return Object.keys(hosts)
		.sort(codepointCompare)
		.map(host => `${host}:${pythonString(hosts[host]) ?? ''}`);
}

/** How docker-py turns a YAML value into environment text (Python `str`). */
function pythonString(value: unknown): string | undefined {
	if (value === null || value === undefined) {
		return undefined;
	}

	if (typeof value === 'boolean') {
		return value ? 'True' : 'False';
	}

	return String(value);
}

function codepointCompare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
