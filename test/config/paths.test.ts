import {homedir} from 'node:os';
import {describe, expect, it} from 'vitest';
import {nodeHostPaths, officialLocations, type PathEnv} from '../../source/config/paths.js';

const home = {HOME: '/home/op'};

/** Every location of node `alpha`, to compare in one assertion. */
function all(env: PathEnv, configRoot?: string) {
	const locations = officialLocations({env, ...(configRoot === undefined ? {} : {configRoot})});
	return {
		userConfig: locations.configDir('user'),
		userData: locations.dataDir('user', 'alpha'),
		userLog: locations.logDir('user', 'alpha'),
		systemConfig: locations.configDir('system'),
		systemData: locations.dataDir('system', 'alpha'),
		systemLog: locations.logDir('system', 'alpha'),
	};
}

describe('officialLocations', () => {
	it('defaults from HOME, as appdirs on Linux and the official CLI', () => {
		expect(all(home)).toEqual({
			userConfig: '/home/op/.config/vantage6/node',
			userData: '/home/op/.local/share/vantage6/node/alpha',
			userLog: '/home/op/.cache/vantage6/log/node/alpha',
			systemConfig: '/etc/vantage6/node',
			systemData: '/usr/local/share/vantage6/node/alpha',
			systemLog: '/usr/local/share/vantage6/node/alpha',
		});
	});

	it('falls back to the home directory of the user without HOME', () => {
		expect(all({}).userConfig).toBe(`${homedir()}/.config/vantage6/node`);
		expect(all({HOME: ''}).userData).toBe(`${homedir()}/.local/share/vantage6/node/alpha`);
	});

	it('respects XDG_CONFIG_HOME, XDG_DATA_HOME and XDG_CACHE_HOME', () => {
		expect(all({...home, XDG_CONFIG_HOME: '/cfg', XDG_DATA_HOME: '/srv/data', XDG_CACHE_HOME: '/var/cache/op'})).toEqual({
			userConfig: '/cfg/vantage6/node',
			userData: '/srv/data/vantage6/node/alpha',
			userLog: '/var/cache/op/vantage6/log/node/alpha',
			systemConfig: '/etc/vantage6/node',
			systemData: '/usr/local/share/vantage6/node/alpha',
			systemLog: '/usr/local/share/vantage6/node/alpha',
		});
	});

	it('ignores relative and empty XDG_*_HOME values', () => {
		expect(all({...home, XDG_CONFIG_HOME: 'cfg', XDG_DATA_HOME: './data', XDG_CACHE_HOME: ''})).toEqual(all(home));
	});

	it('XDG_CONFIG_DIRS containing "xdg" gives /etc/vantage6/node', () => {
		expect(all({...home, XDG_CONFIG_DIRS: '/etc/xdg/xdg-i3:/etc/xdg'}).systemConfig).toBe('/etc/vantage6/node');
		expect(all({...home, XDG_CONFIG_DIRS: '/etc/xdg'}).systemConfig).toBe('/etc/vantage6/node');
	});

	it('another XDG_CONFIG_DIRS is used as is, first entry', () => {
		expect(all({...home, XDG_CONFIG_DIRS: '/opt/conf'}).systemConfig).toBe('/opt/conf/vantage6/node');
		expect(all({...home, XDG_CONFIG_DIRS: '/opt/conf/:/etc/other'}).systemConfig).toBe('/opt/conf/vantage6/node');
	});

	it('the first entry of XDG_DATA_DIRS holds system data and logs', () => {
		const locations = all({...home, XDG_DATA_DIRS: '/usr/share/custom:/usr/local/share:/usr/share'});
		expect(locations.systemData).toBe('/usr/share/custom/vantage6/node/alpha');
		expect(locations.systemLog).toBe('/usr/share/custom/vantage6/node/alpha');
		expect(locations.userData).toBe('/home/op/.local/share/vantage6/node/alpha');
	});

	it('an empty XDG_DATA_DIRS falls back to /usr/local/share', () => {
		expect(all({...home, XDG_DATA_DIRS: ''}).systemData).toBe('/usr/local/share/vantage6/node/alpha');
	});

	it('configRoot puts configs in DIR/user and DIR/system and leaves data and logs alone', () => {
		expect(all(home, '/srv/vnode')).toEqual({
			...all(home),
			userConfig: '/srv/vnode/user',
			systemConfig: '/srv/vnode/system',
		});
	});

	// Regression (fixed): a relative --config-dir / VNODE_CONFIG_DIR stays relative, so the config dir, the
	// config file path and NodeHostPaths.configDir (documented absolute) are relative, and
	// buildNodeSpec binds `conf/user:/mnt/config:ro`, which Docker reads as a volume name.
	it('a relative configRoot gives absolute config directories', () => {
		const locations = officialLocations({env: home, configRoot: 'conf'});
		expect(locations.configDir('user')).toBe(`${process.cwd()}/conf/user`);
	});
});

