import {describe, expect, it} from 'vitest';
import {isSecretName, maskConfig, maskEnvEntry, maskText, maskUriCredentials, maskValue} from '../../source/domain/mask.js';
import {validConfig} from '../helpers/fixture-configs.js';

const apiKey = 'secret-api-key-0123456789';

describe('isSecretName', () => {
	it.each(['API_KEY', 'api_key', 'api-key', 'APIKEY', 'db_password', 'DB_PASS', 'PASSWD', 'SECRET', 'TOKEN', 'MY_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'PRIVATE_KEY', 'private_key', 'CREDENTIALS', 'AUTH_HEADER', 'PWD', 'key', 'SSH_KEY'])(
		'%s is secret',
		name => {
			expect(isSecretName(name)).toBe(true);
		},
	);

	it.each(['PATH', 'HOME', 'DATA_VOLUME_NAME', 'VPN_VOLUME_NAME', 'PORT', 'server_url', 'api_path', 'task_dir', 'label', 'uri', 'KEYBOARD', 'MONKEY'])(
		'%s is not secret',
		name => {
			expect(isSecretName(name)).toBe(false);
		},
	);
});

describe('maskValue', () => {
	it('masks any set value with the same text', () => {
		expect(maskValue('x')).toBe(maskText);
		expect(maskValue('a much longer secret value')).toBe(maskText);
		expect(maskValue(12_345)).toBe(maskText);
		expect(maskValue(false)).toBe(maskText);
	});

	it('says when nothing is set', () => {
		expect(maskValue('')).toBe('(not set)');
		expect(maskValue(null)).toBe('(not set)');
		expect(maskValue(undefined)).toBe('(not set)');
	});
});

describe('maskUriCredentials', () => {
	it('masks the password, keeps scheme, user, host, port and path', () => {
		expect(maskUriCredentials('postgresql://user:pw@host/db')).toBe(`postgresql://user:${maskText}@host/db`);
		expect(maskUriCredentials('postgresql+psycopg2://admin:s3cr3t!@db.example.org:5432/omop?sslmode=require')).toBe(
			`postgresql+psycopg2://admin:${maskText}@db.example.org:5432/omop?sslmode=require`,
		);
	});

	it('masks a password without user name', () => {
		expect(maskUriCredentials('redis://:pw@cache:6379/0')).toBe(`redis://:${maskText}@cache:6379/0`);
	});

	it('masks a password that contains a colon', () => {
		expect(maskUriCredentials('mysql://user:pa:ss@host/db')).toBe(`mysql://user:${maskText}@host/db`);
	});

	it.each([
		'postgresql://user@host/db',
		'postgresql://host:5432/db',
		'http://localhost:7601/api',
		'/data/default.csv',
		'relative/file.csv',
		'user:pw@host',
		'',
	])('leaves %j unchanged', uri => {
		expect(maskUriCredentials(uri)).toBe(uri);
	});

	// Regression (fixed): a password with an unencoded '/' (common in generated base64 passwords, and
	// accepted by SQLAlchemy's URL parser) is not matched, so the whole password shows.
	it('masks a password that contains a slash', () => {
		expect(maskUriCredentials('postgresql://user:ab/cd@host/db')).toBe(`postgresql://user:${maskText}@host/db`);
	});

	// Regression (fixed): a password with an unencoded '@' is cut at the first '@', so its tail shows.
	it('masks a password that contains an @', () => {
		expect(maskUriCredentials('postgresql://user:p@ss@host/db')).toBe(`postgresql://user:${maskText}@host/db`);
	});
});

describe('maskEnvEntry', () => {
	it('masks the value of a secret-looking name', () => {
		expect(maskEnvEntry('API_KEY=abc')).toBe(`API_KEY=${maskText}`);
		expect(maskEnvEntry('DB_PASSWORD=hunter2')).toBe(`DB_PASSWORD=${maskText}`);
		expect(maskEnvEntry('MY_TOKEN=a=b=c')).toBe(`MY_TOKEN=${maskText}`);
	});

	it('says when a secret is empty', () => {
		expect(maskEnvEntry('API_KEY=')).toBe('API_KEY=(not set)');
	});

	it('keeps other values, masking URI credentials in them', () => {
		expect(maskEnvEntry('PATH=/usr/local/bin:/usr/bin')).toBe('PATH=/usr/local/bin:/usr/bin');
		expect(maskEnvEntry('DATA_VOLUME_NAME=vantage6-alpha-user-vol')).toBe('DATA_VOLUME_NAME=vantage6-alpha-user-vol');
		expect(maskEnvEntry('DEFAULT_DATABASE_URI=postgresql://u:pw@db/x')).toBe(`DEFAULT_DATABASE_URI=postgresql://u:${maskText}@db/x`);
		expect(maskEnvEntry('EMPTY=')).toBe('EMPTY=');
	});

	it('leaves an entry without = as is', () => {
		expect(maskEnvEntry('API_KEY')).toBe('API_KEY');
		expect(maskEnvEntry('PLAIN')).toBe('PLAIN');
	});

	// BUG (intended change): a secret-looking name whose value is an absolute path
	// names a file, not a secret; the node's own PRIVATE_KEY=/mnt/private_key.pem should show.
	it('shows an absolute path under a secret-looking name', () => {
		expect(maskEnvEntry('PRIVATE_KEY=/mnt/private_key.pem')).toBe('PRIVATE_KEY=/mnt/private_key.pem');
	});

	it('masks a secret-looking value that merely contains a slash', () => {
		expect(maskEnvEntry('API_TOKEN=ab/cd')).toBe(`API_TOKEN=${maskText}`);
	});
});

describe('maskConfig', () => {
	const config = () =>
		validConfig({
			databases: [
				{label: 'default', uri: '/data/default.csv', type: 'csv'},
				{label: 'omop', uri: 'postgresql://reader:db-pass-42@db.example.org:5432/omop', type: 'sql'},
			],
			docker_registries: [
				{registry: 'harbor.example.org', username: 'robot', password: 'registry-pass-7'},
				{registry: 'docker.io', username: 'me', password: ''},
			],
			node_extra_env: {DB_PASSWORD: 'env-pass-1', HF_TOKEN: 'hf_abc', LOG_MODE: 'verbose', DATA_PATH: '/data'},
			encryption: {enabled: true, private_key: '/home/op/keys/private_key.pem'},
			'ssh-tunnels': [{hostname: 'tunnel', ssh: {host: 'jump', port: 22, identity: {username: 'op', key: '/home/op/.ssh/id_rsa'}}}],
		});

	it('masks api_key', () => {
		expect((maskConfig(config()) as Record<string, unknown>)['api_key']).toBe(maskText);
	});

	it('masks nested docker_registries[].password, keeps registry and username', () => {
		const masked = maskConfig(config()) as Record<string, unknown>;
		expect(masked['docker_registries']).toEqual([
			{registry: 'harbor.example.org', username: 'robot', password: maskText},
			{registry: 'docker.io', username: 'me', password: '(not set)'},
		]);
	});

	it('masks secret keys of node_extra_env and keeps the others', () => {
		const masked = maskConfig(config()) as Record<string, unknown>;
		expect(masked['node_extra_env']).toEqual({DB_PASSWORD: maskText, HF_TOKEN: maskText, LOG_MODE: 'verbose', DATA_PATH: '/data'});
	});

	it('masks credentials in database uris and keeps file paths', () => {
		const masked = maskConfig(config()) as Record<string, unknown>;
		expect(masked['databases']).toEqual([
			{label: 'default', uri: '/data/default.csv', type: 'csv'},
			{label: 'omop', uri: `postgresql://reader:${maskText}@db.example.org:5432/omop`, type: 'sql'},
		]);
	});

	it('keeps encryption.private_key and the ssh identity key: they are paths', () => {
		const masked = maskConfig(config()) as Record<string, unknown>;
		expect(masked['encryption']).toEqual({enabled: true, private_key: '/home/op/keys/private_key.pem'});
		expect(masked['ssh-tunnels']).toEqual([
			{hostname: 'tunnel', ssh: {host: 'jump', port: 22, identity: {username: 'op', key: '/home/op/.ssh/id_rsa'}}},
		]);
	});

	it('keeps every non-secret value, with its type', () => {
		const original = config();
		const masked = maskConfig(original) as Record<string, unknown>;
		for (const key of ['server_url', 'port', 'api_path', 'task_dir', 'logging']) {
			expect(masked[key], key).toEqual(original[key]);
		}

		expect(masked['port']).toBe(7601);
		expect(masked['logging']).toEqual({
			level: 'INFO',
			use_console: true,
			backup_count: 5,
			max_size: 1024,
			format: '%(asctime)s - %(message)s',
			datefmt: '%Y-%m-%d %H:%M:%S',
		});
	});

	it('does not mutate its input', () => {
		const original = config();
		const snapshot = structuredClone(original);
		maskConfig(original);
		expect(original).toEqual(snapshot);
	});

	it('returns fresh objects, not the input ones', () => {
		const original = config();
		const masked = maskConfig(original) as Record<string, unknown>;
		expect(masked).not.toBe(original);
		expect(masked['node_extra_env']).not.toBe(original['node_extra_env']);
		expect(masked['databases']).not.toBe(original['databases']);
	});

	it('no secret of the config appears anywhere in the masked JSON', () => {
		const json = JSON.stringify(maskConfig(config()));
		for (const secret of [apiKey, 'db-pass-42', 'registry-pass-7', 'env-pass-1', 'hf_abc']) {
			expect(json, secret).not.toContain(secret);
		}
	});

	it('masks an empty or missing api_key as not set', () => {
		expect((maskConfig(validConfig({api_key: ''})) as Record<string, unknown>)['api_key']).toBe('(not set)');
		expect((maskConfig(validConfig({api_key: null})) as Record<string, unknown>)['api_key']).toBe('(not set)');
	});

	it('passes scalars and null through', () => {
		expect(maskConfig(null)).toBe(null);
		expect(maskConfig(3)).toBe(3);
		expect(maskConfig('postgresql://u:pw@h/d')).toBe(`postgresql://u:${maskText}@h/d`);
	});

	// Regression (fixed): a secret-looking key whose value is a list or mapping is recursed into with
	// no key, so its plain string items are shown (e.g. node_extra_env: {API_TOKENS: [a, b]}).
	it('masks list items under a secret-looking key', () => {
		const json = JSON.stringify(maskConfig({node_extra_env: {API_TOKENS: ['tok-one', 'tok-two']}}));
		expect(json).not.toContain('tok-one');
	});
});
