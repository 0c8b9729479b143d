/**
 * Which Docker engine to talk to, decided as the docker CLI decides it
 * (docker/cli `resolveContextName`, checked against docker 20.10 here):
 * `--context NAME`, then `DOCKER_HOST` (the `default` context), then
 * `DOCKER_CONTEXT`, then `currentContext` in `$DOCKER_CONFIG/config.json`
 * (default `~/.docker`), then the local socket. A context's endpoint is in
 * `contexts/meta/<sha256 of name>/meta.json`, its TLS files in
 * `contexts/tls/<sha256 of name>/docker/`. Every file is read with a size cap;
 * a name is checked before it becomes part of a path.
 */
import {lazyCrypto} from '../lazy-builtin.js';
import {join} from 'node:path';
import {dockerHostProblem, shownDockerHost} from './docker-host.js';

/** TLS material as read (PEM bytes), and whether the server's certificate is checked. */
export type TlsMaterial = {ca?: Buffer; cert?: Buffer; key?: Buffer; verify: boolean};

/** Where the engine is and how it was chosen. `label` is what the header and `list` say. */
export type EngineTarget = (
	| {kind: 'unix'; socketPath: string}
	| {kind: 'tcp'; host: string; port: number; tls?: TlsMaterial}
	| {kind: 'ssh'; user?: string; host: string; port?: number}
	| {kind: 'invalid'; problem: string}
) & {
	/** The address as shown: `/var/run/docker.sock`, `tcp://10.0.0.5:2376`, `ssh://vt@pi-1`. */
	address: string;
	/** The context it came from (`default` for DOCKER_HOST or the local socket), when one was named. */
	context?: string;
};

/** What a file read gives back: the bytes, nothing there, or why it was not read (too large, not a file). */
export type ReadCapped = (path: string, cap: number) => Promise<{ok: true; bytes: Buffer} | {ok: false; missing: boolean; reason: string}>;

export type ResolveInput = {
	env: Readonly<Record<string, string | undefined>>;
	/** `--context NAME`. */
	contextFlag?: string;
	home: string;
	read: ReadCapped;
};

/** config.json also holds registry auths; a few hundred KB is already unusual. */
export const maxDockerConfigBytes = 1024 * 1024;
export const maxContextMetaBytes = 64 * 1024;
export const maxPemBytes = 64 * 1024;
export const defaultSocket = '/var/run/docker.sock';

/** Docker's own rule for context names (docker/cli store.ValidateContextName). */
const contextNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$/;

/** Why a name cannot be a Docker context, or undefined. */
export function contextNameProblem(name: string): string | undefined {
	return contextNamePattern.test(name) && name.length <= 200 ? undefined : 'a Docker context name is letters, digits, _ . + - (at least two, starting with a letter or digit)';
}

export async function resolveEngineTarget(input: ResolveInput): Promise<EngineTarget> {
	const {env} = input;
	const flag = input.contextFlag;
	if (flag !== undefined && flag !== '') {
		return fromContext(flag, '--context', input);
	}

	const dockerHost = env['DOCKER_HOST'];
	if (dockerHost !== undefined && dockerHost !== '') {
		return fromDockerHost(dockerHost, env, input);
	}

	const named = env['DOCKER_CONTEXT'];
	if (named !== undefined && named !== '') {
		return fromContext(named, 'DOCKER_CONTEXT', input);
	}

	const configDir = dockerConfigDir(input);
	const read = await input.read(join(configDir, 'config.json'), maxDockerConfigBytes);
	if (!read.ok) {
		return read.missing ? local() : invalid(`${join(configDir, 'config.json')}: ${read.reason}`, defaultSocket);
	}

	let current: unknown;
	try {
		current = (JSON.parse(read.bytes.toString('utf8')) as {currentContext?: unknown} | null)?.currentContext;
	} catch {
		return invalid(`${join(configDir, 'config.json')} is not JSON; the docker CLI would refuse it too.`, defaultSocket);
	}

	if (current === undefined || current === null || current === '') {
		return local();
	}

	return typeof current === 'string' ? fromContext(current, `currentContext in ${join(configDir, 'config.json')}`, input) : invalid(`currentContext in ${join(configDir, 'config.json')} is not a name.`, '?');
}

/** `$DOCKER_CONFIG`, else `~/.docker`. */
export function dockerConfigDir(input: Pick<ResolveInput, 'env' | 'home'>): string {
	return input.env['DOCKER_CONFIG'] || join(input.home, '.docker');
}

/** The directory of a context's files: the hex SHA-256 of its name, as the docker CLI names it. */
export function contextDirName(name: string): string {
	return lazyCrypto().createHash('sha256').update(name).digest('hex');
}

function local(): EngineTarget {
	return {kind: 'unix', socketPath: defaultSocket, address: defaultSocket};
}

function invalid(problem: string, address: string, context?: string): EngineTarget {
	return {kind: 'invalid', problem, address, ...(context === undefined ? {} : {context})};
}

