/**
 * A remote host's files over SFTP on the SSH connection that also carries its
 * Docker engine (docker/ssh-transport.ts). Every call is bounded in time (a
 * call with no answer closes the SFTP session, which the next call opens
 * again), every read in size (the local store's caps, and never an open of
 * anything but a regular file: an SFTP server blocks on a FIFO), and errors
 * carry Node's codes so the store says the same as for local files.
 */
import type {SFTPWrapper, Stats} from 'ssh2';
import {basename, dirname, join} from 'node:path';
import type {PathKind} from '../domain/node-spec.js';
import {sanitizeLine} from '../domain/sanitize.js';
import {bytesRead, maxConfigBytes, readProblem, statProblem, isDenied, errorCode, type BoundedRead} from './bounded-read.js';
import type {HostFiles} from './config-store.js';
import type {EntryKind, HostFs} from './host-fs.js';
import {randomHex} from './random-hex.js';

/** The part of SshTransport used here. */
export type SftpSource = {
	readonly lookup: {address: string};
	sftp(timeoutMs: number): Promise<SFTPWrapper>;
	dropSftp(): void;
	exec(command: string, timeoutMs: number): Promise<string>;
};

export const sftpLimits = {
	/** One SFTP call (or opening the session) must have answered by then. */
	callMs: 4000,
	/** How long a writability answer is kept. */
	writableMs: 10_000,
	/** The largest chunk read or written per request. */
	chunkBytes: 32 * 1024,
} as const;

type Callback<T> = (error: Error | null | undefined, value?: T) => void;

/** SFTP status codes (draft-ietf-secsh-filexfer-02) as Node's error codes. */
const codes: Record<number, string> = {2: 'ENOENT', 3: 'EACCES', 8: 'ENOTSUP'};

export class SftpFs implements HostFs {
	readonly remote: string;
	private homeDir: string | undefined;
	private user: {uid: number; groups: Set<number>} | undefined;
	private learning: Promise<void> | undefined;
	private readonly writableDirs = new Map<string, boolean>();
	private writableAt = 0;

	constructor(
		private readonly source: SftpSource,
		private readonly callMs: number = sftpLimits.callMs,
	) {
		this.remote = source.lookup.address;
	}

	home(): string | undefined {
		return this.homeDir;
	}

	async prepare(dirs: () => readonly string[]): Promise<void> {
		this.learning ??= this.learnUser().catch((error: unknown) => {
			this.learning = undefined;
			throw error;
		});
		await this.learning;
		if (Date.now() - this.writableAt > sftpLimits.writableMs) {
			for (const dir of dirs()) {
				// eslint-disable-next-line no-await-in-loop
				this.writableDirs.set(dir, await this.learnWritable(dir));
			}

			this.writableAt = Date.now();
		}
	}

	async readdir(dir: string): Promise<string[]> {
		const list = await this.call<Array<{filename: string}>>('read the directory', dir, (sftp, done) => sftp.readdir(dir, done));
		return list.map(entry => entry.filename);
	}

	async readConfig(path: string): Promise<BoundedRead> {
		try {
			let stats: Stats;
			try {
				stats = await this.stat(path);
			} catch (error) {
				if (errorCode(error) !== 'ENOENT') {
					throw error;
				}

				const there = (await this.lstatKind(path)) !== undefined;
				return there ? {ok: false, missing: false, reason: 'It is a link to a file that does not exist, or a link loop.'} : {ok: false, missing: true, reason: readProblem(error)};
			}

			// Judged before it is opened: an SFTP server's open of a FIFO waits for a writer.
			const problem = statProblem(stats);
			if (problem) {
				return problem;
			}

			const handle = await this.call<Buffer>('open', path, (sftp, done) => sftp.open(path, 'r', done));
			let bytes: Buffer;
			try {
				bytes = await this.readUpTo(handle, path, maxConfigBytes + 1, stats.size + 1);
			} catch (error) {
				await this.unlessHung(error, async () => this.call('close', path, (sftp, done) => sftp.close(handle, done)));
				throw error;
			}

			await this.call('close', path, (sftp, done) => sftp.close(handle, done)).catch(() => undefined);
			return bytesRead(bytes, stats);
		} catch (error) {
			return {ok: false, missing: false, reason: readProblem(error), ...(isDenied(error) ? {denied: true} : {})};
		}
	}

	async lstatKind(path: string): Promise<EntryKind | undefined> {
		try {
			const stats = await this.call<Stats>('lstat', path, (sftp, done) => sftp.lstat(path, done));
			return stats.isSymbolicLink() ? 'symlink' : stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : 'other';
		} catch (error) {
			if (errorCode(error) === 'ENOENT') {
				return undefined;
			}

			throw error;
		}
	}

