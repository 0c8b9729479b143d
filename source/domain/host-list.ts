/**
 * Which hosts a fleet run shows: `--hosts pi-1,pi-2,vps`, else the hosts file
 * (config/hosts-file.ts) when no `--hosts`/`--context` is given and it exists.
 * Every name is checked (it becomes a table cell and a row key); a list that is
 * not valid is a message, never a crash.
 */
import {sanitizeLine, showControls} from './sanitize.js';

/** One host: the name shown in the HOST column and the engine it stands for (`local`, an address, a context, an ssh alias). */
export type HostSpec = {name: string; engine: string};

export type HostsChoice = {hosts: HostSpec[]; from: string} | {problem: string} | undefined;

export const maxHosts = 64;

const namePattern = /^[A-Za-z0-9][A-Za-z0-9_.@+-]{0,63}$/;
const nameRule = 'a host name is 1-64 letters, digits, _ . @ + - (starting with a letter or digit)';

/** The hosts, if every name and engine can be used; else why not. */
export function checked(hosts: HostSpec[], from: string): HostsChoice {
	if (hosts.length > maxHosts) {
		return {problem: `${from}: ${hosts.length} hosts; at most ${maxHosts}.`};
	}

	const seen = new Set<string>();
	for (const host of hosts) {
		if (!namePattern.test(host.name)) {
			return {problem: `${from}: "${shown(host.name)}" is not a host name: ${nameRule}.`};
		}

		if (seen.has(host.name)) {
			return {problem: `${from}: two hosts are named "${host.name}"; name them apart (the hosts file has a name per host).`};
		}

		if (host.engine.length > 1024 || /[\u0000-\u001F\u007F-\u009F\s]/.test(host.engine)) {
			return {problem: `${from}: the engine of "${host.name}" is not an address, context or ssh host.`};
		}

		seen.add(host.name);
	}

	return {hosts, from};
}

/** `ssh://vt@10.0.0.5:2222` is named `10.0.0.5`; anything else by itself. */
function nameOfEngine(engine: string): string {
	if (!/^[a-z]+:\/\//.test(engine)) {
		return engine;
	}

	try {
		const url = new URL(engine);
		return url.protocol === 'unix:' ? 'local' : url.hostname.replace(/^\[(.*)\]$/, '$1');
	} catch {
		return engine;
	}
}

/** `--hosts a,b,ssh://vt@c:2222`: each item is its own engine; an address is named by its host. */
export function hostsFromFlag(value: string): HostsChoice {
	const items = value.split(',').map(item => item.trim());
	if (items.some(item => item === '')) {
		return {problem: `--hosts ${shown(value)}: an empty name; give names separated by commas, e.g. --hosts pi-1,pi-2,local.`};
	}

	return checked(
		items.map(item => ({name: nameOfEngine(item), engine: item})),
		'--hosts',
	);
}

/** A name or engine as a message may quote it: one line, its control bytes visible (`^[`: the reason it is refused), cut when long. */
function shown(value: string): string {
	const line = sanitizeLine(showControls(value));
	return line.length > 80 ? `${line.slice(0, 80)}…` : line;
}
