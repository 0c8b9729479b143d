import {describe, expect, it} from 'vitest';
import type {ContainerDetails} from '../../source/domain/container.js';
import type {NodeConfig} from '../../source/domain/node-config.js';
import {buildNodeSpec, envStrings, type NodeSpec, type PathKind, type SpecContext} from '../../source/domain/node-spec.js';
import {checkSpec, maskCheckItem, summarizeCheck, type CheckItem, type SpecCheckInput} from '../../source/domain/spec-check.js';
import {validConfig} from '../helpers/fixture-configs.js';

const paths = {
	configFile: '/home/op/.config/vantage6/node/alpha.yaml',
	configDir: '/home/op/.config/vantage6/node',
	dataDir: '/home/op/.local/share/vantage6/node/alpha',
	logDir: '/home/op/.cache/vantage6/log/node/alpha',
};
const keyFile = '/home/op/.local/share/vantage6/node/alpha/private_key.pem';
const existing: Record<string, PathKind> = {[keyFile]: 'file', '/data/default.csv': 'file'};
const imageEnv = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=C.UTF-8'];

function buildSpec(): NodeSpec {
	const config = validConfig({
		databases: [{label: 'default', uri: '/data/default.csv', type: 'csv'}],
		node_extra_env: {EXTRA_SETTING: 'on'},
		node_extra_hosts: {'db.local': '10.0.0.5'},
	}) as NodeConfig;
	const context: SpecContext = {name: 'alpha', scope: 'user', paths, cwd: '/work', pathKind: path => existing[path]};
	const {spec, errors} = buildNodeSpec(config, context);
	expect(errors).toEqual([]);
	return spec;
}

/** What Docker reports for the container `v6 node start` made from the spec. */
function matchingContainer(spec: NodeSpec): ContainerDetails {
	return {
		id: 'c0ffee',
		name: spec.containerName,
		image: spec.image,
		imageId: 'sha256:0123',
		created: '2026-01-01T00:00:00Z',
		state: {status: 'running', running: true, exitCode: 0, startedAt: '2026-01-01T00:00:01Z', oomKilled: false},
		restartCount: 0,
		cmd: [...spec.cmd],
		entrypoint: [],
		tty: true,
		autoRemove: spec.autoRemove,
		restartPolicy: 'no',
		binds: spec.mounts.map(mount => mount.bind),
		mounts: spec.mounts.map(mount => ({type: mount.type, source: mount.source, destination: mount.destination, rw: !mount.readOnly})),
		env: [...imageEnv, ...envStrings(spec.env)],
		labels: {...spec.labels},
		extraHosts: [...spec.extraHosts],
		ports: [],
		networks: ['bridge'],
	};
}

function input(change: (container: ContainerDetails) => void = () => {}): SpecCheckInput {
	const spec = buildSpec();
	const container = matchingContainer(spec);
	change(container);
	return {spec, container, imageEnv, volumes: Object.fromEntries(Object.values(spec.volumes).map(name => [name, true]))};
}

const notOk = (items: readonly CheckItem[]) => items.filter(item => item.status !== 'ok');

