/**
 * Docker over SSH as the docker CLI does it (`ssh HOST docker system
 * dial-stdio`), but with one SSH connection per host: every HTTP connection to
 * the engine is a channel of it, and the host's node configs are read over one
 * SFTP session of the same connection (config/sftp-fs.ts). Authentication
 * with ssh-agent (SSH_AUTH_SOCK), then the identity files; the host key must
 * be in known_hosts, an unknown or changed key is refused with its fingerprint. Every failure is an EngineError that
 * says why (DNS, refused, timeout, authentication, host key, no docker there).
 */
import {Agent, type AgentOptions} from 'node:http';
import {Duplex} from 'node:stream';
import type {AgentAuthMethod, Client, ClientChannel, ConnectConfig, PublicKeyAuthMethod, SFTPWrapper} from 'ssh2';
import {EngineError} from './engine.js';
import type {ReadCapped} from './engine-target.js';
import {checkHostKey, fingerprint, keyType, knownHostName, knownKeyTypes, type KnownHostsFile} from './known-hosts.js';
import {sshSettings, type SshLookup, type SshSettings} from './ssh-settings.js';
import {sanitizeLine} from '../domain/sanitize.js';

export type SshEnvironment = {
	env: Readonly<Record<string, string | undefined>>;
	home: string;
	localUser: string;
	read: ReadCapped;
	/** The whole connect (TCP, handshake, host key, authentication) must be done by then. @default 4000 */
	connectMs?: number;
};

const maxSshConfigBytes = 256 * 1024;
const maxKnownHostsBytes = 4 * 1024 * 1024;
const maxKeyBytes = 64 * 1024;
const maxStderrBytes = 4096;
/** How long a closed channel waits for its exit status (ssh2 may deliver it after the close). */
const exitStatusGraceMs = 250;
/** How long a dial-stdio failure explains other requests' dropped channels. */
const dialFailureMemoryMs = 5000;
/** OpenSSH's MaxSessions is 10 per connection; a few stay free for other channels (SFTP). */
const maxChannels = 8;
/**
 * Each open channel is a `docker` process on the far side (~30 MB on a Pi): at most
 * this many are kept between requests, and each for at most `idleChannelMs`.
 */
