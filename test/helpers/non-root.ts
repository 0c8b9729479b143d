/**
 * A non-root user for the permission tests: `vnodetest`, not in the `docker` group. .ci/run makes it; when
 * it is missing and the tests run as root, it is made here. The built vnode-tui runs as that user through
 * setpriv (or runuser). Without root the user cannot be made or switched to: the tests skip with that reason,
 * and fail instead under VNODE_REQUIRE_DOCKER=1, as the Docker tests do.
 */
import {execFileSync} from 'node:child_process';
import {chmodSync, chownSync, lstatSync, mkdirSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {dockerRequired} from './docker.js';
import {Sandbox} from './sandbox.js';

export const testUserName = 'vnodetest';

type TestUser = {uid: number; gid: number; runAs: string[]};

function run(file: string, args: string[]): string | undefined {
	try {
		return execFileSync(file, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
	} catch {
		return undefined;
	}
}

function findTestUser(): TestUser | string {
	if (process.getuid?.() !== 0) {
		return `not root: cannot make or become the test user ${testUserName}`;
	}

	if (run('id', ['-u', testUserName]) === undefined && run('useradd', ['-m', '-s', '/bin/sh', testUserName]) === undefined && run('id', ['-u', testUserName]) === undefined) {
		return `could not create the test user ${testUserName} (useradd failed)`;
	}

	const uid = Number(run('id', ['-u', testUserName]));
	const gid = Number(run('id', ['-g', testUserName]));
	const groups = (run('id', ['-nG', testUserName]) ?? '').split(/\s+/);
	if (groups.includes('docker')) {
		return `the test user ${testUserName} is in the docker group; the permission tests need one that is not ('gpasswd -d ${testUserName} docker')`;
	}

	if (run('setpriv', ['--version']) !== undefined) {
		return {uid, gid, runAs: ['setpriv', `--reuid=${testUserName}`, `--regid=${testUserName}`, '--init-groups', '--']};
	}

	if (run('runuser', ['--version']) !== undefined) {
		return {uid, gid, runAs: ['runuser', '-u', testUserName, '--']};
	}

	return 'neither setpriv nor runuser is installed';
}

const found = findTestUser();

/** Why the non-root tests cannot run here, or undefined when they can. */
export const nonRootSkipReason = typeof found === 'string' ? found : undefined;

if (nonRootSkipReason && dockerRequired) {
	throw new Error(`VNODE_REQUIRE_DOCKER=1 but ${nonRootSkipReason}`);
}

/** Suite title that says why it was skipped. */
export function nonRootTitle(title: string): string {
	return nonRootSkipReason ? `${title} [skipped: ${nonRootSkipReason}]` : title;
}

/**
 * A sandbox the test user can use: its home (HOME and the user-scope XDG dirs) belongs to the test user;
 * the system-scope dirs (XDG_CONFIG_DIRS, XDG_DATA_DIRS) belong to root, as /etc and /usr/local/share do.
 */
export class NonRootSandbox extends Sandbox {
	readonly user: TestUser;

	constructor(extraEnv: Record<string, string> = {}) {
		super(extraEnv);
		if (typeof found === 'string') {
			throw new TypeError(found);
		}

		this.user = found;
		chmodSync(this.root, 0o755);
		for (const dir of ['etc', 'usr-local-share']) {
			mkdirSync(join(this.root, dir), {recursive: true, mode: 0o755});
		}

		this.giveToUser(join(this.root, 'home'));
	}

	/** Makes the dir and hands it, and all in it, to the test user. */
	giveToUser(dir: string): void {
		mkdirSync(dir, {recursive: true});
		chownTree(dir, this.user.uid, this.user.gid);
	}

	/** A user-scope config belongs to the test user, as one it wrote itself. */
	override writeConfig(...args: Parameters<Sandbox['writeConfig']>): string {
		const path = super.writeConfig(...args);
		if (args[1] === 'user') {
			this.giveToUser(join(this.root, 'home'));
		}

		return path;
	}

	/** Runs the built vnode-tui as the test user. */
	async runAsUser(args: string[], options: {env?: Record<string, string>; timeoutMs?: number} = {}) {
		return this.run(args, {...options, runAs: this.user.runAs});
	}
}

function chownTree(path: string, uid: number, gid: number): void {
	chownSync(path, uid, gid);
	if (lstatSync(path).isDirectory()) {
		for (const entry of readdirSync(path)) {
			chownTree(join(path, entry), uid, gid);
		}
	}
}
