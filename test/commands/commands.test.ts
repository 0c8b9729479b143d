/**
 * The shell commands (`vnode-tui list`, `inspect`, `start`, ...) on the in-memory
 * engine: exit codes, what they print, and the documented JSON shapes
 * (docs/json.md). No Docker, no build.
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {runCommand, type CommandFlags} from '../../source/commands/commands.js';
import {UiWorld} from '../helpers/ui-world.js';

const defaults: CommandFlags = {json: false, keep: false, follow: false, timestamps: false, volumes: false, colors: false, encryption: false, db: []};

let world: UiWorld;
beforeEach(() => {
	world = new UiWorld();
});
afterEach(() => {
	world.cleanup();
});

/** Runs one command; what it printed to stdout and stderr, and its exit code. */
async function vnode(command: string, args: string[] = [], flags: Partial<CommandFlags> = {}, secret = 'new-key-abcdefghij0123') {
	const out: string[] = [];
	const err: string[] = [];
	const code = await runCommand(
		{service: world.service, configs: world.configs, io: {out: text => out.push(text), err: text => err.push(text)}, signal: new AbortController().signal, readSecret: async () => secret},
		command,
		args,
		{...defaults, ...flags},
	);
	return {code, out: out.join('\n'), err: err.join('\n')};
}