const maxIdleChannels = 2;
const idleChannelMs = 10_000;
const maxUsesPerChannel = 8;
const usesOf = new WeakMap<Duplex, number>();
const hostKeyAlgorithms: Record<string, string[]> = {
	'ssh-ed25519': ['ssh-ed25519'],
	'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
	'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
	'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
	'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

export class SshTransport {
	private connection: Promise<Client> | undefined;
	/** Channels open now, and who waits for one: sshd refuses the 11th session, so the 9th request waits here instead. */
	private openChannels = 0;
	private readonly waiting: Array<() => void> = [];
	/** The one SFTP session of this connection (it holds one of sshd's sessions for as long as it is open). */
	private sftpSession: Promise<SFTPWrapper> | undefined;
	/** The last dial-stdio that failed with the far side's words, until one works again. */
	private dialFailure: {error: EngineError; atMs: number} | undefined;

	constructor(
		readonly lookup: SshLookup & {address: string},
		private readonly environment: SshEnvironment,
	) {}

	/**
	 * Why dial-stdio failed within the last few seconds, if it did: channels opened together fail together,
	 * and the HTTP client reads some of them as a reset or a write after end.
	 */
	recentDialFailure(): EngineError | undefined {
		return this.dialFailure && Date.now() - this.dialFailure.atMs < dialFailureMemoryMs ? this.dialFailure.error : undefined;
	}

	/** What a dial-stdio channel ended with: its failure, or undefined when it carried data. */
	noteDial(error: EngineError | undefined): void {
		this.dialFailure = error ? {error, atMs: Date.now()} : undefined;
	}

	/** An HTTP agent for docker-modem whose every socket is `docker system dial-stdio` on the far side. */
	httpAgent(): Agent {
		return new DialStdioAgent(this);
	}

	/** The open connection, made on first use and again after it dropped. */
	async client(): Promise<Client> {
		this.connection ??= this.connect().catch((error: unknown) => {
			this.connection = undefined;
			throw error;
		});
		return this.connection;
	}

	/** A channel running `docker system dial-stdio` (waits for a free one of the `maxChannels`). */
	async openChannel(): Promise<ClientChannel> {
		const release = await this.channelSlot();
		try {
			const client = await this.client();
			return await new Promise((resolve, reject) => {
				client.exec('docker system dial-stdio', (error, channel) => {
					if (error) {
						reject(new EngineError('daemon-unreachable', `SSH to ${this.lookup.address} is up, but it refused a new channel (${sanitizeLine(error.message)}).`));
					} else {
						// Given back when sshd has closed the channel too: until then it counts against MaxSessions.
						channel.once('close', release);
						resolve(channel);
					}
				});
			});
		} catch (error) {
			release();
			throw error;
		}
	}

	/**
	 * The connection's SFTP session, opened on first use and again after it (or the connection)
	 * dropped. It is not one of the `maxChannels`: those leave room for it under sshd's MaxSessions.
	 */
	async sftp(timeoutMs: number): Promise<SFTPWrapper> {
		this.sftpSession ??= this.openSftp(timeoutMs).catch((error: unknown) => {
			this.sftpSession = undefined;
			throw error;
		});
		return this.sftpSession;
	}

	/** Closes the SFTP session (a call on it that hung); the next `sftp()` opens a new one. */
	dropSftp(): void {
		const session = this.sftpSession;
		this.sftpSession = undefined;
		void session?.then(sftp => sftp.end(), () => undefined);
	}

	/**
	 * Runs a short command on the far side (`id -u`) on one of the channels: its stdout, at most
	 * `maxBytes`, within `timeoutMs`; a non-zero exit or a timeout is an EngineError.
	 */
	async exec(command: string, timeoutMs: number, maxBytes = 4096): Promise<string> {
		const release = await this.channelSlot();
		try {
			const client = await this.client();
			return await new Promise((resolve, reject) => {
				let channel: ClientChannel | undefined;
				const timer = setTimeout(() => {
					channel?.close();
					reject(new EngineError('daemon-unreachable', `SSH to ${this.lookup.address}: '${command}' gave no answer within ${timeoutMs / 1000} s.`));
				}, timeoutMs);
				client.exec(command, (error, opened) => {
					if (error) {
						clearTimeout(timer);
						reject(new EngineError('daemon-unreachable', `SSH to ${this.lookup.address} is up, but it refused a new channel (${sanitizeLine(error.message)}).`));
						return;
					}

					channel = opened;
					let out = '';
					let code: number | undefined;
					opened.on('data', (chunk: Buffer) => {
						out = (out + chunk.toString('utf8')).slice(0, maxBytes);
					});
					opened.stderr.resume();
					opened.on('exit', (exit: number | null) => {
						code = exit ?? undefined;
					});
					opened.once('close', () => {
						clearTimeout(timer);
						release();
						if (code === 0) {
							resolve(out);
						} else {
							reject(new EngineError('daemon-unreachable', `SSH to ${this.lookup.address}: '${command}' failed there (exit ${code ?? 'unknown'}).`));
						}
					});
				});
			});
		} catch (error) {
			release();
			throw error;
		}
	}

	private async openSftp(timeoutMs: number): Promise<SFTPWrapper> {
		const client = await this.client();
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				reject(new EngineError('daemon-unreachable', `SSH to ${this.lookup.address}: the SFTP session did not open within ${timeoutMs / 1000} s.`));
			}, timeoutMs);
			client.sftp((error, sftp) => {
				clearTimeout(timer);
				if (error) {
					reject(new EngineError('daemon-unreachable', `SSH to ${this.lookup.address} is up, but it refused an SFTP session (${sanitizeLine(error.message)}). Is the sftp subsystem enabled in its sshd_config?`));
					return;
				}

				const forget = () => {
					void this.sftpSession?.then(current => {
						if (current === sftp) {
							this.sftpSession = undefined;
						}
					}, () => undefined);
				};

				sftp.once('close', forget);
				sftp.on('error', forget);
				resolve(sftp);
			});
		});
	}

	/**
	 * Waits for one of the `maxChannels` channels; the returned function gives it back (once).
	 * The HTTP agent keeps to the same number; this holds it for any other user of the connection.
	 */
	private async channelSlot(): Promise<() => void> {
		if (this.openChannels < maxChannels) {
			this.openChannels++;
		} else {
			await new Promise<void>(resolve => this.waiting.push(resolve));
		}

		let released = false;
		return () => {
			if (released) {
				return;
			}

			released = true;
			// Handed on as it is, so no caller can slip in between.
			const next = this.waiting.shift();
			if (next) {
				next();
			} else {
				this.openChannels--;
			}
		};
	}

	close(): void {
		this.sftpSession = undefined;
		void this.connection?.then(client => client.end(), () => undefined);
		this.connection = undefined;
	}

	private async connect(): Promise<Client> {
		const {env, home, localUser, read} = this.environment;
		const configFile = await read(`${home}/.ssh/config`, maxSshConfigBytes);
		if (!configFile.ok && !configFile.missing) {
			throw unreachable(`${home}/.ssh/config: ${configFile.reason}`);
		}

		const settings = sshSettings(configFile.ok ? configFile.bytes.toString('utf8') : undefined, this.lookup, home, localUser, env);
		const knownFiles: KnownHostsFile[] = [];
		for (const path of settings.knownHostsFiles) {
			const file = await read(path, maxKnownHostsBytes);
			if (file.ok) {
				knownFiles.push({path, text: file.bytes.toString('utf8')});
			}
		}

		const auth = await this.authMethods(settings);
		const {Client: SshClient} = await loadSsh2();
		const client = new SshClient();
		const name = knownHostName(settings.hostName, settings.port);
		const connectMs = settings.connectTimeoutMs ?? this.environment.connectMs ?? 4000;
		const preferred = knownKeyTypes(knownFiles, name).flatMap(type => hostKeyAlgorithms[type] ?? []);
		const rest = Object.values(hostKeyAlgorithms).flat().filter(algorithm => !preferred.includes(algorithm));
		let refusal: string | undefined;
		const config: ConnectConfig = {
			host: settings.hostName,
			port: settings.port,
			username: settings.user,
			readyTimeout: connectMs,
			keepaliveInterval: 5000,
			keepaliveCountMax: 2,
			algorithms: {serverHostKey: [...preferred, ...rest] as NonNullable<ConnectConfig['algorithms']>['serverHostKey']},
			authHandler: auth.methods,
			hostVerifier: (key: Buffer) => {
				refusal = hostKeyRefusal(knownFiles, name, key, settings);
				return refusal === undefined;
			},
		};

		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				fail(Object.assign(new Error('timeout'), {level: 'client-timeout'}));
			}, connectMs + 500);
			const fail = (error: unknown) => {
				clearTimeout(timer);
				client.end();
				reject(connectError(error, settings, this.lookup.address, refusal, auth.tried, connectMs));
			};

			client.once('ready', () => {
				clearTimeout(timer);
				client.removeListener('error', fail);
				client.on('error', () => {
					this.connection = undefined;
				});
				client.once('close', () => {
					this.connection = undefined;
					this.sftpSession = undefined;
				});
				resolve(client);
			});
			client.once('error', fail);
			client.once('close', () => fail(new Error('closed')));
			client.connect(config);
		});
	}

	/** ssh-agent first, then each identity file that is there and not locked with a passphrase. */
	private async authMethods(settings: SshSettings): Promise<{methods: Array<AgentAuthMethod | PublicKeyAuthMethod>; tried: string[]}> {
		const methods: Array<AgentAuthMethod | PublicKeyAuthMethod> = [];
		const tried: string[] = [];
		const {agent} = settings;
		if (agent) {
			methods.push({type: 'agent' as const, username: settings.user, agent});
			tried.push(agent === this.environment.env['SSH_AUTH_SOCK'] ? 'ssh-agent' : `ssh-agent at ${agent} (IdentityAgent)`);
		}

		const {utils} = await loadSsh2();
		for (const path of settings.identityFiles) {
			const file = await this.environment.read(path, maxKeyBytes);
			if (!file.ok) {
				if (settings.identitiesFromConfig) {
					tried.push(`${path} (${file.missing ? 'missing' : 'unreadable'})`);
				}

				continue;
			}

			const parsed = utils.parseKey(file.bytes);
			if (parsed instanceof Error) {
				tried.push(`${path} (${/passphrase/i.test(parsed.message) ? 'has a passphrase: load it with ssh-add' : 'not a key'})`);
				continue;
			}

			methods.push({type: 'publickey' as const, username: settings.user, key: file.bytes});
			tried.push(path);
		}

		return {methods, tried};
	}
}

