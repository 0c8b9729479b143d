/**
 * Known secrets and hostile text planted in configs, so a test can grep every
 * screen and every output for them: an API key, three password forms (URI
 * userinfo, a ?password= query, a libpq password='…') in databases and in
 * node_extra_env, and values and file names that carry terminal escapes.
 */
import {stringify} from 'yaml';
import {validConfig} from './fixture-configs.js';
import {docker} from './docker.js';
import type {Sandbox} from './sandbox.js';

/** Every planted secret contains this; no output may, unless `v` revealed it. */
export const plantedMarker = 'PLANTED';

export const planted = {
	apiKey: 'PLANTED-api-key-7f3a9c',
	userinfo: 'PLANTED-pw-userinfo',
	query: 'PLANTED-pw-query',
	libpq: 'PLANTED pw libpq',
} as const;

export const plantedUris = {
	userinfo: `postgresql://reader:${planted.userinfo}@db.example.org:5432/omop`,
	query: `postgresql://db.example.org/omop?user=reader&password=${planted.query}&sslmode=require`,
	libpq: `host=db.example.org password='${planted.libpq}' dbname=omop`,
} as const;

/** A valid config holding every planted secret. */
export function plantedConfig(image: string): Record<string, unknown> {
	return validConfig({
		api_key: planted.apiKey,
		images: {node: image},
		databases: [
			{label: 'userinfo', uri: plantedUris.userinfo, type: 'sql'},
			{label: 'query', uri: plantedUris.query, type: 'sql'},
			{label: 'libpq', uri: plantedUris.libpq, type: 'sql'},
		],
		node_extra_env: {SITE_DB_A: plantedUris.userinfo, SITE_DB_B: plantedUris.query, SITE_DB_C: plantedUris.libpq, SITE_API_KEY: planted.apiKey},
	});
}

/** A config that does not parse, with the API key and a password in its text. */
export const plantedBrokenYaml = `api_key: ${planted.apiKey}
server_url: http://localhost
databases:
  - {label: a, uri: "${plantedUris.query}", type: sql}
  - label: b
    uri: ${plantedUris.userinfo}
 logging: [1, 2
`;

const esc = '\u001B';
const bel = '\u0007';

/** Sets the terminal title when written raw. */
export const titleEscape = `${esc}]0;pwned${bel}`;

/** A config file name that sets the title, and one that breaks a line. */
export const hostileNames = {title: `t${titleEscape}x`, newline: 'nl\nrow'} as const;

/** A logging.level whose value sets the title and clears the screen. */
export const hostileLevel = `${titleEscape}${esc}[2J`;

/** Any byte a terminal acts on, but newline and tab. */
export const controlBytes = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/**
 * Writes the planted configs into the sandbox (user scope): `secrets` (valid, every planted
 * secret; started with `image`, so its container holds them too), `level` (an escape in
 * logging.level), `broken` (does not parse, holds the key), and a file whose name sets the title.
 */
export async function plantAll(sandbox: Sandbox, names: {secrets: string; level: string; broken: string}, image: string): Promise<void> {
	sandbox.writeConfig(names.secrets, 'user', plantedConfig(image));
	sandbox.writeConfig(names.level, 'user', stringify(validConfig({logging: {...(validConfig()['logging'] as object), level: hostileLevel}})));
	sandbox.writeConfig(names.broken, 'user', plantedBrokenYaml);
	sandbox.writeConfig(hostileNames.title, 'user', validConfig({api_key: 'PLANTED-key-of-a-bad-name'}));
	const started = await sandbox.run(['start', names.secrets, '--image', image]);
	if (started.code !== 0) {
		throw new Error(`start ${names.secrets} failed: ${started.stderr}`);
	}
}

/**
 * A node container made by hand (no config): escapes and planted passwords in its labels, env
 * and command, as another tool or a hostile image could leave them. Not started.
 */
export async function plantContainer(name: string, image: string): Promise<void> {
	await docker.createContainer({
		name: `vantage6-${name}-user`,
		Image: image,
		Cmd: ['sleep', `${titleEscape}1`],
		Labels: {'vantage6-type': 'node', system: 'False', name, evil: `x${titleEscape}${esc}[2Jy`, note: `postgresql://u:PLANTED-label-pw@h/db`},
		Env: [`EVIL=x${titleEscape}y`, `SITE_URI=host=h password=PLANTED-env-pw dbname=a`, `SITE_Q=http://h/?token=PLANTED-env-token`],
	});
}
