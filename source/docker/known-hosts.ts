/**
 * Host keys checked as OpenSSH checks them against known_hosts: plain and
 * hashed (`|1|salt|hash`) host names, `[host]:port` for another port than 22,
 * wildcards and `!negations`, `@revoked` keys. Pure: the files' text comes in.
 */
import {lazyCrypto} from '../lazy-builtin.js';

export type KnownHostsFile = {path: string; text: string};

export type HostKeyCheck =
	| {status: 'known'}
	| {status: 'unknown'}
	| {status: 'changed'; where: string}
	| {status: 'revoked'; where: string};

type Entry = {marker?: string; hosts: string; type: string; key: string; where: string};

/** The names a host is looked up under: `host` on port 22, `[host]:port` otherwise. */
export function knownHostName(host: string, port: number): string {
	return port === 22 ? host : `[${host}]:${port}`;
}

/** `SHA256:…` as `ssh-keygen -lf` prints it. */
export function fingerprint(blob: Buffer): string {
	return `SHA256:${lazyCrypto().createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type written at the start of an SSH public key blob (`ssh-ed25519`). */
export function keyType(blob: Buffer): string {
	if (blob.length < 4) {
		return 'unknown';
	}

	const length = blob.readUInt32BE(0);
	return length > 0 && length < 64 && blob.length >= 4 + length ? blob.subarray(4, 4 + length).toString('latin1') : 'unknown';
}

/** Key types the files hold for the host, so the server is asked for one of those first (as OpenSSH does). */
export function knownKeyTypes(files: readonly KnownHostsFile[], name: string): string[] {
	return [...new Set(entries(files).filter(entry => entry.marker === undefined && hostMatches(entry.hosts, name)).map(entry => entry.type))];
}

export function checkHostKey(files: readonly KnownHostsFile[], name: string, blob: Buffer): HostKeyCheck {
	const type = keyType(blob);
	const key = blob.toString('base64');
	const matching = entries(files).filter(entry => hostMatches(entry.hosts, name));
	const revoked = entries(files).find(entry => entry.marker === '@revoked' && entry.key === key);
	if (revoked) {
		return {status: 'revoked', where: revoked.where};
	}

	const plain = matching.filter(entry => entry.marker === undefined);
	if (plain.some(entry => entry.key === key)) {
		return {status: 'known'};
	}

	const other = plain.find(entry => entry.type === type);
	return other ? {status: 'changed', where: other.where} : {status: 'unknown'};
}

function entries(files: readonly KnownHostsFile[]): Entry[] {
	return files.flatMap(file =>
		file.text.split('\n').flatMap((raw, index) => {
			const fields = raw.trim().split(/\s+/);
			if (fields[0] === undefined || fields[0] === '' || fields[0].startsWith('#')) {
				return [];
			}

			const marker = fields[0].startsWith('@') ? fields.shift() : undefined;
			const [hosts, type, key] = fields;
			if (!hosts || !type || !key || (marker !== undefined && marker !== '@revoked' && marker !== '@cert-authority')) {
				return [];
			}

			return [{...(marker === undefined ? {} : {marker}), hosts, type, key, where: `${file.path}:${index + 1}`}];
		}),
	);
}

/** One known_hosts host field against a name: a hashed name, or comma-separated patterns where a matching `!pattern` wins. */
export function hostMatches(field: string, name: string): boolean {
	if (field.startsWith('|1|')) {
		const [, , salt, hash] = field.split('|');
		if (!salt || !hash) {
			return false;
		}

		return lazyCrypto().createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
	}

	let matched = false;
	for (const pattern of field.split(',')) {
		const negated = pattern.startsWith('!');
		if (globMatches(negated ? pattern.slice(1) : pattern, name)) {
			if (negated) {
				return false;
			}

			matched = true;
		}
	}

	return matched;
}

function globMatches(pattern: string, name: string): boolean {
	const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
	return new RegExp(`^${source}$`, 'i').test(name);
}
