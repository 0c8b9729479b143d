/**
 * Where and as whom to connect, as `ssh` works it out: what the address says
 * (`ssh://user@host:port`, as the docker CLI passes `-l user -p port`) beats
 * ~/.ssh/config, which is read with the ssh-config library (Host aliases with
 * HostName, User, Port, IdentityFile, IdentityAgent, UserKnownHostsFile,
 * ConnectTimeout).
 * `Match exec` is not run: vnode-tui starts no commands from a config file.
 */
import SSHConfig from 'ssh-config';
import {join} from 'node:path';

export type SshSettings = {
	/** The name as given (an alias, or the host itself). */
	alias: string;
	hostName: string;
	user: string;
	port: number;
	/** Expanded paths; the defaults of ssh when the config names none. */
	identityFiles: string[];
	/** Whether the identity files came from the config (then a missing one is worth saying). */
	identitiesFromConfig: boolean;
	knownHostsFiles: string[];
	/** ConnectTimeout in ms, when the config sets one. */
	connectTimeoutMs?: number;
	/**
	 * The ssh-agent socket: IdentityAgent when the config sets it (expanded; `SSH_AUTH_SOCK` means that
	 * variable), else SSH_AUTH_SOCK; undefined for none (`IdentityAgent none`, or neither set).
	 */
	agent?: string;
};

export type SshLookup = {host: string; user?: string; port?: number};

const defaultIdentities = ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk'];

/** The settings for one host; `configText` is ~/.ssh/config (undefined when there is none). */
export function sshSettings(configText: string | undefined, lookup: SshLookup, home: string, localUser: string, env: Readonly<Record<string, string | undefined>> = {}): SshSettings {
	const computed = configText === undefined ? {} : SSHConfig.parse(configText).compute({Host: lookup.host, ...(lookup.user === undefined ? {} : {User: lookup.user})}, {ignoreCase: true, matchExec: false});
	const first = (key: string): string | undefined => {
		const value = computed[key];
		return Array.isArray(value) ? value[0] : value;
	};

	const hostName = expand(first('hostname') ?? lookup.host, {home, localUser, host: lookup.host, user: ''});
	const user = lookup.user ?? first('user') ?? localUser;
	const configPort = Number(first('port'));
	const port = lookup.port ?? (Number.isInteger(configPort) && configPort > 0 && configPort < 65_536 ? configPort : 22);
	const tokens = {home, localUser, host: hostName, user};
	const listed = computed['identityfile'];
	const identities = (Array.isArray(listed) ? listed : listed === undefined ? [] : [listed]).filter(path => path.toLowerCase() !== 'none').map(path => expand(path, tokens));
	const knownHosts = first('userknownhostsfile');
	const timeout = Number(first('connecttimeout'));
	const agent = agentSocket(first('identityagent'), env, tokens);
	return {
		alias: lookup.host,
		hostName,
		user,
		port,
		identityFiles: identities.length > 0 ? identities : defaultIdentities.map(name => join(home, '.ssh', name)),
		identitiesFromConfig: identities.length > 0,
		knownHostsFiles: [
			...(knownHosts === undefined ? [join(home, '.ssh', 'known_hosts'), join(home, '.ssh', 'known_hosts2')] : knownHosts.split(/\s+/).map(path => expand(path, tokens))),
			'/etc/ssh/ssh_known_hosts',
			'/etc/ssh/ssh_known_hosts2',
		],
		...(Number.isInteger(timeout) && timeout > 0 ? {connectTimeoutMs: timeout * 1000} : {}),
		...(agent ? {agent} : {}),
	};
}

/** IdentityAgent as ssh reads it: `none`, `SSH_AUTH_SOCK` (that variable), or a path with `~`, `%` tokens and `${VAR}`. */
function agentSocket(setting: string | undefined, env: Readonly<Record<string, string | undefined>>, tokens: {home: string; localUser: string; host: string; user: string}): string | undefined {
	if (setting === undefined || setting === 'SSH_AUTH_SOCK') {
		return env['SSH_AUTH_SOCK'] || undefined;
	}

	if (setting.toLowerCase() === 'none') {
		return undefined;
	}

	// A variable that is not set leaves no agent, as ssh does (it would not use a half-expanded path).
	let unset = false;
	const path = expand(setting.startsWith('$') && !setting.startsWith('${') ? `\${${setting.slice(1)}}` : setting, tokens).replace(/\$\{(\w+)\}/g, (_, name: string) => {
		const value = env[name];
		unset ||= !value;
		return value ?? '';
	});
	return unset || path === '' ? undefined : path;
}

/** `~`, `%d`, `%u`, `%h`, `%r`, `%%` as ssh expands them in file names. */
function expand(path: string, tokens: {home: string; localUser: string; host: string; user: string}): string {
	const tilde = path === '~' ? tokens.home : path.startsWith('~/') ? join(tokens.home, path.slice(2)) : path;
	return tilde.replace(/%([duhr%])/g, (_, token: string) => ({d: tokens.home, u: tokens.localUser, h: tokens.host, r: tokens.user, '%': '%'})[token] ?? '');
}