/** ssh2 is CommonJS and outside the bundle, loaded on first use; `utils` is only on its default export. */
async function loadSsh2(): Promise<typeof import('ssh2')> {
	const loaded = (await import('ssh2')) as typeof import('ssh2') & {default?: typeof import('ssh2')};
	return loaded.default ?? loaded;
}

/** Why a host key is not accepted, or undefined when known_hosts has it. */
function hostKeyRefusal(files: readonly KnownHostsFile[], name: string, key: Buffer, settings: SshSettings): string | undefined {
	const check = checkHostKey(files, name, key);
	const what = `${keyType(key)} key ${fingerprint(key)}`;
	const scan = `ssh-keyscan${settings.port === 22 ? '' : ` -p ${settings.port}`} ${settings.hostName} >> ~/.ssh/known_hosts`;
	const sshOnce = `ssh ${settings.port === 22 ? '' : `-p ${settings.port} `}${settings.user}@${settings.alias}`;
	switch (check.status) {
		case 'known': {
			return undefined;
		}

		case 'unknown': {
			return `The SSH host key of ${name} is not in known_hosts (${what}); not connecting. Check the fingerprint with the host's owner, then run '${sshOnce}' once and accept it, or '${scan}'.`;
		}

		case 'changed': {
			return `The SSH host key of ${name} has CHANGED (now ${what}; ${check.where} has another); not connecting. This may be an attack. If the host was reinstalled, remove the old key with 'ssh-keygen -R ${name}' and check the new one ('${sshOnce}').`;
		}

		case 'revoked': {
			return `The SSH host key of ${name} (${what}) is marked @revoked in ${check.where}; not connecting.`;
		}
	}
}

