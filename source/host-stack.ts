/**
 * Everything that belongs to one host: its engine, its node configs and the
 * files its nodes mount, and the services composed from them. cli.tsx opens
 * one for the engine it resolved; a fleet opens one per host.
 */
import {hostFiles, YamlConfigStore} from './config/yaml-config-store.js';
import {homeLocations, officialLocations, type Locations} from './config/paths.js';
import {RemoteHostFiles, SftpFs} from './config/sftp-fs.js';
import {SshTransport} from './docker/ssh-transport.js';
import type {ConfigStore, HostFiles} from './config/config-store.js';
import {scopes, type Scope} from './domain/node-config.js';
import {DockerodeEngine} from './docker/dockerode-engine.js';
import {remoteAddressOf, type EngineTarget, type ReadCapped} from './docker/engine-target.js';
import {NodeService} from './services/node-service.js';
import {ConfigActions} from './services/config-actions.js';
import {fetchServerVersion} from './services/server-version.js';
import type {Accountability} from './services/accountable.js';

export type HostOptions = {
	target: EngineTarget;
	env: Readonly<Record<string, string | undefined>>;
	home: string;
	localUser: string;
	read: ReadCapped;
	/** `--config-dir` / VNODE_CONFIG_DIR (local configs only: an ssh:// host's are in its user's home and /etc/vantage6). */
	configRoot?: string;
	/** The scopes listed (`--system`/`--user` narrow a listing). */
	scopesShown?: readonly Scope[];
	/** Blocking config reads: a command that runs once, never the UI. */
	syncReads?: boolean;
	accountability: Accountability;
	verifySeconds?: number;
	cwd: string;
};

export type HostStack = {
	target: EngineTarget;
	engine: DockerodeEngine;
	store: ConfigStore;
	files: HostFiles;
	locations: Locations;
	/** The SSH connection of an ssh:// host: Docker and the node configs (SFTP) ride it. */
	ssh?: SshTransport;
	service: NodeService;
	configs: ConfigActions;
	/** Closes the host's connections (an SSH engine's one connection). */
	close(): void;
};

export function openHost(options: HostOptions): HostStack {
	const {target, env, home, localUser, read, accountability} = options;
	const ssh =
		target.kind === 'ssh'
			? new SshTransport({host: target.host, address: target.address, ...(target.user === undefined ? {} : {user: target.user}), ...(target.port === undefined ? {} : {port: target.port})}, {env, home, localUser, read})
			: undefined;
	const engine = new DockerodeEngine({target, ssh: {env, home, localUser, read}, ...(ssh ? {sshTransport: ssh} : {})});
	const {store, files, locations, cwd} = ssh ? remoteFiles(ssh, options) : localFiles(options);
	// An ssh:// host's files are read there; only an engine whose files cannot be reached (tcp:// elsewhere) is refused starts.
	const remote = ssh ? undefined : remoteAddressOf(target);
	const service = new NodeService({
		accountability,
		engine,
		...(remote === undefined ? {} : {remoteEngine: remote}),
		store,
		files,
		hostEnv: env,
		cwd,
		serverVersion: async entry => (entry.config ? fetchServerVersion(entry.config) : undefined),
		...(options.verifySeconds === undefined ? {} : {verifySeconds: options.verifySeconds}),
	});
	const configs = new ConfigActions({store, engine, locations, hostEnv: env, accountability});
	return {target, engine, store, files, locations, ...(ssh ? {ssh} : {}), service, configs, close: () => engine.close?.()};
}

type HostFilesParts = {store: ConfigStore; files: HostFiles; locations: Locations; cwd: string | (() => string)};

function localFiles(options: HostOptions): HostFilesParts {
	const locations = officialLocations({env: options.env, ...(options.configRoot ? {configRoot: options.configRoot} : {})});
	const store = new YamlConfigStore(locations, options.scopesShown ?? scopes, {syncReads: options.syncReads ?? false});
	return {store, files: hostFiles, locations, cwd: options.cwd};
}

/** The remote user's home and /etc/vantage6 on that host, over SFTP on the engine's connection. */
function remoteFiles(ssh: SshTransport, options: HostOptions): HostFilesParts {
	const fs = new SftpFs(ssh);
	const locations = homeLocations(() => fs.home());
	const store = new YamlConfigStore(locations, options.scopesShown ?? scopes, {fs});
	// A relative database path resolves in the SSH user's home, where an ssh session starts.
	return {store, files: new RemoteHostFiles(fs), locations, cwd: () => fs.home() ?? '/'};
}
