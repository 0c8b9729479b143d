import {userInfo} from 'node:os';
import {EngineError} from './engine.js';

type RawDockerError = {
	code?: string;
	statusCode?: number;
	reason?: string;
	json?: {message?: string} | null;
	message?: string;
};

/**
 * Maps what dockerode and the socket throw onto the few kinds the rest of
 * vnode-tui handles, with a sentence that tells the operator what to do.
 */
export function toEngineError(error: unknown, host: string, subject?: string): EngineError {
	if (error instanceof EngineError) {
		return error;
	}

	const raw = (error ?? {}) as RawDockerError;
	const detail = raw.json?.message ?? raw.message ?? String(error);
	switch (raw.code) {
		case 'ENOENT':
		case 'ECONNREFUSED':
		case 'ECONNRESET':
		case 'EPIPE':
		case 'ETIMEDOUT':
		case 'EHOSTUNREACH':
		case 'ENOTFOUND': {
			return new EngineError('daemon-unreachable', `Cannot reach the Docker engine at ${host} (${raw.code}). Is dockerd running? Start it (e.g. 'sudo systemctl start docker') and try again.`);
		}

		case 'EACCES':
		case 'EPERM': {
			return new EngineError('permission', socketPermissionMessage(host, currentUserName()));
		}

		default:
	}

	switch (raw.statusCode) {
		case 404: {
			return new EngineError('not-found', subject ? `No such ${subject}.` : cleanDetail(detail));
		}

		case 409: {
			return new EngineError('conflict', `${subject ? `${capitalise(subject)}: ` : ''}${cleanDetail(detail)}`);
		}

		case 401:
		case 403: {
			return new EngineError('permission', `Docker refused the request: ${cleanDetail(detail)}`);
		}

		default:
	}

	if (/socket hang up|connect ECONNREFUSED|ENOENT/i.test(detail)) {
		return new EngineError('daemon-unreachable', `Cannot reach the Docker engine at ${host}. Is dockerd running?`);
	}

	return new EngineError('failed', cleanDetail(detail));
}

/**
 * EACCES on the engine's socket: the engine runs, this login may not use it. Said as such (not as "engine
 * down"), with the fix: the `docker` group (which takes a new login to count) or sudo.
 */
export function socketPermissionMessage(host: string, user: string | undefined): string {
	const who = user ? `user ${user}` : 'this user';
	// A group added to a user counts from its next login on: hence "log in again".
	return `No permission to use the Docker engine at ${host}: ${who} is not in the 'docker' group. Fix: 'sudo usermod -aG docker ${user ?? '$USER'}' and log in again, or run vnode-tui with sudo.`;
}

function currentUserName(): string | undefined {
	try {
		const name = userInfo().username;
		// Quoted back into a shell command: only a plain login name is printed as itself.
		return /^[\w.][\w.-]{0,63}$/.test(name) ? name : undefined;
	} catch {
		return undefined;
	}
}

function cleanDetail(detail: string): string {
	return detail.replace(/^\(HTTP code \d+\) [\w ]+ - /, '').trim();
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
