import {describe, expect, it} from 'vitest';
import {checkNodeName, pythonInt, validateNodeConfig} from '../../source/domain/node-config.js';
import {validConfig} from '../helpers/fixture-configs.js';

const problemPaths = (raw: unknown) => validateNodeConfig(raw).problems.map(problem => problem.path);

describe('validateNodeConfig (official schema)', () => {
	it('accepts a complete config and keeps unknown keys', () => {
		const result = validateNodeConfig(validConfig({policies: {allowed_algorithms: ['.*']}, whatever: 1}));
		expect(result.problems).toEqual([]);
		expect(result.config?.['whatever']).toBe(1);
	});

	it('an empty file and a non-mapping are invalid', () => {
		expect(validateNodeConfig(null).problems[0]?.message).toMatch(/empty/);
		expect(validateNodeConfig(['a']).problems[0]?.message).toMatch(/mapping/);
	});

	it.each(['api_key', 'server_url', 'port', 'api_path', 'task_dir', 'databases', 'logging', 'encryption'])('requires %s', key => {
		const raw = validConfig();
		delete raw[key];
		expect(problemPaths(raw)).toEqual([key]);
	});

	it('port: int, integer string or empty; not text', () => {
		expect(problemPaths(validConfig({port: '7601'}))).toEqual([]);
		expect(problemPaths(validConfig({port: null}))).toEqual([]);
		expect(problemPaths(validConfig({port: 'http'}))).toEqual(['port']);
	});

	it('logging: every key required, level uppercase and not NOTSET, sizes in range', () => {
		const logging = (overrides: Record<string, unknown>) => validConfig({logging: {...(validConfig()['logging'] as object), ...overrides}});
		expect(problemPaths(logging({level: 'NOTSET'}))).toEqual(['logging.level']);
		expect(problemPaths(logging({level: 'info'}))).toEqual(['logging.level']);
		expect(problemPaths(logging({backup_count: 0}))).toEqual(['logging.backup_count']);
		expect(problemPaths(logging({max_size: 16}))).toEqual(['logging.max_size']);
		expect(problemPaths(logging({max_size: '2048'}))).toEqual([]);
		const {datefmt: _, ...withoutDatefmt} = validConfig()['logging'] as Record<string, unknown>;
		expect(problemPaths(validConfig({logging: withoutDatefmt}))).toEqual(['logging.datefmt']);
	});

	it('encryption.enabled must be a real boolean', () => {
		expect(problemPaths(validConfig({encryption: {enabled: 'true'}}))).toEqual(['encryption.enabled']);
		expect(problemPaths(validConfig({encryption: {}}))).toEqual(['encryption.enabled']);
	});

	it('databases: a list of mappings, a mapping, or empty', () => {
		expect(problemPaths(validConfig({databases: null}))).toEqual([]);
		expect(problemPaths(validConfig({databases: {a: 'b'}}))).toEqual([]);
		expect(problemPaths(validConfig({databases: ['x.csv']}))).toEqual(['databases.0']);
		expect(problemPaths(validConfig({databases: 'x.csv'}))).toEqual(['databases']);
	});

	it('node_extra_* types', () => {
		expect(problemPaths(validConfig({node_extra_env: ['A=1']}))).toEqual(['node_extra_env']);
		expect(problemPaths(validConfig({node_extra_mounts: [1]}))).toEqual(['node_extra_mounts']);
		expect(problemPaths(validConfig({node_extra_hosts: 'x'}))).toEqual(['node_extra_hosts']);
	});
});

describe('checkNodeName', () => {
	it.each(['alpha', 'node_1.prod', '-x', 'A.b-C_9'])('allows %s', name => {
		expect(checkNodeName(name)).toBeUndefined();
	});

	it.each(['', 'a/b', 'ünï', 'a:b', 'with space'])('refuses %j', name => {
		expect(checkNodeName(name)).toBeTypeOf('string');
	});
});

describe('pythonInt', () => {
	it('converts as Python int() does', () => {
		expect([pythonInt(3), pythonInt('42'), pythonInt(' 7 '), pythonInt(true), pythonInt(2.9)]).toEqual([3, 42, 7, 1, 2]);
		expect([pythonInt('4.2'), pythonInt('x'), pythonInt(null), pythonInt([])]).toEqual([undefined, undefined, undefined, undefined]);
	});
});