	async statKind(path: string): Promise<PathKind> {
		try {
			const stats = await this.stat(path);
			return stats.isDirectory() ? 'directory' : 'file';
		} catch (error) {
			if (errorCode(error) === 'ENOENT' || isDenied(error)) {
				return undefined;
			}

			throw error;
		}
	}

	async realpath(path: string): Promise<string> {
		// OpenSSH resolves a missing last part too; Node's realpath (the local store) does not.
		if ((await this.statKind(path)) === undefined) {
			throw coded('ENOENT', `${path}: no such file`);
		}

		return this.call<string>('resolve', path, (sftp, done) => sftp.realpath(path, done));
	}

	async mkdir(dir: string, options: {recursive?: boolean; mode?: number}): Promise<void> {
		try {
			await this.call('create the directory', dir, (sftp, done) => sftp.mkdir(dir, {mode: options.mode ?? 0o755}, done));
		} catch (error) {
			const kind = await this.lstatKind(dir).catch(() => undefined);
			if (options.recursive && errorCode(error) === 'ENOENT' && dirname(dir) !== dir) {
				await this.mkdir(dirname(dir), {...options, mode: 0o755});
				await this.mkdir(dir, {mode: options.mode ?? 0o755});
				return;
			}

			if (kind !== undefined) {
				if (options.recursive && (await this.statKind(dir)) === 'directory') {
					return;
				}

				throw coded('EEXIST', `${dir} exists`);
			}

			throw error;
		}
	}

	async writeAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
		const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
		const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomHex(4)}.tmp`);
		const handle = await this.call<Buffer>('create', temp, (sftp, done) => sftp.open(temp, 'wx', {mode}, done));
		// Not after a call that got no answer: that would wait as long again (a temp file may stay behind, hidden).
		const removeTemp = async (error: unknown) => this.unlessHung(error, async () => this.call('remove', temp, (sftp, done) => sftp.unlink(temp, done)));
		try {
			for (let offset = 0; offset < bytes.length; offset += sftpLimits.chunkBytes) {
				const length = Math.min(sftpLimits.chunkBytes, bytes.length - offset);
				// eslint-disable-next-line no-await-in-loop
				await this.call('write', temp, (sftp, done) => sftp.write(handle, bytes, offset, length, offset, done));
			}

			await this.call('chmod', temp, (sftp, done) => sftp.fchmod(handle, mode, done));
			// fsync@openssh.com where the server has it; the rename below is atomic either way.
			await this.call('fsync', temp, (sftp, done) => sftp.ext_openssh_fsync(handle, done)).catch(() => undefined);
		} catch (error) {
			await this.unlessHung(error, async () => this.call('close', temp, (sftp, done) => sftp.close(handle, done)));
			await removeTemp(error);
			throw error;
		}

		await this.call('close', temp, (sftp, done) => sftp.close(handle, done));
		try {
			// posix-rename@openssh.com replaces the file in one step; plain SFTP rename never replaces.
			await this.call('replace', path, (sftp, done) => sftp.ext_openssh_rename(temp, path, done));
		} catch (error) {
			await removeTemp(error);
			throw error;
		}
	}

	async moveNew(from: string, to: string): Promise<void> {
		try {
			// hardlink@openssh.com fails where something is at `to`, as link(2) does; then the old name goes.
			await this.call('link', to, (sftp, done) => sftp.ext_openssh_hardlink(from, to, done));
		} catch (error) {
			if ((await this.lstatKind(to)) !== undefined) {
				throw coded('EEXIST', `${to} exists`);
			}

			throw error;
		}

		await this.call('remove', from, (sftp, done) => sftp.unlink(from, done));
	}

	writable(dir: string): boolean {
		return this.writableDirs.get(dir) ?? true;
	}

	isRoot(): boolean {
		return this.user?.uid === 0;
	}

	permissionAdvice(path: string): string {
		return `${path} on ${this.remote} is not open to the SSH user there: fix its owner or mode on that host, or connect as its owner.`;
	}

	/** The remote user's home (SFTP realpath of '.') and ids (`id -u; id -G`, else the home's owner). */
	private async learnUser(): Promise<void> {
		const home = await this.call<string>('resolve', '.', (sftp, done) => sftp.realpath('.', done));
		if (!home.startsWith('/') || sanitizeLine(home) !== home) {
			throw new Error(`The SSH user's home on ${this.remote} is not a plain absolute path.`);
		}

		let user: {uid: number; groups: Set<number>};
		try {
			const [uid = '', groups = ''] = (await this.source.exec('id -u; id -G', this.callMs)).split('\n');
			user = {uid: Number.parseInt(uid, 10), groups: new Set(groups.trim().split(/\s+/).map(Number))};
			if (!Number.isInteger(user.uid)) {
				throw new TypeError('no uid');
			}
		} catch {
			user = {uid: (await this.stat(home)).uid, groups: new Set()};
		}

		this.homeDir = home;
		this.user = user;
	}

	/** The dir, or its nearest parent that is a directory, may be written by the user (by its owner, group and mode). */
	private async learnWritable(dir: string): Promise<boolean> {
		let at = dir;
		for (;;) {
			// eslint-disable-next-line no-await-in-loop
			const stats = await this.stat(at).catch(() => undefined);
			if (stats?.isDirectory()) {
				const user = this.user!;
				if (user.uid === 0) {
					return true;
				}

				const bit = stats.uid === user.uid ? 0o200 : user.groups.has(stats.gid) ? 0o020 : 0o002;
				return (stats.mode & bit) !== 0;
			}

			if (at === dirname(at)) {
				return false;
			}

			at = dirname(at);
		}
	}

	/** A clean-up call, unless the call that failed got no answer at all; its own failure is not the one said. */
	private async unlessHung(error: unknown, cleanUp: () => Promise<unknown>): Promise<void> {
		if (errorCode(error) !== 'ETIMEDOUT') {
			await cleanUp().catch(() => undefined);
		}
	}

	private async stat(path: string): Promise<Stats> {
		return this.call<Stats>('stat', path, (sftp, done) => sftp.stat(path, done));
	}

	private async readUpTo(handle: Buffer, path: string, limit: number, expected: number): Promise<Buffer> {
		const chunks: Buffer[] = [];
		let total = 0;
		while (total < limit) {
			const chunk = Buffer.alloc(Math.min(limit - total, sftpLimits.chunkBytes, Math.max(4096, expected - total)));
			// eslint-disable-next-line no-await-in-loop
			const count = await this.call<number>('read', path, (sftp, done) => sftp.read(handle, chunk, 0, chunk.length, total, (error, read) => done(error, read)));
			if (count === 0) {
				break;
			}

			chunks.push(chunk.subarray(0, count));
			total += count;
		}

		return Buffer.concat(chunks, total);
	}

	/** One SFTP call within `callMs`; no answer by then closes the session (the next call opens a new one). */
	private async call<T>(what: string, path: string, operation: (sftp: SFTPWrapper, done: Callback<T>) => void): Promise<T> {
		const sftp = await this.source.sftp(this.callMs);
		return new Promise<T>((resolve, reject) => {
			const timer = setTimeout(() => {
				this.source.dropSftp();
				reject(coded('ETIMEDOUT', `${this.remote} did not answer within ${this.callMs / 1000} s (${what} ${path} over SFTP); the SSH connection may be down. Nothing more was done.`));
			}, this.callMs);
			const done: Callback<T> = (error, value) => {
				clearTimeout(timer);
				if (error) {
					reject(sftpError(error, this.remote));
				} else {
					resolve(value as T);
				}
			};

			try {
				operation(sftp, done);
			} catch (error) {
				// ssh2 throws at once for an extension the server lacks, or a session that closed.
				done(error as Error);
			}
		});
	}
}