describe('checkSpec', () => {
	it('the spec it is built from has what the checks below rely on', () => {
		const spec = buildSpec();
		expect(spec.mounts.map(mount => mount.destination)).toEqual([
			'/mnt/log',
			'/mnt/data',
			'/mnt/vpn',
			'/mnt/ssh',
			'/mnt/squid',
			'/mnt/config',
			'/var/run/docker.sock',
			'/mnt/private_key.pem',
			'/mnt/default.csv',
		]);
		expect(envStrings(spec.env)).toEqual([
			'DATA_VOLUME_NAME=vantage6-alpha-user-vol',
			'VPN_VOLUME_NAME=vantage6-alpha-user-vpn-vol',
			'PRIVATE_KEY=/mnt/private_key.pem',
			'DEFAULT_DATABASE_URI=default.csv',
			'EXTRA_SETTING=on',
		]);
		expect(spec.extraHosts).toEqual(['db.local:10.0.0.5']);
	});

	it('a container made from the spec: every item ok, image env not reported', () => {
		const items = checkSpec(input());
		expect(notOk(items)).toEqual([]);
		expect(items.filter(item => item.section === 'env').map(item => item.field)).toEqual([
			'DATA_VOLUME_NAME',
			'VPN_VOLUME_NAME',
			'PRIVATE_KEY',
			'DEFAULT_DATABASE_URI',
			'EXTRA_SETTING',
		]);
		expect(summarizeCheck(items)).toEqual({ok: 6 + 3 + 9 + 5 + 1 + 4, differs: 0, missing: 0, unexpected: 0});
	});

	it('lists the container fields with expected and actual values', () => {
		const items = checkSpec(input()).filter(item => item.section === 'container');
		expect(items).toEqual([
			{section: 'container', field: 'name', expected: 'vantage6-alpha-user', actual: 'vantage6-alpha-user', status: 'ok'},
			{section: 'container', field: 'image', expected: 'harbor2.vantage6.ai/infrastructure/node:cotopaxi', actual: 'harbor2.vantage6.ai/infrastructure/node:cotopaxi', status: 'ok'},
			{
				section: 'container',
				field: 'command',
				expected: 'vnode-local start -c /mnt/config/alpha.yaml -n alpha --dockerized --user',
				actual: 'vnode-local start -c /mnt/config/alpha.yaml -n alpha --dockerized --user',
				status: 'ok',
			},
			{section: 'container', field: 'tty', expected: 'true', actual: 'true', status: 'ok'},
			{section: 'container', field: 'auto-remove', expected: 'true', actual: 'true', status: 'ok'},
			{section: 'container', field: 'restart policy', expected: 'no', actual: 'no', status: 'ok'},
		]);
	});

	it('an empty restart policy counts as no', () => {
		expect(notOk(checkSpec(input(container => {
			container.restartPolicy = '';
		})))).toEqual([]);
	});

	it('an env var neither in the spec nor in the image is unexpected', () => {
		expect(notOk(checkSpec(input(container => {
			container.env.push('SNEAKY=1');
		})))).toEqual([{section: 'env', field: 'SNEAKY', actual: '1', status: 'unexpected'}]);
	});

	it('an image env var with another value is unexpected', () => {
		expect(notOk(checkSpec(input(container => {
			container.env[0] = 'PATH=/tmp/evil';
		})))).toEqual([{section: 'env', field: 'PATH', actual: '/tmp/evil', status: 'unexpected'}]);
	});

	it('a changed env value differs', () => {
		expect(notOk(checkSpec(input(container => {
			container.env = container.env.map(entry => (entry.startsWith('EXTRA_SETTING=') ? 'EXTRA_SETTING=off' : entry));
		})))).toEqual([{section: 'env', field: 'EXTRA_SETTING', expected: 'on', actual: 'off', status: 'differs'}]);
	});

	it('a missing env var is missing', () => {
		expect(notOk(checkSpec(input(container => {
			container.env = container.env.filter(entry => !entry.startsWith('PRIVATE_KEY='));
		})))).toEqual([{section: 'env', field: 'PRIVATE_KEY', expected: '/mnt/private_key.pem', status: 'missing'}]);
	});

	it('a missing mount is missing', () => {
		expect(notOk(checkSpec(input(container => {
			container.mounts = container.mounts.filter(mount => mount.destination !== '/mnt/private_key.pem');
		})))).toEqual([{section: 'mounts', field: '/mnt/private_key.pem', expected: `bind ${keyFile} (ro)`, status: 'missing'}]);
	});

	it('a read-write mount that should be read-only differs', () => {
		expect(notOk(checkSpec(input(container => {
			container.mounts = container.mounts.map(mount => (mount.destination === '/mnt/config' ? {...mount, rw: true} : mount));
		})))).toEqual([
			{
				section: 'mounts',
				field: '/mnt/config',
				expected: 'bind /home/op/.config/vantage6/node (ro)',
				actual: 'bind /home/op/.config/vantage6/node (rw)',
				status: 'differs',
			},
		]);
	});

	it('a mount from another source differs', () => {
		expect(notOk(checkSpec(input(container => {
			container.mounts = container.mounts.map(mount => (mount.destination === '/mnt/data' ? {...mount, source: 'other-vol'} : mount));
		})))).toEqual([
			{section: 'mounts', field: '/mnt/data', expected: 'volume vantage6-alpha-user-vol (rw)', actual: 'volume other-vol (rw)', status: 'differs'},
		]);
	});

	it('an extra mount is unexpected', () => {
		expect(notOk(checkSpec(input(container => {
			container.mounts.push({type: 'bind', source: '/', destination: '/host', rw: true});
		})))).toEqual([{section: 'mounts', field: '/host', actual: 'bind / (rw)', status: 'unexpected'}]);
	});

	it('another image differs, with a hint about --image', () => {
		expect(notOk(checkSpec(input(container => {
			container.image = 'example.org/custom-node:1';
		})))).toEqual([
			{
				section: 'container',
				field: 'image',
				expected: 'harbor2.vantage6.ai/infrastructure/node:cotopaxi',
				actual: 'example.org/custom-node:1',
				status: 'differs',
				note: 'started with another --image?',
			},
		]);
	});

	it('auto-remove off differs, with a hint about --keep', () => {
		const items = notOk(checkSpec(input(container => {
			container.autoRemove = false;
		})));
		expect(items).toEqual([{section: 'container', field: 'auto-remove', expected: 'true', actual: 'false', status: 'differs', note: 'started with --keep?'}]);
		expect(items[0]?.note).toContain('--keep');
	});

	it('another command differs', () => {
		expect(notOk(checkSpec(input(container => {
			container.cmd = ['vnode-local', 'start', '-c', '/mnt/config/alpha.yaml', '-n', 'alpha', '--dockerized', '--system'];
		})))).toEqual([
			{
				section: 'container',
				field: 'command',
				expected: 'vnode-local start -c /mnt/config/alpha.yaml -n alpha --dockerized --user',
				actual: 'vnode-local start -c /mnt/config/alpha.yaml -n alpha --dockerized --system',
				status: 'differs',
			},
		]);
	});

	it('a restart policy differs', () => {
		expect(notOk(checkSpec(input(container => {
			container.restartPolicy = 'always';
		})))).toEqual([{section: 'container', field: 'restart policy', expected: 'no', actual: 'always', status: 'differs'}]);
	});

	it('a missing label is missing', () => {
		expect(notOk(checkSpec(input(container => {
			delete container.labels['name'];
		})))).toEqual([{section: 'labels', field: 'name', expected: 'alpha', status: 'missing'}]);
	});

	it('a changed label differs, an extra label is not reported', () => {
		expect(notOk(checkSpec(input(container => {
			container.labels['system'] = 'True';
			container.labels['com.example.team'] = 'ops';
		})))).toEqual([{section: 'labels', field: 'system', expected: 'False', actual: 'True', status: 'differs'}]);
	});

	it('other extra hosts differ', () => {
		expect(notOk(checkSpec(input(container => {
			container.extraHosts = [];
		})))).toEqual([{section: 'hosts', field: 'extra hosts', expected: 'db.local:10.0.0.5', actual: '(none)', status: 'differs'}]);
	});

	it('an absent volume is missing; volumes not asked about are not listed', () => {
		const base = input();
		const items = checkSpec({...base, volumes: {'vantage6-alpha-user-vol': true, 'vantage6-alpha-user-vpn-vol': false}});
		expect(items.filter(item => item.section === 'volumes')).toEqual([
			{section: 'volumes', field: 'vantage6-alpha-user-vol', expected: 'exists', actual: 'exists', status: 'ok'},
			{section: 'volumes', field: 'vantage6-alpha-user-vpn-vol', expected: 'exists', actual: 'absent', status: 'missing'},
		]);
		expect(notOk(items)).toHaveLength(1);
	});

	it('without imageEnv every env var of the image is unexpected', () => {
		const {spec, container} = input();
		expect(notOk(checkSpec({spec, container})).map(item => [item.field, item.status])).toEqual([
			['PATH', 'unexpected'],
			['LANG', 'unexpected'],
		]);
	});

	it('imageEnv may name a var by key alone', () => {
		const {spec, container} = input();
		expect(notOk(checkSpec({spec, container, imageEnv: ['PATH', 'LANG']}))).toEqual([]);
	});
});

