/**
 * The file access the config store and a node's start need, on the host where
 * the nodes run: this machine (`localFs`, node:fs) or a remote host over SFTP
 * (sftp-fs.ts). Errors carry Node's codes (`ENOENT`, `EACCES`, `EEXIST`) on
 * both, so the store says the same things about either.
 */
import {accessSync, constants, realpathSync, statSync} from 'node:fs';
import {link, lstat, mkdir, readdir, realpath, unlink} from 'node:fs/promises';
import {dirname} from 'node:path';
import type {PathKind} from '../domain/node-spec.js';
import {writeFileAtomic} from './atomic-write.js';
import {readConfigBytes, readConfigBytesSync, type BoundedRead} from './bounded-read.js';
import {permissionAdvice} from './ownership.js';

/** What is at a path, links not followed. */
export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

export type HostFs = {
	/** The host, for messages: undefined for this machine, `ssh://op@pi-1` for a remote one. */
	readonly remote?: string;
	/** The home of the user the files are read as (the remote user's over SFTP); undefined until `prepare` learnt it. */
	home(): string | undefined;
	/** Learns what the sync answers below need (home, user, whether `dirs` are writable); cheap when known. */
	prepare(dirs: () => readonly string[]): Promise<void>;
	readdir(dir: string): Promise<string[]>;
	/** A config file: only a regular file (links followed), at most the cap, never a read that blocks. */
	readConfig(path: string): Promise<BoundedRead>;
	/** The same with blocking calls (a command that runs once), where the host has them. */
	readConfigSync?(path: string): BoundedRead;
	lstatKind(path: string): Promise<EntryKind | undefined>;
	/** What is at the path, links followed. */
	statKind(path: string): Promise<PathKind>;
	realpath(path: string): Promise<string>;
	/** `mkdir` (EEXIST when something is there), or `mkdir -p` with `recursive`. */
	mkdir(dir: string, options: {recursive?: boolean; mode?: number}): Promise<void>;
	/** Temp file in the same dir (mode `mode`, default 0600), then renamed over `path`: a reader sees the old file or the new one. */
	writeAtomic(path: string, data: string | Uint8Array, mode?: number): Promise<void>;
	/** Moves `from` to `to` on the same file system; EEXIST when something is at `to` (never replaces it). */
	moveNew(from: string, to: string): Promise<void>;
	/** The dir, or its nearest parent that exists, is writable by the user (as `prepare` last saw it). */
	writable(dir: string): boolean;
	/** The user is root there. */
	isRoot(): boolean;
	/** ` <what is wrong and what to run>` for a path this user may not read or write. */
	permissionAdvice(path: string): string;
};

/** This machine's files, as vnode-tui has always read them. */
export const localFs: HostFs = {
	home: () => process.env['HOME'],
	async prepare() {
		// Everything is asked when it is needed.
	},
	readdir: async dir => readdir(dir),
	readConfig: async path => readConfigBytes(path),
	readConfigSync: path => readConfigBytesSync(path),
	async lstatKind(path) {
		try {
			const stats = await lstat(path);
			return stats.isSymbolicLink() ? 'symlink' : stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : 'other';
		} catch {
			return undefined;
		}
	},
	statKind: async path => localKind(path),
	realpath: async path => realpath(path),
	async mkdir(dir, options) {
		await mkdir(dir, options);
	},
	writeAtomic: writeFileAtomic,
	async moveNew(from, to) {
		// link() fails with EEXIST where rename() would replace the file silently.
		await link(from, to);
		await unlink(from);
	},
	writable(dir) {
		let at = dir;
		while (localKind(at) !== 'directory' && at !== dirname(at)) {
			at = dirname(at);
		}

		try {
			accessSync(at, constants.W_OK);
			return true;
		} catch {
			return false;
		}
	},
	isRoot: () => process.geteuid?.() === 0,
	permissionAdvice: path => permissionAdvice(path),
};

export function localKind(path: string): PathKind {
	try {
		const stats = statSync(path);
		return stats.isDirectory() ? 'directory' : 'file';
	} catch {
		return undefined;
	}
}

/** The path with every link resolved, or the path itself. */
export function localRealPath(path: string): string {
	try {
		return realpathSync(path);
	} catch {
		return path;
	}
}

