/**
 * The hosts file, `$XDG_CONFIG_HOME/vnode-tui/hosts.yaml`:
 * `hosts: [{name: pi-1, engine: ssh://vt@pi-1}, {name: vps}]` (engine defaults to the name).
 * Read with a size cap; a file that is not valid is a message, never a crash.
 */
import {homedir} from 'node:os';
import {join} from 'node:path';
import {parse} from 'yaml';
import {checked, type HostsChoice, type HostSpec} from '../domain/host-list.js';
import {readConfigBytes} from './bounded-read.js';

export const maxHostsFileBytes = 64 * 1024;

export function hostsFilePath(env: Readonly<Record<string, string | undefined>>): string {
	const home = env['HOME'] || homedir();
	const config = env['XDG_CONFIG_HOME']?.startsWith('/') ? env['XDG_CONFIG_HOME'] : join(home, '.config');
	return join(config, 'vnode-tui', 'hosts.yaml');
}

/** The hosts file's hosts, undefined when there is no file, or why it cannot be used. */
export async function readHostsFile(path: string): Promise<HostsChoice> {
	const read = await readConfigBytes(path, maxHostsFileBytes, 'a hosts file is a few lines');
	if (!read.ok) {
		return read.missing ? undefined : {problem: `${path}: ${read.reason}`};
	}

	return hostsFromText(read.bytes.toString('utf8'), path);
}

export function hostsFromText(text: string, path: string): HostsChoice {
	let value: unknown;
	try {
		value = parse(text, {maxAliasCount: 10});
	} catch (error) {
		return {problem: `${path} is not valid YAML: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`};
	}

	const list = (value as {hosts?: unknown} | null)?.hosts;
	if (!Array.isArray(list) || list.length === 0) {
		return {problem: `${path}: expected 'hosts:' with a list of hosts, e.g. hosts: [{name: pi-1, engine: ssh://vt@pi-1}].`};
	}

	const hosts: HostSpec[] = [];
	for (const [index, entry] of list.entries()) {
		const {name, engine} = (entry ?? {}) as {name?: unknown; engine?: unknown};
		if (typeof name !== 'string' || (engine !== undefined && typeof engine !== 'string')) {
			return {problem: `${path}: host ${index + 1} needs a name (and engine, when it is not the name): {name: pi-1, engine: ssh://vt@pi-1}.`};
		}

		hosts.push({name, engine: engine ?? name});
	}

	return checked(hosts, path);
}