function unreachable(message: string): EngineError {
	return new EngineError('daemon-unreachable', message);
}

function connectError(error: unknown, settings: SshSettings, address: string, refusal: string | undefined, tried: string[], connectMs: number): EngineError {
	if (error instanceof EngineError) {
		return error;
	}

	if (refusal) {
		return unreachable(refusal);
	}

	const raw = error as {code?: string; level?: string; message?: string};
	const where = `${settings.hostName}:${settings.port}`;
	switch (raw.code) {
		case 'ENOTFOUND':
		case 'EAI_AGAIN': {
			return unreachable(`Cannot reach ${address}: the host name ${settings.hostName} does not resolve (DNS).`);
		}

		case 'ECONNREFUSED': {
			return unreachable(`SSH to ${where} refused: no SSH server listens there. Is sshd running on ${settings.hostName}, and is ${settings.port} its port?`);
		}

		case 'EHOSTUNREACH':
		case 'ENETUNREACH': {
			return unreachable(`Cannot reach ${where}: no route to the host (${raw.code}).`);
		}

		case 'ECONNRESET': {
			return unreachable(`SSH to ${where}: the connection was reset during the handshake.`);
		}

		default:
	}

	if (raw.level === 'client-authentication') {
		const keys = tried.length > 0 ? tried.join(', ') : 'no ssh-agent (SSH_AUTH_SOCK unset, or IdentityAgent none) and no key file in ~/.ssh';
		return unreachable(`SSH authentication as ${settings.user}@${where} failed (tried: ${keys}). Put your public key in the remote ~/.ssh/authorized_keys, or load the key into ssh-agent (ssh-add).`);
	}

	if (raw.level === 'client-timeout' || raw.code === 'ETIMEDOUT') {
		return unreachable(`SSH to ${where} did not complete within ${Math.round(connectMs / 100) / 10} s (no answer, or a slow handshake).`);
	}

	return unreachable(`SSH to ${where} failed: ${sanitizeLine(raw.message ?? String(error)).slice(0, 200)}`);
}

