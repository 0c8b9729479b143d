/** Who runs this process, for the audit log: every value from the environment checked and sanitized. */
import {readlinkSync} from 'node:fs';
import {hostname, userInfo} from 'node:os';
import process from 'node:process';
import {auditField, type AuditWho} from '../domain/audit-entry.js';

export function auditWho(env: Readonly<Record<string, string | undefined>>): AuditWho {
	const uid = process.getuid?.() ?? -1;
	let user: string;
	try {
		user = userInfo().username;
	} catch {
		// No passwd entry (a container with an arbitrary uid).
		user = env['USER'] ?? env['LOGNAME'] ?? `uid ${uid}`;
	}

	const sudoUser = env['SUDO_USER'];
	// "client_ip client_port server_ip server_port": only an address-shaped first field is kept.
	const client = env['SSH_CONNECTION']?.trim().split(/\s+/)[0];
	const sshClient = client && /^[\da-fA-F.:%\w-]{1,64}$/.test(client) ? client : client ? 'unreadable SSH_CONNECTION' : undefined;
	const tty = env['SSH_TTY'] ?? terminalOfStdin();
	return {
		host: auditField(hostname()),
		user: auditField(user),
		uid,
		...(sudoUser ? {sudoUser: auditField(sudoUser)} : {}),
		...(sshClient ? {sshClient: auditField(sshClient)} : {}),
		...(tty ? {tty: auditField(tty)} : {}),
	};
}

function terminalOfStdin(): string | undefined {
	if (!process.stdin.isTTY) {
		return undefined;
	}

	try {
		const path = readlinkSync('/proc/self/fd/0');
		return path.startsWith('/dev/') ? path : undefined;
	} catch {
		return undefined;
	}
}