describe('vnode-tui commands on the fake engine', () => {
	it('list --json has the documented version 1 shape, for a running, a stopped, an invalid and an orphan node', async () => {
		world.writeConfig('alpha');
		world.writeConfig('beta');
		world.writeConfig('broken', 'api_key: [unclosed\n');
		expect((await vnode('start', ['alpha'])).code).toBe(0);
		// A node container whose config is gone: listed with no config.
		const {spec} = await world.service.expectedSpec(await world.service.requireConfig({name: 'alpha'}));
		await world.engine.createContainer({...spec, name: 'ghost', containerName: 'vantage6-ghost-user', labels: {...spec.labels, name: 'ghost'}});

		const {code, out} = await vnode('list', [], {json: true});
		expect(code).toBe(0);
		const json = JSON.parse(out) as {version: number; engine: object; counts: Record<string, number>; nodes: Array<Record<string, unknown>>; problems: unknown[]};
		expect(Object.keys(json)).toEqual(['version', 'engine', 'counts', 'nodes', 'problems']);
		expect(json.version).toBe(1);
		expect(json.engine).toEqual({host: '/var/run/fake-docker.sock', version: '99.0.0-fake', apiVersion: '1.99'});
		expect(Object.keys(json.counts)).toEqual(['total', 'running', 'stopped', 'invalid', 'orphans', 'unknown']);
		const byName = new Map(json.nodes.map(node => [node['name'], node]));
		for (const node of json.nodes) {
			expect(Object.keys(node)).toEqual(['name', 'scope', 'configPath', 'status', 'statusText', 'valid', 'problems', 'health', 'exitCode', 'container', 'runs', 'helpers', 'leftovers', 'needsRoot', 'host']);
		}

		expect(byName.get('alpha')).toMatchObject({scope: 'user', status: 'running', valid: true, problems: [], exitCode: null});
		expect(Object.keys(byName.get('alpha')!['container'] as object)).toEqual(['id', 'name', 'image', 'state', 'status', 'created']);
		expect(byName.get('alpha')!['container']).toMatchObject({name: 'vantage6-alpha-user', image: 'vnode-fixture:latest', state: 'running'});
		expect(byName.get('beta')).toMatchObject({status: 'not-created', container: null, valid: true});
		expect(byName.get('broken')).toMatchObject({status: 'invalid', valid: false, container: null});
		expect((byName.get('broken')!['problems'] as string[]).length).toBeGreaterThan(0);
		expect(byName.get('ghost')).toMatchObject({configPath: null, status: 'created'});
		expect(json.counts).toEqual({total: 4, running: 1, stopped: 2, invalid: 1, orphans: 1, unknown: 0});
		expect(out).not.toContain('secret-api-key');
	});

	it('list prints a table with counts', async () => {
		world.writeConfig('alpha');
		const {code, out} = await vnode('list');
		expect(code).toBe(0);
		expect(out).toMatch(/NAME\s+SCOPE\s+STATUS/);
		expect(out).toMatch(/^alpha\s+user\s+not created/m);
		expect(out).toContain('1 nodes: 0 running');
	});

	it('inspect --json has the documented version 1 shape, with the api key and secret env values masked', async () => {
		world.writeConfig('alpha', {node_extra_env: {DB_PASSWORD: 'hunter2-very-secret'}});
		expect((await vnode('start', ['alpha'])).code).toBe(0);
		const {code, out} = await vnode('inspect', ['alpha'], {json: true});
		expect(code).toBe(0);
		const json = JSON.parse(out) as Record<string, any>;
		expect(Object.keys(json)).toEqual(['version', 'name', 'scope', 'configPath', 'config', 'problems', 'containerName', 'container', 'spec', 'check']);
		expect(json).toMatchObject({version: 1, name: 'alpha', scope: 'user', containerName: 'vantage6-alpha-user', problems: []});
		expect(json['container']).toMatchObject({name: 'vantage6-alpha-user', image: 'vnode-fixture:latest'});
		expect(json['spec']).toMatchObject({image: 'vnode-fixture:latest', containerName: 'vantage6-alpha-user', errors: []});
		expect(json['check'].length).toBeGreaterThan(10);
		expect(json['check'].every((item: {status: string}) => item.status === 'ok')).toBe(true);
		expect(out).not.toContain('secret-api-key-0123456789');
		expect(out).not.toContain('hunter2-very-secret');
	});

	it('inspect of a node never started shows the spec it would create; of an unknown node fails with exit 1', async () => {
		world.writeConfig('alpha');
		const {code, out} = await vnode('inspect', ['alpha']);
		expect(code).toBe(0);
		expect(out).toContain('not created');
		expect(out).toContain('Spec v6 node start would create (image vnode-fixture:latest');
		const unknown = await vnode('inspect', ['nobody']);
		expect(unknown.code).toBe(1);
		expect(unknown.err).toContain('nobody');
	});

	it('start, stop and stop again: exit 0 each time; the second stop says why it did nothing', async () => {
		world.writeConfig('alpha');
		const start = await vnode('start', ['alpha']);
		expect(start).toMatchObject({code: 0});
		expect(start.out).toMatch(/^Started vantage6-alpha-user \(vnode-fixture:latest\); still running after/);
		const stop = await vnode('stop', ['alpha']);
		expect(stop.code).toBe(0);
		expect(stop.out).toMatch(/^Stopped vantage6-alpha-user; removed volumes: vantage6-alpha-user-vol/);
		const again = await vnode('stop', ['alpha']);
		expect(again.code).toBe(0);
		expect(again.out).not.toMatch(/^Stopped/);
	});

	it('a node that dies at start fails start with exit 1 and its last lines', async () => {
		world.writeConfig('alpha');
		world.engine.behaviour = () => ({lines: ['fatal: cannot reach server'], exitAfterMs: 20, exitCode: 3});
		const {code, err} = await vnode('start', ['alpha']);
		expect(code).toBe(1);
		expect(err).toContain('fatal: cannot reach server');
	});

	it('usage errors exit 2 with a sentence that says what to type', async () => {
		expect(await vnode('start', [])).toMatchObject({code: 2});
		expect((await vnode('start', [])).err).toContain("'vnode-tui start' takes exactly one node name");
		expect((await vnode('list', ['x'])).code).toBe(2);
		expect((await vnode('frobnicate')).err).toContain("Unknown command 'frobnicate'");
		expect((await vnode('new', ['gamma'])).code).toBe(2);
	});

	it('new, set-api-key and delete: the key is read as a secret and never printed', async () => {
		const created = await vnode('new', ['gamma'], {apiKeyFile: '-'}, 'first-key-0123456789abcdef');
		expect(created.code).toBe(0);
		expect((await vnode('list', [], {json: true})).out).toContain('"name": "gamma"');
		const set = await vnode('set-api-key', ['gamma'], {apiKeyFile: '-'}, 'second-key-0123456789abcdef');
		expect(set.code).toBe(0);
		expect(`${created.out}${created.err}${set.out}${set.err}`).not.toMatch(/first-key|second-key/);
		const inspect = await vnode('inspect', ['gamma'], {json: true});
		expect(inspect.out).not.toContain('second-key');
		const deleted = await vnode('delete', ['gamma']);
		expect(deleted.code).toBe(0);
		expect(deleted.out).toContain('.deleted');
		expect((await vnode('list', [], {json: true})).out).not.toContain('"name": "gamma"');
	});

	it('logs --tail prints the last lines of the node, sanitized', async () => {
		world.writeConfig('alpha');
		world.engine.behaviour = () => ({lines: ['one', 'two \u001B]0;evil title\u0007three']});
		expect((await vnode('start', ['alpha'])).code).toBe(0);
		const {code, out} = await vnode('logs', ['alpha'], {tail: '1'});
		expect(code).toBe(0);
		expect(out).toContain('two three');
		expect(out).not.toContain('one');
		expect(out).not.toContain('evil title');
	});
});
