/** Image references, server URLs and API keys as Docker and the YAML file need them. */
import {describe, expect, it} from 'vitest';
import {apiKeyProblem, imageReferenceProblem, serverUrlProblem} from '../../source/domain/field-checks.js';
import {LineBuffer} from '../../source/domain/line-buffer.js';
import {newNodeDefaults, validateNewNode} from '../../source/domain/new-node.js';
import {validateNodeConfig} from '../../source/domain/node-config.js';
import {validConfig} from '../helpers/fixture-configs.js';

describe('imageReferenceProblem', () => {
	it('takes what docker pull takes', () => {
		for (const reference of ['node', 'vnode-fixture:latest', 'harbor2.vantage6.ai/infrastructure/node:4.14', 'localhost:5000/a/b_c__d-e:1.0', '[::1]:5000/x', `x@sha256:${'a'.repeat(64)}`, `r.io/x:t@sha256:${'0'.repeat(64)}`]) {
			expect(imageReferenceProblem(reference), reference).toBeUndefined();
		}
	});

	it('refuses control characters, spaces, upper case, bad tags and over-long names, quickly', () => {
		for (const reference of ['node:latest\u001B]0;x\u0007', 'a b', 'upper/Case', 'x:', 'x::y', ':tag', 'x:-bad', `x:${'t'.repeat(129)}`, 'a'.repeat(256), '', 'x@sha256:short', `${'a-'.repeat(250)}!`]) {
			const started = performance.now();
			expect(imageReferenceProblem(reference), reference).toBeDefined();
			expect(performance.now() - started).toBeLessThan(50);
		}
	});

	it('images.node is checked in a config file too (F16)', () => {
		const {problems} = validateNodeConfig(validConfig({images: {node: 'node:1\u001B[2J'}}));
		expect(problems.map(problem => problem.path)).toEqual(['images.node']);
	});
});

describe('serverUrlProblem and apiKeyProblem', () => {
	it('a server URL is http(s), a host, no whitespace or control characters', () => {
		expect(serverUrlProblem('https://cotopaxi.vantage6.ai')).toBeUndefined();
		expect(serverUrlProblem('http://localhost:5000/base')).toBeUndefined();
		for (const url of ['http://x\napi_key: injected', 'http://x\u001B]0;t\u0007', 'ftp://x', 'http://', 'http://a b', 'javascript:alert(1)']) {
			expect(serverUrlProblem(url), url).toBeDefined();
		}
	});

	it('an API key has no control characters and a bounded length', () => {
		expect(apiKeyProblem('abc-123')).toBeUndefined();
		for (const key of ['', 'a\u0007', 'a\u001B[1m', 'a\nb', 'k'.repeat(1025)]) {
			expect(apiKeyProblem(key), key).toBeDefined();
		}
	});

	it('the form validator refuses the same, and control characters in every text field (F13)', () => {
		const fields = {...newNodeDefaults, name: 'n', apiKey: 'k', serverUrl: 'http://x\napi_key: injected', taskDir: '/d\nx: 1', privateKey: '/k\u0007', apiPath: '/api\r', image: 'A B', databases: [{label: 'd', uri: '/x\ny: 1', type: 'csv'}]};
		expect(Object.keys(validateNewNode(fields)).sort()).toEqual(['apiPath', 'databases.0', 'image', 'privateKey', 'serverUrl', 'taskDir']);
	});
});

describe('LineBuffer capacity', () => {
	it('refuses a capacity that is not a whole number above 0 (F7, defence in depth)', () => {
		for (const capacity of [Number.NaN, Number.POSITIVE_INFINITY, 0, -5, 1.5]) {
			expect(() => new LineBuffer(capacity), String(capacity)).toThrow(RangeError);
		}

		expect(new LineBuffer(100).capacity).toBe(100);
	});
});
