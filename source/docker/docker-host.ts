/**
 * DOCKER_HOST checked before docker-modem sees it: docker-modem throws on some
 * bad values, sends others (ftp://x) as plain HTTP, and treats a bare path as a
 * TCP host. The forms the docker CLI takes, minus those vnode-tui cannot use.
 */
import {sanitizeLine} from '../domain/sanitize.js';

const advice = 'use unix:///path, tcp://host:port or ssh://user@host';
const hostName = String.raw`(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])`;
const tcpPattern = new RegExp(`^tcp://${hostName}:(\\d{1,5})/?$`);
const sshPattern = new RegExp(`^ssh://(?:[A-Za-z0-9._-]+@)?${hostName}(?::(\\d{1,5}))?/?$`);

/** DOCKER_HOST as it may be shown: no control characters, cut when long. */
export function shownDockerHost(value: string): string {
	const line = sanitizeLine(value);
	return line.length > 120 ? `${line.slice(0, 120)}…` : line;
}

/** Why DOCKER_HOST (or an address `named` otherwise) cannot be used, or undefined (unset and empty mean the default socket). */
export function dockerHostProblem(value: string | undefined, named?: string): string | undefined {
	if (value === undefined || value === '') {
		return undefined;
	}

	// Named as the user gave it: the variable, a context's endpoint, a host of the fleet.
	const bad = (why = '') => `${named ?? `DOCKER_HOST=${shownDockerHost(value)}`} is not a Docker host address${why} (${advice})`;
	if (/[\u0000-\u001F\u007F-\u009F\s]/.test(value) || value.length > 1024) {
		return bad();
	}

	if (value.startsWith('unix://')) {
		return value.startsWith('unix:///') ? undefined : bad();
	}

	if (value.startsWith('/')) {
		return bad(': a bare path is refused, as the docker CLI does; write unix://' + shownDockerHost(value));
	}

	if (value.startsWith('fd://')) {
		return bad(': fd:// (systemd socket activation) is for dockerd, not for clients');
	}

	const tcp = tcpPattern.exec(value);
	if (tcp) {
		return portOk(tcp[1]) ? undefined : bad(': the port is 1 to 65535');
	}

	const ssh = sshPattern.exec(value);
	if (ssh) {
		return ssh[1] === undefined || portOk(ssh[1]) ? undefined : bad(': the port is 1 to 65535');
	}

	return bad();
}

function portOk(text: string | undefined): boolean {
	const port = Number(text);
	return Number.isInteger(port) && port >= 1 && port <= 65_535;
}