describe('nodeHostPaths', () => {
	const locations = officialLocations({env: home});
	const configFile = '/home/op/.config/vantage6/node/alpha.yaml';

	it('derives the paths of a node from its config file and the locations', () => {
		expect(nodeHostPaths(locations, 'user', 'alpha', configFile)).toEqual({
			configFile,
			configDir: '/home/op/.config/vantage6/node',
			dataDir: '/home/op/.local/share/vantage6/node/alpha',
			logDir: '/home/op/.cache/vantage6/log/node/alpha',
		});
	});

	it('system scope: data and logs in the same directory', () => {
		expect(nodeHostPaths(locations, 'system', 'alpha', '/etc/vantage6/node/alpha.yaml')).toEqual({
			configFile: '/etc/vantage6/node/alpha.yaml',
			configDir: '/etc/vantage6/node',
			dataDir: '/usr/local/share/vantage6/node/alpha',
			logDir: '/usr/local/share/vantage6/node/alpha',
		});
	});

	it('directories.log and directories.data override the defaults', () => {
		expect(nodeHostPaths(locations, 'user', 'alpha', configFile, {log: '/var/log/alpha', data: '/srv/alpha'})).toEqual({
			configFile,
			configDir: '/home/op/.config/vantage6/node',
			dataDir: '/srv/alpha',
			logDir: '/var/log/alpha',
		});
	});

	it('one override leaves the other default', () => {
		const result = nodeHostPaths(locations, 'user', 'alpha', configFile, {data: '/srv/alpha'});
		expect([result.dataDir, result.logDir]).toEqual(['/srv/alpha', '/home/op/.cache/vantage6/log/node/alpha']);
	});

	it.each([
		['relative', {log: 'logs', data: './data'}],
		['empty', {log: '', data: ''}],
		['not a string', {log: 42, data: ['/srv/alpha']}],
		['null', {log: null, data: null}],
	])('ignores %s overrides', (_kind, directories) => {
		expect(nodeHostPaths(locations, 'user', 'alpha', configFile, directories)).toEqual(nodeHostPaths(locations, 'user', 'alpha', configFile));
	});

	it('a config file at the root has / as its directory', () => {
		expect(nodeHostPaths(locations, 'user', 'alpha', '/alpha.yaml').configDir).toBe('/');
	});

	it('uses the locations it is given, configRoot included', () => {
		const rooted = officialLocations({env: home, configRoot: '/srv/vnode'});
		expect(nodeHostPaths(rooted, 'system', 'alpha', '/srv/vnode/system/alpha.yaml')).toEqual({
			configFile: '/srv/vnode/system/alpha.yaml',
			configDir: '/srv/vnode/system',
			dataDir: '/usr/local/share/vantage6/node/alpha',
			logDir: '/usr/local/share/vantage6/node/alpha',
		});
	});
});
