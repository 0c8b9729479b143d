/**
 * vnode-tui's own settings, `$XDG_CONFIG_HOME/vnode-tui/settings.yaml`: for now
 * only `read_only`. Read bounded; a file that is not valid is a message, and the
 * mode it may have meant to turn on (read-only) is on until it is fixed.
 */
import {homedir} from 'node:os';
import {join} from 'node:path';
import {readConfigBytes} from './bounded-read.js';

export type Settings = {path: string; readOnly?: boolean; problem?: string};

const maxSettingsBytes = 64 * 1024;

export function settingsPath(env: Readonly<Record<string, string | undefined>>): string {
	const home = env['HOME'] || homedir();
	const config = env['XDG_CONFIG_HOME']?.startsWith('/') ? env['XDG_CONFIG_HOME'] : join(home, '.config');
	return join(config, 'vnode-tui', 'settings.yaml');
}

export async function readSettings(path: string): Promise<Settings> {
	const read = await readConfigBytes(path, maxSettingsBytes, 'a settings file is a few lines');
	if (!read.ok) {
		return read.missing ? {path} : {path, problem: read.reason};
	}

	let value: unknown;
	try {
		// Loaded only when there is a settings file: most starts have none and need no YAML parser.
		const {parseYaml} = await import('./yaml-text.js');
		value = parseYaml(read.bytes.toString('utf8'), 10);
	} catch (error) {
		return {path, problem: `It is not valid YAML: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`};
	}

	if (value === null || value === undefined) {
		return {path};
	}

	if (typeof value !== 'object' || Array.isArray(value)) {
		return {path, problem: 'It is not a mapping of settings (e.g. read_only: true).'};
	}

	const readOnly = (value as Record<string, unknown>)['read_only'];
	if (readOnly === undefined || readOnly === null) {
		return {path};
	}

	if (typeof readOnly !== 'boolean') {
		return {path, problem: 'read_only is true or false.'};
	}

	return {path, readOnly};
}

/** VNODE_READ_ONLY as on/off; undefined for a value that is neither. */
export function readOnlyEnv(value: string | undefined): boolean | undefined {
	const text = (value ?? '').trim().toLowerCase();
	if (['', '0', 'false', 'no', 'off'].includes(text)) {
		return false;
	}

	return ['1', 'true', 'yes', 'on'].includes(text) ? true : undefined;
}

/** Why vnode-tui is read-only, or undefined when it is not: the flag, the env, the settings file (a bad one too). */
export function readOnlyReason(flag: boolean, env: Readonly<Record<string, string | undefined>>, settings: Settings): string | undefined {
	if (flag) {
		return '--read-only';
	}

	if (readOnlyEnv(env['VNODE_READ_ONLY'])) {
		return 'VNODE_READ_ONLY';
	}

	if (settings.problem) {
		return `${settings.path} is not valid`;
	}

	return settings.readOnly ? `read_only: true in ${settings.path}` : undefined;
}
