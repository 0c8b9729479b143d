import {describe, expect, it} from 'vitest';
import {contextDirName, resolveEngineTarget, resolveHostEngine, type ReadCapped} from '../../source/docker/engine-target.js';

const home = '/home/op';

/** Files in memory; a value over the cap is refused as the real reader refuses it. */
function files(map: Record<string, string>): ReadCapped {
	return async (path, cap) => {
		const text = map[path];
		if (text === undefined) {
			return {ok: false, missing: true, reason: 'missing'};
		}

		return text.length > cap ? {ok: false, missing: false, reason: 'too large'} : {ok: true, bytes: Buffer.from(text)};
	};
}

const meta = (name: string, host: string, extra = '') => ({
	[`${home}/.docker/contexts/meta/${contextDirName(name)}/meta.json`]: `{"Name":"${name}","Metadata":{},"Endpoints":{"docker":{"Host":"${host}"${extra}}}}`,
});
const current = (name: string) => ({[`${home}/.docker/config.json`]: JSON.stringify({auths: {}, currentContext: name})});

describe('resolveEngineTarget (the docker CLI order)', () => {
	it('names the context directory by the SHA-256 of the name, as the docker CLI does', () => {
		// `docker context create foo` made contexts/meta/2c26b46b…/ (checked with docker 20.10).
		expect(contextDirName('foo')).toBe('2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae');
	});

	it('no flag, no env, no config: the local socket', async () => {
		expect(await resolveEngineTarget({env: {}, home, read: files({})})).toEqual({kind: 'unix', socketPath: '/var/run/docker.sock', address: '/var/run/docker.sock'});
	});

	it('the current context of config.json, under DOCKER_CONFIG when set', async () => {
		const read = files({...meta('pi', 'ssh://op@pi-1:2222'), ...current('pi')});
		expect(await resolveEngineTarget({env: {}, home, read})).toEqual({kind: 'ssh', host: 'pi-1', user: 'op', port: 2222, address: 'ssh://op@pi-1:2222', context: 'pi'});
		const moved = async (path: string, cap: number) => read(path.replace('/elsewhere', `${home}/.docker`), cap);
		expect(await resolveEngineTarget({env: {DOCKER_CONFIG: '/elsewhere'}, home, read: moved})).toMatchObject({kind: 'ssh', context: 'pi'});
	});

	it('DOCKER_CONTEXT beats the current context; DOCKER_HOST beats both; --context beats everything', async () => {
		const read = files({...meta('pi', 'ssh://pi-1'), ...meta('vps', 'ssh://vps'), ...current('pi')});
		expect(await resolveEngineTarget({env: {DOCKER_CONTEXT: 'vps'}, home, read})).toMatchObject({host: 'vps', context: 'vps'});
		expect(await resolveEngineTarget({env: {DOCKER_CONTEXT: 'vps', DOCKER_HOST: 'tcp://10.0.0.5:2375'}, home, read})).toEqual({kind: 'tcp', host: '10.0.0.5', port: 2375, address: 'tcp://10.0.0.5:2375'});
		expect(await resolveEngineTarget({env: {DOCKER_CONTEXT: 'vps', DOCKER_HOST: 'tcp://10.0.0.5:2375'}, contextFlag: 'pi', home, read})).toMatchObject({host: 'pi-1', context: 'pi'});
	});

	it('the default context is DOCKER_HOST when set, else the local socket', async () => {
		const read = files(current('default'));
		expect(await resolveEngineTarget({env: {}, home, read})).toMatchObject({kind: 'unix', context: 'default'});
		expect(await resolveEngineTarget({env: {DOCKER_HOST: 'ssh://a@b'}, contextFlag: 'default', home, read})).toMatchObject({kind: 'ssh', host: 'b', user: 'a', context: 'default'});
	});

	it('a tcp context with TLS files uses them, and checks the server unless SkipTLSVerify', async () => {
		const tls = `${home}/.docker/contexts/tls/${contextDirName('secure')}/docker`;
		const read = files({...meta('secure', 'tcp://10.0.0.5:2376', ',"SkipTLSVerify":true'), [`${tls}/ca.pem`]: 'CA', [`${tls}/cert.pem`]: 'CERT', [`${tls}/key.pem`]: 'KEY'});
		const target = await resolveEngineTarget({env: {DOCKER_CONTEXT: 'secure'}, home, read});
		expect(target).toMatchObject({kind: 'tcp', port: 2376, tls: {verify: false}});
		expect(target.kind === 'tcp' && target.tls?.ca?.toString()).toBe('CA');
	});

	it('DOCKER_TLS_VERIFY reads the three files from DOCKER_CERT_PATH and says which one is missing', async () => {
		const read = files({'/certs/ca.pem': 'CA', '/certs/cert.pem': 'CERT', '/certs/key.pem': 'KEY'});
		expect(await resolveEngineTarget({env: {DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs'}, home, read})).toMatchObject({kind: 'tcp', tls: {verify: true}});
		expect(await resolveEngineTarget({env: {DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1'}, home, read})).toMatchObject({kind: 'invalid', problem: `DOCKER_TLS_VERIFY is set: ${home}/.docker/ca.pem: missing`});
	});

	it.each([
		['a name that is no context name', {DOCKER_CONTEXT: '../../etc'}, {}, /is not a Docker context name/],
		['a context that does not exist', {DOCKER_CONTEXT: 'gone'}, {}, /Docker context "gone" \(from DOCKER_CONTEXT\) does not exist/],
		['a meta.json that is not JSON', {DOCKER_CONTEXT: 'bad'}, {[`${home}/.docker/contexts/meta/${contextDirName('bad')}/meta.json`]: '{'}, /is not JSON/],
		['a context without a docker endpoint', {DOCKER_CONTEXT: 'k8s'}, {[`${home}/.docker/contexts/meta/${contextDirName('k8s')}/meta.json`]: '{"Endpoints":{}}'}, /has no docker endpoint/],
		['an endpoint that is no Docker address', {DOCKER_CONTEXT: 'ftp'}, meta('ftp', 'ftp://x'), /Docker context "ftp": host ftp:\/\/x is not a Docker host address/],
		['a config.json that is not JSON', {}, {[`${home}/.docker/config.json`]: 'x'}, /config\.json is not JSON/],
		['a config.json larger than the cap', {}, {[`${home}/.docker/config.json`]: ' '.repeat(2 * 1024 * 1024)}, /config\.json: too large/],
	])('%s: an engine that refuses every call with the reason', async (_, env, map, problem) => {
		const target = await resolveEngineTarget({env, home, read: files(map)});
		expect(target.kind).toBe('invalid');
		expect(target.kind === 'invalid' && target.problem).toMatch(problem);
	});
});

describe('resolveHostEngine (a host of --hosts or hosts.yaml)', () => {
	it('local, an address, a context, else an ssh alias', async () => {
		const read = files(meta('pi', 'ssh://op@pi-1'));
		expect(await resolveHostEngine('local', {env: {}, home, read})).toMatchObject({kind: 'unix', socketPath: '/var/run/docker.sock'});
		expect(await resolveHostEngine('tcp://10.0.0.5:2375', {env: {}, home, read})).toMatchObject({kind: 'tcp', host: '10.0.0.5', port: 2375});
		expect(await resolveHostEngine('pi', {env: {}, home, read})).toMatchObject({kind: 'ssh', host: 'pi-1', context: 'pi'});
		expect(await resolveHostEngine('vps', {env: {}, home, read})).toMatchObject({kind: 'ssh', host: 'vps', address: 'ssh://vps'});
	});

	it('a bad address is named as given, not as DOCKER_HOST (which may be set to something else)', async () => {
		const target = await resolveHostEngine('ssh://op@pi-1:1/x', {env: {DOCKER_HOST: 'unix:///var/run/docker.sock'}, home, read: files({})});
		expect(target).toMatchObject({kind: 'invalid', address: 'ssh://op@pi-1:1/x'});
		expect(target.kind === 'invalid' ? target.problem : '').toMatch(/^ssh:\/\/op@pi-1:1\/x is not a Docker host address/);
	});
});