/** An http.Agent whose sockets are dial-stdio channels; at most a few at a time, kept open between requests. */
class DialStdioAgent extends Agent {
	constructor(private readonly transport: SshTransport) {
		super({keepAlive: true, maxSockets: maxChannels, maxFreeSockets: maxIdleChannels, timeout: idleChannelMs} satisfies AgentOptions);
	}

	/**
	 * A channel serves a few requests, then is closed: Node's HTTP client leaves one 'timeout'
	 * listener on a kept socket per response read to its end, so a channel reused without end
	 * (a listing every second) would collect them without bound.
	 */
	override keepSocketAlive(socket: Duplex): boolean {
		const uses = (usesOf.get(socket) ?? 0) + 1;
		usesOf.set(socket, uses);
		// Node's keepSocketAlive returns whether the socket may be kept (typed void in @types/node 20).
		const kept = (super.keepSocketAlive as (socket: Duplex) => boolean | undefined).call(this, socket);
		return uses < maxUsesPerChannel && kept !== false;
	}

	/**
	 * The socket is returned at once and its channel opened behind it: Node's agent counts a
	 * socket against maxSockets (and queues the rest, to reuse kept ones) only when it gets it
	 * back from this call; a socket given later through the callback is not counted.
	 */
	override createConnection(): Duplex {
		return new DialStdioStream(this.transport.openChannel(), this.transport.lookup.address, error => this.transport.noteDial(error));
	}
}

/**
 * One dial-stdio channel as the socket the HTTP client wants. Its end is held
 * back until the channel closes, so a `docker` that is missing or failed on
 * the far side is an error with its words, not an empty "socket hang up".
 */
class DialStdioStream extends Duplex {
	private channel: ClientChannel | undefined;
	/** Writes made before the channel is open (the request goes out at once). */
	private pending: Array<{chunk: Buffer; callback: (error?: Error | null) => void}> = [];
	private ended = false;
	private sawData = false;
	private idleTimer: NodeJS.Timeout | undefined;
	private exitCode: number | undefined;
	private stderr = '';

	constructor(
		opening: Promise<ClientChannel>,
		private readonly address: string,
		/** Told how the channel ended: its failure, or undefined when it carried data. */
		private readonly onEnd: (failure: EngineError | undefined) => void,
	) {
		super();
		// Node's HTTP client adds a listener or two per request on a kept socket (see keepSocketAlive): up to
		// `maxUsesPerChannel` requests are expected, and Node's warning (10) would be written over the TUI's screen.
		this.setMaxListeners(4 * maxUsesPerChannel);
		opening.then(
			channel => this.attach(channel),
			(error: unknown) => this.destroy(error as Error),
		);
	}