async function fromContext(name: string, from: string, input: ResolveInput): Promise<EngineTarget> {
	if (name === 'default') {
		const dockerHost = input.env['DOCKER_HOST'];
		return {...(dockerHost ? await fromDockerHost(dockerHost, input.env, input) : local()), context: 'default'};
	}

	const badName = contextNameProblem(name);
	if (badName) {
		return invalid(`${from}: "${shownDockerHost(name)}" is not a Docker context name: ${badName}.`, '?');
	}

	const id = contextDirName(name);
	const configDir = dockerConfigDir(input);
	const metaPath = join(configDir, 'contexts', 'meta', id, 'meta.json');
	const read = await input.read(metaPath, maxContextMetaBytes);
	if (!read.ok) {
		return invalid(read.missing ? `Docker context "${name}" (from ${from}) does not exist: no ${metaPath}. 'docker context ls' lists the contexts.` : `${metaPath}: ${read.reason}`, '?', name);
	}

	let endpoint: {Host?: unknown; SkipTLSVerify?: unknown} | undefined;
	try {
		const meta = JSON.parse(read.bytes.toString('utf8')) as {Endpoints?: {docker?: typeof endpoint}} | null;
		endpoint = meta?.Endpoints?.docker;
	} catch {
		return invalid(`${metaPath} is not JSON.`, '?', name);
	}

	if (typeof endpoint?.Host !== 'string' || endpoint.Host === '') {
		return invalid(`Docker context "${name}" has no docker endpoint (Endpoints.docker.Host in ${metaPath}).`, '?', name);
	}

	const host = endpoint.Host;
	const problem = dockerHostProblem(host, `host ${shownDockerHost(host)}`);
	if (problem) {
		return invalid(`Docker context "${name}": ${problem}`, shownDockerHost(host), name);
	}

	const tlsDir = join(configDir, 'contexts', 'tls', id, 'docker');
	const tls = host.startsWith('tcp://') ? await readTls(tlsDir, endpoint.SkipTLSVerify !== true, input.read, false) : undefined;
	if (typeof tls === 'string') {
		return invalid(`Docker context "${name}": ${tls}`, shownDockerHost(host), name);
	}

	return {...addressTarget(host, tls), context: name};
}

/** An address from DOCKER_HOST, or `named` otherwise (a host of the fleet), as the target it names. */
async function fromDockerHost(value: string, env: ResolveInput['env'], input: ResolveInput, named = `DOCKER_HOST=${shownDockerHost(value)}`): Promise<EngineTarget> {
	const problem = dockerHostProblem(value, named);
	if (problem) {
		return invalid(problem, named);
	}

	// As the docker CLI: DOCKER_TLS_VERIFY (any value but empty) turns TLS on and checks the server; the files are in DOCKER_CERT_PATH or ~/.docker.
	const verify = (env['DOCKER_TLS_VERIFY'] ?? '') !== '';
	let tls: TlsMaterial | undefined;
	if (value.startsWith('tcp://') && verify) {
		const found = await readTls(env['DOCKER_CERT_PATH'] || dockerConfigDir(input), true, input.read, true);
		if (typeof found === 'string') {
			return invalid(`DOCKER_TLS_VERIFY is set: ${found}`, shownDockerHost(value));
		}

		tls = found;
	}

	return addressTarget(value, tls);
}

/** A checked address (dockerHostProblem said nothing) as a target. */
function addressTarget(value: string, tls: TlsMaterial | undefined): EngineTarget {
	const address = shownDockerHost(value);
	if (value.startsWith('unix://')) {
		// A socket is shown by its path, as before contexts.
		return {kind: 'unix', socketPath: value.slice('unix://'.length), address: shownDockerHost(value.slice('unix://'.length))};
	}

	const url = new URL(value);
	const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
	if (url.protocol === 'ssh:') {
		return {kind: 'ssh', host, address, ...(url.username ? {user: decodeURIComponent(url.username)} : {}), ...(url.port ? {port: Number(url.port)} : {})};
	}

	return {kind: 'tcp', host, port: Number(url.port), address, ...(tls ? {tls} : {})};
}

/**
 * ca.pem, cert.pem, key.pem from a directory. For a context none of them is TLS off;
 * with DOCKER_TLS_VERIFY (`required`) the docker CLI needs all three.
 */
async function readTls(dir: string, verify: boolean, read: ReadCapped, required: boolean): Promise<TlsMaterial | string | undefined> {
	const material: TlsMaterial = {verify};
	for (const name of ['ca', 'cert', 'key'] as const) {
		const path = join(dir, `${name}.pem`);
		const file = await read(path, maxPemBytes);
		if (file.ok) {
			material[name] = file.bytes;
		} else if (!file.missing || required) {
			return `${path}: ${file.missing ? 'missing' : file.reason}`;
		}
	}

	if (!material.ca && !material.cert && !material.key) {
		return undefined;
	}

	return material.cert && !material.key ? `${join(dir, 'cert.pem')} without key.pem` : material;
}

/** The address of an engine on another host, or undefined for this machine's (a socket, a loopback tcp address). */
export function remoteAddressOf(target: EngineTarget): string | undefined {
	if (target.kind === 'ssh') {
		return target.address;
	}

	if (target.kind === 'tcp' && !/^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i.test(target.host)) {
		return target.address;
	}

	return undefined;
}

/**
 * One host of a fleet (`--hosts`, hosts.yaml): `local` is this machine's socket; an address
 * (`ssh://`, `tcp://`, `unix://`) is taken as DOCKER_HOST would be; a name is the Docker context of
 * that name when there is one, else an SSH host (a ~/.ssh/config alias, `user@host`) as `ssh://name`.
 */
export async function resolveHostEngine(engine: string, input: Omit<ResolveInput, 'contextFlag'>): Promise<EngineTarget> {
	if (engine === 'local') {
		return local();
	}

	if (/^[a-z]+:\/\//.test(engine)) {
		return fromDockerHost(engine, input.env, input, shownDockerHost(engine));
	}

	if (contextNameProblem(engine) === undefined) {
		const meta = await input.read(join(dockerConfigDir(input), 'contexts', 'meta', contextDirName(engine), 'meta.json'), maxContextMetaBytes);
		if (meta.ok || !meta.missing) {
			return fromContext(engine, 'the hosts list', input);
		}
	}

	return fromDockerHost(`ssh://${engine}`, input.env, input, shownDockerHost(`ssh://${engine}`));
}
