/**
 * One line of the audit log: who changed what, from where, how it went, and the
 * `v6`/`docker` command that does the same. Pure: building, parsing (a line from
 * a file is untrusted), filtering and the one-line text the CLI and the UI show.
 */
import type {Scope} from './node-config.js';
import {safeLine} from './safe-text.js';

/** Every action that changes anything, from the shell or the UI. */
export type AuditAction = 'start' | 'stop' | 'restart' | 'remove' | 'new' | 'edit' | 'delete' | 'set-api-key' | 'clean' | 'exec';

export const auditActions: readonly AuditAction[] = ['start', 'stop', 'restart', 'remove', 'new', 'edit', 'delete', 'set-api-key', 'clean', 'exec'];

/** Who acts, as the host tells it; every field sanitized when made. */
export type AuditWho = {
	host: string;
	user: string;
	uid: number;
	/** SUDO_USER: who ran `sudo vnode-tui`. */
	sudoUser?: string;
	/** The client address of SSH_CONNECTION. */
	sshClient?: string;
	tty?: string;
};

export type AuditEntry = AuditWho & {
	/** UTC, ISO 8601. */
	time: string;
	action: AuditAction;
	node?: string;
	/** `all` for a clean of every node. */
	scope?: Scope | 'all';
	outcome: 'ok' | 'failed';
	/** Why it failed: masked and sanitized. */
	error?: string;
	durationMs: number;
	/** The equivalent `v6 node ...` or `docker ...` command (never with a secret). */
	command: string;
	/** What else there is to say: the fields an edit changed (names only), what a clean removed. */
	detail?: string;
};

/** What the readers found: entries oldest first, lines that were not entries, files that could not be read. */
export type AuditReading = {entries: AuditEntry[]; unreadable: number; problems: string[]};

/** Longest text field kept, in a line written or read. */
export const auditFieldMax = 2000;

/** A field fit for the log: one line, no control byte, no password, bounded. */
export function auditField(text: string): string {
	const line = safeLine(text);
	return line.length > auditFieldMax ? `${line.slice(0, auditFieldMax - 1)}…` : line;
}

/** Every occurrence of the given secrets replaced, then auditField: a message that quotes a key never keeps it. */
export function auditMessage(text: string, secrets: readonly string[] = []): string {
	let out = text;
	for (const secret of secrets) {
		if (secret.length >= 4) {
			out = out.split(secret).join('••••••••');
		}
	}

	return auditField(out);
}

const scopeFlag = (scope: Scope) => `--${scope}`;

/** The `v6 node` command for a node action. */
export function v6Command(action: 'start' | 'stop' | 'new' | 'set-api-key', name: string, scope: Scope, extra: {image?: string; keep?: boolean} = {}): string {
	const flags = [`--name ${name}`, scopeFlag(scope), ...(extra.image ? [`--image ${extra.image}`] : []), ...(extra.keep ? ['--keep'] : [])];
	return `v6 node ${action} ${flags.join(' ')}`;
}

const shellWord = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", String.raw`'\''`)}'`);

/** A command line with each argument quoted as a shell needs it. */
export function shellCommand(words: readonly string[]): string {
	return words.map(word => shellWord(word)).join(' ');
}

const isText = (value: unknown): value is string => typeof value === 'string';

/** A line from an audit file as an entry, or undefined when it is not one; every text field sanitized and bounded. */
export function parseAuditLine(line: string): AuditEntry | undefined {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		return undefined;
	}

	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		return undefined;
	}

	const raw = value as Record<string, unknown>;
	const time = isText(raw['time']) ? Date.parse(raw['time']) : Number.NaN;
	if (
		Number.isNaN(time) ||
		!auditActions.includes(raw['action'] as AuditAction) ||
		(raw['outcome'] !== 'ok' && raw['outcome'] !== 'failed') ||
		!isText(raw['host']) ||
		!isText(raw['user']) ||
		!isText(raw['command'])
	) {
		return undefined;
	}

	const text = (key: string) => (isText(raw[key]) ? {[key]: auditField(raw[key])} : {});
	const scope = raw['scope'] === 'user' || raw['scope'] === 'system' || raw['scope'] === 'all' ? {scope: raw['scope'] as Scope | 'all'} : {};
	return {
		time: new Date(time).toISOString(),
		host: auditField(raw['host']),
		user: auditField(raw['user']),
		uid: typeof raw['uid'] === 'number' && Number.isInteger(raw['uid']) ? raw['uid'] : -1,
		...text('sudoUser'),
		...text('sshClient'),
		...text('tty'),
		action: raw['action'] as AuditAction,
		...text('node'),
		...scope,
		outcome: raw['outcome'],
		...text('error'),
		durationMs: typeof raw['durationMs'] === 'number' && Number.isFinite(raw['durationMs']) ? Math.max(0, Math.round(raw['durationMs'])) : 0,
		command: auditField(raw['command']),
		...text('detail'),
	};
}

export type AuditFilter = {
	/** Unix seconds: entries at or after it. */
	since?: number;
	node?: string;
	/** Case-insensitive text anywhere in the entry's line (the UI's `/`). */
	text?: string;
};

export function filterAudit(entries: readonly AuditEntry[], filter: AuditFilter): AuditEntry[] {
	const needle = filter.text?.trim().toLowerCase() ?? '';
	return entries.filter(
		entry =>
			(filter.since === undefined || Date.parse(entry.time) >= filter.since * 1000) &&
			(filter.node === undefined || entry.node === filter.node) &&
			(needle === '' || auditText(entry).toLowerCase().includes(needle)),
	);
}

/** Entries of several files as one list, oldest first (a stable sort: the same second keeps file order). */
export function mergeAudit(lists: ReadonlyArray<readonly AuditEntry[]>): AuditEntry[] {
	return lists.flat().sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}

/** Who, in a few words: `alice (uid 1000) via sudo from bob, ssh 10.0.0.7 pts/3`. */
export function auditWhoText(entry: AuditWho): string {
	const parts = [`${entry.user}@${entry.host} (uid ${entry.uid})`];
	if (entry.sudoUser) {
		parts.push(`sudo by ${entry.sudoUser}`);
	}

	if (entry.sshClient) {
		parts.push(`ssh ${entry.sshClient}`);
	}

	if (entry.tty) {
		parts.push(entry.tty);
	}

	return parts.join(', ');
}

/** One line per entry, as `vnode-tui audit` and the UI's list show it. */
export function auditText(entry: AuditEntry): string {
	const node = entry.node ? ` ${entry.node}${entry.scope ? ` (${entry.scope})` : ''}` : entry.scope ? ` (${entry.scope})` : '';
	const outcome = entry.outcome === 'ok' ? 'ok' : `FAILED: ${entry.error ?? 'no reason given'}`;
	const detail = entry.detail ? ` [${entry.detail}]` : '';
	return `${entry.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}  ${entry.action}${node}  ${outcome}  ${entry.durationMs} ms  by ${auditWhoText(entry)}${detail}  $ ${entry.command}`;
}