	private attach(channel: ClientChannel): void {
		if (this.destroyed) {
			channel.close();
			return;
		}

		this.channel = channel;
		channel.on('data', (chunk: Buffer) => {
			this.sawData = true;
			if (!this.push(chunk)) {
				channel.pause();
			}
		});
		channel.stderr.on('data', (chunk: Buffer) => {
			if (this.stderr.length < maxStderrBytes) {
				this.stderr += chunk.toString('utf8').slice(0, maxStderrBytes - this.stderr.length);
			}
		});
		channel.on('exit', (code: number | null) => {
			this.exitCode = code ?? undefined;
		});
		channel.on('error', (error: Error) => this.destroy(error));
		const closed = () => {
			// Failed: no data, and an exit status other than 0, or (the status not come) words on stderr.
			const failed = !this.sawData && (this.exitCode === undefined ? this.stderr.trim() !== '' : this.exitCode !== 0);
			if (failed) {
				const failure = this.failure();
				this.onEnd(failure);
				this.destroy(failure);
				return;
			}

			if (this.sawData) {
				this.onEnd(undefined);
			}

			// A closed channel is a closed socket: ended and destroyed, so the agent drops it from its pool
			// (a kept channel of a dropped connection would otherwise take the next request and never answer).
			this.push(null);
			if (this.readableLength === 0) {
				this.destroy();
			} else {
				this.once('end', () => this.destroy());
			}
		};

		channel.once('close', () => {
			if (this.exitCode !== undefined || this.sawData || this.stderr.trim() !== '') {
				closed();
				return;
			}

			// ssh2 can report a channel closed before the exit status that came with it: a dial-stdio that
			// failed (no docker there) would read as a dropped connection. Wait a moment for the status.
			const timer = setTimeout(closed, exitStatusGraceMs);
			channel.once('exit', () => {
				clearTimeout(timer);
				closed();
			});
		});
		for (const {chunk, callback} of this.pending) {
			channel.write(chunk, callback);
		}

		this.pending = [];
		if (this.ended) {
			channel.end();
		}
	}

	// The HTTP client treats its socket as a net.Socket; a channel has none of these.
	setKeepAlive(): this {
		return this;
	}

	setNoDelay(): this {
		return this;
	}

	/** As net.Socket: 'timeout' once after `ms` (the agent closes an idle kept channel on it); 0 turns it off. */
	setTimeout(ms: number, callback?: () => void): this {
		clearTimeout(this.idleTimer);
		this.idleTimer = ms > 0 ? setTimeout(() => this.emit('timeout'), ms).unref() : undefined;
		if (callback) {
			this.once('timeout', callback);
		}

		return this;
	}

	ref(): this {
		return this;
	}

	unref(): this {
		return this;
	}

	override _read(): void {
		this.channel?.resume();
	}

	override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
		if (this.channel) {
			this.channel.write(chunk, callback);
		} else {
			this.pending.push({chunk, callback});
		}
	}

	override _final(callback: (error?: Error | null) => void): void {
		this.ended = true;
		this.channel?.end();
		callback();
	}

	override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
		clearTimeout(this.idleTimer);
		this.channel?.close();
		for (const {callback: written} of this.pending) {
			written(error ?? new Error('closed'));
		}

		this.pending = [];
		callback(error);
	}

	private failure(): EngineError {
		const said = sanitizeLine(this.stderr.split('\n').find(line => line.trim() !== '') ?? '').slice(0, 300);
		if (this.exitCode === 127 || /not found/i.test(said)) {
			return new EngineError('daemon-unreachable', `SSH to ${this.address} works, but there is no docker command on the far side ('docker system dial-stdio': ${said || 'command not found'}). Install the Docker CLI there, or put it on the PATH of a non-interactive SSH session.`);
		}

		return new EngineError('daemon-unreachable', `SSH to ${this.address} works, but 'docker system dial-stdio' failed there${this.exitCode === undefined ? '' : ` (exit ${this.exitCode})`}: ${said || 'no message'}. Is dockerd running on that host, and may this user use it?`);
	}
}
