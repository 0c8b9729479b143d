import {describe, expect, it} from 'vitest';
import type {NodeConfig} from '../../source/domain/node-config.js';
import {buildNodeSpec, envStrings, officialDefaultImage, pathSuffix, type PathKind, type SpecContext} from '../../source/domain/node-spec.js';
import {validConfig} from '../helpers/fixture-configs.js';

const userPaths = {
	configFile: '/home/op/.config/vantage6/node/alpha.yaml',
	configDir: '/home/op/.config/vantage6/node',
	dataDir: '/home/op/.local/share/vantage6/node/alpha',
	logDir: '/home/op/.cache/vantage6/log/node/alpha',
};

function context(overrides: Partial<SpecContext> = {}, existing: Record<string, PathKind> = {}): SpecContext {
	return {name: 'alpha', scope: 'user', paths: userPaths, cwd: '/work', pathKind: path => existing[path], ...overrides};
}

const config = (overrides: Record<string, unknown> = {}) => validConfig(overrides) as NodeConfig;
const destinations = (result: ReturnType<typeof buildNodeSpec>) => result.spec.mounts.map(mount => mount.destination);

describe('buildNodeSpec: the container of v6 node start 4.14', () => {
	it('names, labels, command, tty and auto-remove of a user-scope node', () => {
		const {spec, errors} = buildNodeSpec(config(), context());
		expect(errors).toEqual([]);
		expect(spec.containerName).toBe('vantage6-alpha-user');
		expect(spec.labels).toEqual({'vantage6-type': 'node', system: 'False', name: 'alpha'});
		expect(spec.cmd).toEqual(['vnode-local', 'start', '-c', '/mnt/config/alpha.yaml', '-n', 'alpha', '--dockerized', '--user']);
		expect(spec.tty).toBe(true);
		expect(spec.autoRemove).toBe(true);
		expect(spec.volumes).toEqual({
			data: 'vantage6-alpha-user-vol',
			vpn: 'vantage6-alpha-user-vpn-vol',
			ssh: 'vantage6-alpha-user-ssh-vol',
			squid: 'vantage6-alpha-user-squid-vol',
		});
	});

	it('binds in the official order, config dir read-only', () => {
		const {spec} = buildNodeSpec(config(), context());
		expect(spec.mounts.map(mount => mount.bind)).toEqual([
			'/home/op/.cache/vantage6/log/node/alpha:/mnt/log',
			'vantage6-alpha-user-vol:/mnt/data',
			'vantage6-alpha-user-vpn-vol:/mnt/vpn',
			'vantage6-alpha-user-ssh-vol:/mnt/ssh',
			'vantage6-alpha-user-squid-vol:/mnt/squid',
			'/home/op/.config/vantage6/node:/mnt/config:ro',
			'/var/run/docker.sock:/var/run/docker.sock',
		]);
		expect(spec.mounts.map(mount => mount.type)).toEqual(['bind', 'volume', 'volume', 'volume', 'volume', 'bind', 'bind']);
	});

	it('env: volume names and the private key path, nothing else without databases', () => {
		const {spec} = buildNodeSpec(config(), context());
		expect(envStrings(spec.env)).toEqual([
			'DATA_VOLUME_NAME=vantage6-alpha-user-vol',
			'VPN_VOLUME_NAME=vantage6-alpha-user-vpn-vol',
			'PRIVATE_KEY=/mnt/private_key.pem',
		]);
	});

	it('--keep turns auto-remove off', () => {
		expect(buildNodeSpec(config(), context({keep: true})).spec.autoRemove).toBe(false);
	});

	it('host env overrides the volume names, as the official NodeContext does', () => {
		const {spec} = buildNodeSpec(config(), context({hostEnv: {DATA_VOLUME_NAME: 'my-data', SSH_SQUID_VOLUME_NAME: 'my-squid'}}));
		expect(spec.volumes.data).toBe('my-data');
		expect(spec.volumes.squid).toBe('my-squid');
		expect(spec.volumes.vpn).toBe('vantage6-alpha-user-vpn-vol');
		expect(envStrings(spec.env)[0]).toBe('DATA_VOLUME_NAME=my-data');
	});

	describe('image precedence', () => {
		it('--image wins over images.node', () => {
			const result = buildNodeSpec(config({images: {node: 'from-config:1'}}), context({image: 'from-flag:2'}));
			expect([result.spec.image, result.spec.imageSource]).toEqual(['from-flag:2', 'flag']);
		});

		it('images.node from the config', () => {
			const result = buildNodeSpec(config({images: {node: 'from-config:1'}}), context({serverVersion: '4.9.1'}));
			expect([result.spec.image, result.spec.imageSource]).toEqual(['from-config:1', 'config']);
		});

		it('an images mapping without node falls back to the default without asking the server', () => {
			const result = buildNodeSpec(config({images: {squid: 'squid:1'}}), context({serverVersion: '4.9.1'}));
			expect([result.spec.image, result.spec.imageSource]).toEqual([officialDefaultImage, 'default']);
		});

		it("the server's minor version when it answered", () => {
			const result = buildNodeSpec(config(), context({serverVersion: '4.11.3'}));
			expect([result.spec.image, result.spec.imageSource]).toEqual(['harbor2.vantage6.ai/infrastructure/node:4.11', 'server']);
		});

		it('the official default otherwise', () => {
			expect(buildNodeSpec(config(), context()).spec.image).toBe('harbor2.vantage6.ai/infrastructure/node:cotopaxi');
		});
	});

	describe('private key', () => {
		it('is mounted read-only when the default file exists in the data dir', () => {
			const key = '/home/op/.local/share/vantage6/node/alpha/private_key.pem';
			const result = buildNodeSpec(config(), context({}, {[key]: 'file'}));
			expect(result.spec.mounts.at(-1)?.bind).toBe(`${key}:/mnt/private_key.pem:ro`);
			expect(result.warnings).toEqual([]);
		});

		it('a relative encryption.private_key resolves against the data dir; absolute is used as is', () => {
			const relative = buildNodeSpec(config({encryption: {enabled: true, private_key: 'keys/org.pem'}}), context({}, {'/home/op/.local/share/vantage6/node/alpha/keys/org.pem': 'file'}));
			expect(relative.spec.mounts.at(-1)?.source).toBe('/home/op/.local/share/vantage6/node/alpha/keys/org.pem');
			const absolute = buildNodeSpec(config({encryption: {enabled: true, private_key: '/keys/org.pem'}}), context({}, {'/keys/org.pem': 'file'}));
			expect(absolute.spec.mounts.at(-1)?.source).toBe('/keys/org.pem');
		});

		it('host PRIVATE_KEY overrides the config', () => {
			const result = buildNodeSpec(config({encryption: {enabled: true, private_key: '/a.pem'}}), context({hostEnv: {PRIVATE_KEY: '/b.pem'}}, {'/a.pem': 'file', '/b.pem': 'file'}));
			expect(result.spec.mounts.at(-1)?.source).toBe('/b.pem');
		});

		it('a missing key is a warning, not a mount, even with encryption off', () => {
			const result = buildNodeSpec(config(), context());
			expect(destinations(result)).not.toContain('/mnt/private_key.pem');
			expect(result.warnings[0]).toMatch(/No private key at .*private_key\.pem/);
			expect(envStrings(result.spec.env)).toContain('PRIVATE_KEY=/mnt/private_key.pem');
		});
	});

	describe('databases', () => {
		it('an existing file is mounted at /mnt/<label><suffix> and its env names the mount', () => {
			const result = buildNodeSpec(config({databases: [{label: 'default', uri: '/data/patients.csv', type: 'csv'}]}), context({}, {'/data/patients.csv': 'file'}));
			expect(result.spec.mounts.at(-1)?.bind).toBe('/data/patients.csv:/mnt/default.csv');
			expect(envStrings(result.spec.env)).toContain('DEFAULT_DATABASE_URI=default.csv');
		});

		it('a relative path resolves against the working directory', () => {
			const result = buildNodeSpec(config({databases: [{label: 'db', uri: 'data/x.parquet', type: 'parquet'}]}), context({cwd: '/srv'}, {'/srv/data/x.parquet': 'file'}));
			expect(result.spec.mounts.at(-1)?.bind).toBe('/srv/data/x.parquet:/mnt/db.parquet');
		});

		it('a folder is mounted without suffix; mount_mode ro makes it read-only', () => {
			const result = buildNodeSpec(config({databases: [{label: 'images', uri: '/data/imgs', type: 'folder', mount_mode: 'RO'}]}), context({}, {'/data/imgs': 'directory'}));
			expect(result.spec.mounts.at(-1)?.bind).toBe('/data/imgs:/mnt/images:ro');
			expect(envStrings(result.spec.env)).toContain('IMAGES_DATABASE_URI=images');
		});

		it('a SQL URL is passed as is and mounts nothing', () => {
			const result = buildNodeSpec(config({databases: [{label: 'pg', uri: 'postgresql://u:p@db/x', type: 'sql'}]}), context());
			expect(envStrings(result.spec.env)).toContain('PG_DATABASE_URI=postgresql://u:p@db/x');
			expect(result.spec.mounts).toHaveLength(7);
			expect(result.errors).toEqual([]);
		});

		it('--force-db-mount mounts a uri that is not a path here', () => {
			const result = buildNodeSpec(config({databases: [{label: 'x', uri: '/elsewhere/x.csv', type: 'other'}]}), context({forceDbMount: true}));
			expect(result.spec.mounts.at(-1)?.bind).toBe('/elsewhere/x.csv:/mnt/x.csv');
		});

		it('refuses a missing file database, a bad label and a bad mount_mode', () => {
			expect(buildNodeSpec(config({databases: [{label: 'default', uri: '/nope.csv', type: 'csv'}]}), context()).errors[0]).toMatch(/not found/);
			expect(buildNodeSpec(config({databases: [{label: '1st-db', uri: 'x', type: 'sql'}]}), context()).errors[0]).toMatch(/invalid characters/);
			expect(buildNodeSpec(config({databases: [{label: 'd', uri: 'x', type: 'sql', mount_mode: 'rw'}]}), context()).errors[0]).toMatch(/mount_mode/);
			expect(buildNodeSpec(config({databases: [{label: 'd', uri: 'x', type: 'sql', mount_mode: 'ro'}]}), context()).errors[0]).toMatch(/only for/);
		});

		it('binds the resolved file of a database given as a symlink, as v6 node start (4.14) does', () => {
			const links: Record<string, string> = {'/data/patients.csv': '/srv/real/patients-2026.csv'};
			const result = buildNodeSpec(
				config({databases: [{label: 'default', uri: '/data/patients.csv', type: 'csv'}]}),
				context({realPath: path => links[path] ?? path}, {'/data/patients.csv': 'file'}),
			);
			expect(result.spec.mounts.find(mount => mount.destination === '/mnt/default.csv')?.source).toBe('/srv/real/patients-2026.csv');
			expect(envStrings(result.spec.env)).toContain('DEFAULT_DATABASE_URI=default.csv');
		});

		it('refuses the old mapping form of databases', () => {
			expect(buildNodeSpec(config({databases: {default: '/x.csv'}}), context()).errors[0]).toMatch(/list/);
		});
	});

	it('ssh tunnel identity keys are mounted into the ssh volume', () => {
		const tunnels = [{hostname: 'db-host', ssh: {identity: {key: '/keys/tunnel'}}}];
		const result = buildNodeSpec(config({'ssh-tunnels': tunnels}), context({}, {'/keys/tunnel': 'file'}));
		expect(result.spec.mounts.at(-1)?.bind).toBe('/keys/tunnel:/mnt/ssh/db-host.pem.tmp');
		expect(buildNodeSpec(config({'ssh-tunnels': [{hostname: 'h', ssh: {}}]}), context()).errors[0]).toMatch(/no identity key/);
	});

	it('node_extra_mounts are appended verbatim, last', () => {
		const result = buildNodeSpec(config({node_extra_mounts: ['/opt/certs:/mnt/certs:ro', 'cache-vol:/cache']}), context());
		expect(result.spec.mounts.slice(-2).map(mount => [mount.bind, mount.type, mount.readOnly])).toEqual([
			['/opt/certs:/mnt/certs:ro', 'bind', true],
			['cache-vol:/cache', 'volume', false],
		]);
	});

	it('node_extra_env follows the node env, as Python would print its values', () => {
		const result = buildNodeSpec(config({node_extra_env: {HTTP_PROXY: 'http://proxy:3128', DEBUG: true, RETRIES: 3, EMPTY: null}}), context());
		expect(envStrings(result.spec.env).slice(3)).toEqual(['HTTP_PROXY=http://proxy:3128', 'DEBUG=True', 'RETRIES=3', 'EMPTY']);
	});

	it('node_extra_env may not use bad names or override node variables', () => {
		expect(buildNodeSpec(config({node_extra_env: {'BAD-NAME': 'x'}}), context()).errors[0]).toMatch(/valid identifiers.*BAD-NAME/);
		expect(buildNodeSpec(config({node_extra_env: {PRIVATE_KEY: '/x'}}), context()).errors[0]).toMatch(/Cannot overwrite.*PRIVATE_KEY/);
	});

	it('node_extra_hosts become host:ip entries sorted by host', () => {
		const result = buildNodeSpec(config({node_extra_hosts: {'z.example': '10.0.0.2', 'host.docker.internal': 'host-gateway'}}), context());
		expect(result.spec.extraHosts).toEqual(['host.docker.internal:host-gateway', 'z.example:10.0.0.2']);
	});

	it("seed 000's fixed system-scope node has the official mounts and volumes (and, per the official CLI, a read-only config dir)", () => {
		const paths = {
			configFile: '/etc/vantage6/node/hospital.yaml',
			configDir: '/etc/vantage6/node',
			dataDir: '/usr/local/share/vantage6/node/hospital',
			logDir: '/usr/local/share/vantage6/node/hospital',
		};
		const {spec} = buildNodeSpec(config(), context({name: 'hospital', scope: 'system', paths}));
		expect(spec.containerName).toBe('vantage6-hospital-system');
		expect(spec.labels).toEqual({'vantage6-type': 'node', system: 'True', name: 'hospital'});
		expect(spec.cmd.slice(0, 2)).toEqual(['vnode-local', 'start']);
		expect(spec.cmd.at(-1)).toBe('--system');
		expect(spec.tty).toBe(true);
		expect(spec.mounts.map(mount => [mount.type, mount.source, mount.destination])).toEqual([
			['bind', '/usr/local/share/vantage6/node/hospital', '/mnt/log'],
			['volume', 'vantage6-hospital-system-vol', '/mnt/data'],
			['volume', 'vantage6-hospital-system-vpn-vol', '/mnt/vpn'],
			['volume', 'vantage6-hospital-system-ssh-vol', '/mnt/ssh'],
			['volume', 'vantage6-hospital-system-squid-vol', '/mnt/squid'],
			['bind', '/etc/vantage6/node', '/mnt/config'],
			['bind', '/var/run/docker.sock', '/var/run/docker.sock'],
		]);
		expect(Object.values(spec.volumes)).toHaveLength(4);
		// Seed 000 also passed SSH_TUNNEL_VOLUME_NAME and SSH_SQUID_VOLUME_NAME; the official CLI does not (the node derives them).
		expect(spec.env.map(([key]) => key)).toEqual(['DATA_VOLUME_NAME', 'VPN_VOLUME_NAME', 'PRIVATE_KEY']);
	});
});

describe('pathSuffix (Python PurePath.suffix)', () => {
	it.each([
		['/d/a.csv', '.csv'],
		['/d/a.tar.gz', '.gz'],
		['/d/.hidden', ''],
		['/d/folder', ''],
		['/d/trailing.', ''],
	])('%s -> %j', (path, suffix) => {
		expect(pathSuffix(path)).toBe(suffix);
	});
});