function coded(code: string, message: string): Error {
	return Object.assign(new Error(message), {code});
}

/** An SFTP status as Node's error code; a lost connection said as such. */
function sftpError(error: Error, remote: string): Error {
	const status = (error as {code?: unknown}).code;
	if (typeof status === 'number') {
		return coded(codes[status] ?? 'EIO', sanitizeLine(error.message).slice(0, 200));
	}

	return new Error(`the SSH connection to ${remote} was lost (${sanitizeLine(error.message).slice(0, 200)}). Nothing more was done.`);
}

/**
 * The spec's host facts on the remote host: `learn` fetches them over SFTP for the paths a
 * config names, then the spec (a pure function) asks `pathKind`/`realPath` synchronously.
 */
export class RemoteHostFiles implements HostFiles {
	private readonly kinds = new Map<string, PathKind>();
	private readonly reals = new Map<string, string>();

	constructor(private readonly fs: SftpFs) {}

	pathKind(path: string): PathKind {
		return this.kinds.get(path);
	}

	realPath(path: string): string {
		return this.reals.get(path) ?? path;
	}

	async learn(paths: readonly string[]): Promise<void> {
		for (const path of paths) {
			// eslint-disable-next-line no-await-in-loop
			const kind = await this.fs.statKind(path);
			this.kinds.set(path, kind);
			// eslint-disable-next-line no-await-in-loop
			this.reals.set(path, kind === undefined ? path : await this.fs.realpath(path).catch(() => path));
		}
	}

	async ensureDir(path: string): Promise<void> {
		try {
			await this.fs.mkdir(path, {recursive: true});
		} catch (error) {
			throw new Error(`Cannot create ${path} on ${this.fs.remote}: ${isDenied(error) ? `permission denied. ${this.fs.permissionAdvice(path)}` : error instanceof Error ? error.message : String(error)}`);
		}
	}
}