describe('summarizeCheck', () => {
	it('counts each status', () => {
		const item = (status: CheckItem['status']): CheckItem => ({section: 'env', field: 'X', status});
		expect(summarizeCheck([item('ok'), item('ok'), item('ok'), item('differs'), item('missing'), item('missing'), item('unexpected')])).toEqual({
			ok: 3,
			differs: 1,
			missing: 2,
			unexpected: 1,
		});
	});

	it('counts nothing in an empty list', () => {
		expect(summarizeCheck([])).toEqual({ok: 0, differs: 0, missing: 0, unexpected: 0});
	});

	it('counts a real check with several differences', () => {
		const items = checkSpec(input(container => {
			container.autoRemove = false;
			container.env.push('SNEAKY=1');
			container.mounts = container.mounts.filter(mount => mount.destination !== '/mnt/log');
		}));
		expect(summarizeCheck(items)).toEqual({ok: 6 + 3 + 9 + 5 + 1 + 4 - 2, differs: 1, missing: 1, unexpected: 1});
	});
});

describe('maskCheckItem: a difference inside a secret', () => {
	const item = {section: 'env', field: 'DEFAULT_DATABASE_URI', expected: 'postgresql://u:new-pass@h/db', actual: 'postgresql://u:old-pass@h/db', status: 'differs'} as const;

	it('says the secret differs when both sides look the same masked', () => {
		const masked = maskCheckItem(item, 'v shows');
		expect(masked.expected).toBe(masked.actual);
		expect(JSON.stringify(masked)).not.toMatch(/(new|old)-pass/);
		expect(masked.note).toBe('secret; v shows');
		expect(maskCheckItem(item).note).toBe('the secret differs');
		expect(maskCheckItem({...item, note: 'maybe postgresql://u:x-pass@h'}, 'v shows').note).toBe(`secret; v shows; maybe postgresql://u:${'•'.repeat(8)}@h`);
	});

	it('adds nothing where the masked values already differ, or nothing differs', () => {
		expect(maskCheckItem({...item, expected: 'postgresql://u:p@other/db'}).note).toBeUndefined();
		expect(maskCheckItem({...item, actual: item.expected, status: 'ok'}).note).toBeUndefined();
	});
});
