/**
 * A path this user may not read or write, said in words an operator can act on: whose it is, and the
 * command that fixes it. vnode-tui itself never changes an owner or a mode. Dirs inside the user's home
 * owned by someone else (root, after a `sudo v6 node …` that kept HOME) get a `chown` back; anything
 * outside the home (/etc/vantage6, /usr/local/share/vantage6) is root's: run with sudo.
 */
import {statSync} from 'node:fs';
import {userInfo} from 'node:os';
import {dirname, relative, isAbsolute} from 'node:path';

export type Me = {uid: number; user: string | undefined; home: string | undefined};

/** The user vnodetest runs as: the effective uid, its login name and home. */
export function currentUser(env: Readonly<Record<string, string | undefined>> = process.env): Me {
	let user: string | undefined;
	try {
		user = userInfo().username;
	} catch {
		user = undefined;
	}

	return {uid: process.geteuid?.() ?? -1, user: user && /^[\w.][\w.-]{0,63}$/.test(user) ? user : undefined, home: env['HOME'] || undefined};
}

/** What is wrong with `path` (where EACCES or EPERM came from) and what to run; never throws. */
export function permissionAdvice(path: string, me: Me = currentUser()): string {
	const found = nearestExisting(path);
	if (!found) {
		return '';
	}

	const {at, uid, mode} = found;
	if (uid === me.uid) {
		return `${at} is yours but its mode (${mode.toString(8).padStart(4, '0')}) does not let you in: 'chmod u+rwX ${shellQuote(at)}'.`;
	}

	const owner = uid === 0 ? 'root' : `uid ${uid}`;
	if (!me.home || !inside(at, me.home)) {
		return `${at} is owned by ${owner}: run vnode-tui with sudo (or as ${owner}).`;
	}

	// The topmost dir of the same owner inside the home: one chown gives back all that run left.
	let top = at;
	while (inside(dirname(top), me.home) && ownerOf(dirname(top)) === uid) {
		top = dirname(top);
	}

	return `${top} is owned by ${owner}, not by ${me.user ?? 'you'} (a 'sudo v6 node …' run leaves such dirs behind). Give it back with: sudo chown -R ${me.user ?? '$USER'}: ${shellQuote(top)}`;
}

function nearestExisting(path: string): {at: string; uid: number; mode: number} | undefined {
	let at = path;
	for (;;) {
		try {
			const stats = statSync(at);
			return {at, uid: stats.uid, mode: stats.mode & 0o7777};
		} catch {
			if (at === dirname(at)) {
				return undefined;
			}

			at = dirname(at);
		}
	}
}

function ownerOf(path: string): number | undefined {
	try {
		return statSync(path).uid;
	} catch {
		return undefined;
	}
}

/** Strictly below `home`. */
function inside(path: string, home: string): boolean {
	const rel = relative(home, path);
	return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function shellQuote(path: string): string {
	return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replaceAll("'", String.raw`'\''`)}'`;
}
