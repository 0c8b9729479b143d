/**
 * Config text judged as the node reads it: PyYAML's safe_load (YAML 1.1). Each
 * case where the `yaml` package and PyYAML differ (see yaml-document.ts) is
 * checked against PyYAML itself when python3-yaml is installed (apt
 * python3-yaml), and against the expected value always.
 */
import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {documentValue, editConfigText, parseConfigText} from '../../source/config/yaml-document.js';

// The first python3 that has PyYAML: the one on PATH, else Debian's (apt python3-yaml, which .ci/run installs).
const python = ['python3', '/usr/bin/python3'].find(candidate => spawnSync(candidate, ['-c', 'import yaml'], {encoding: 'utf8'}).status === 0);
const pyYamlSkip = python ? undefined : 'python3 with PyYAML (apt-get install python3-yaml) is not installed: the PyYAML cross-check is skipped';

/** What PyYAML makes of each text: the value as JSON, or null for an error. */
function pyYamlLoad(texts: string[]): Array<{value: unknown} | {error: string}> {
	const script = `
import json, sys, yaml
out = []
for text in json.load(sys.stdin):
    try:
        out.append({"value": yaml.safe_load(text)})
    except Exception as error:
        out.append({"error": str(error).split("\\n")[0]})
print(json.dumps(out))
`;
	const result = spawnSync(python ?? 'python3', ['-c', script], {input: JSON.stringify(texts), encoding: 'utf8', timeout: 20_000});
	return JSON.parse(result.stdout) as Array<{value: unknown} | {error: string}>;
}

/** What vnode-tui makes of a text: the value, or the first problem. */
function ours(text: string): {value: unknown} | {error: string} {
	const {document, problems} = parseConfigText(text);
	if (problems.length > 0) {
		return {error: problems[0]!.message};
	}

	const value = documentValue(document);
	return 'problem' in value ? {error: value.problem.message} : {value: value.value};
}

/** Cases where the `yaml` package alone would read something else than the node. */
const differences: Array<[string, {value: unknown} | {error: RegExp}]> = [
	['port:\t5070', {error: /tab/}],
	['port: 5070\t# the port', {error: /tab/}],
	['\t\nport: 1', {error: /tab/}],
	['a: b\tc', {error: /tab/}],
	['a: y', {value: {a: 'y'}}],
	['a: N', {value: {a: 'N'}}],
	['a: 1e3', {value: {a: '1e3'}}],
	['a: 1.0e3', {value: {a: '1.0e3'}}],
	['a: 09', {value: {a: '09'}}],
	['a: =', {error: /'='/}],
	['a: !!python/name:os.system', {error: /tag/i}],
	['a: x\u0007', {error: /control character/}],
];

/** Cases both read the same; kept so a future `yaml` upgrade cannot drift silently. */
const agreements: Array<[string, unknown]> = [
	['a: yes', {a: true}],
	['a: Off', {a: false}],
	['a: 0755', {a: 493}],
	['a: 0o755', {a: '0o755'}],
	['a: 1.0e+3', {a: 1000}],
	['a: 1_000', {a: 1000}],
	['a: 1:30', {a: 90}],
	['a: 0x1F', {a: 31}],
	['a: ~', {a: null}],
	['a:', {a: null}],
	['b: &x {c: 1}\na:\n  <<: *x\n  d: 2', {b: {c: 1}, a: {c: 1, d: 2}}],
	["a: '\t'", {a: '\t'}],
	['a: "x\ty" # a\ttab in a comment', {a: 'x\ty'}],
	['a: |\n  x\ty\n', {a: 'x\ty\n'}],
];

describe('YAML as the node reads it', () => {
	it.each(differences)('%j', (text, expected) => {
		const result = ours(text);
		if ('error' in expected) {
			expect(result).toMatchObject({error: expect.stringMatching(expected.error)});
		} else {
			expect(result).toEqual(expected);
		}
	});

	it.each(agreements)('%j reads as in PyYAML', (text, value) => {
		expect(ours(text)).toEqual({value});
	});

	it('duplicate keys are refused (PyYAML silently keeps the last), in linear time', () => {
		expect(ours('a: 1\nb: 2\na: 3')).toMatchObject({error: expect.stringMatching(/'a' appears twice/)});
		expect(ours('a: 1\nb: {c: 1, c: 2}')).toMatchObject({error: expect.stringMatching(/'c' appears twice/)});
	});

	it.skipIf(pyYamlSkip)(`matches PyYAML itself${pyYamlSkip ? ` (skipped: ${pyYamlSkip})` : ''}`, () => {
		const texts = [...differences.map(([text]) => text), ...agreements.map(([text]) => text)];
		const theirs = pyYamlLoad(texts);
		for (const [index, text] of texts.entries()) {
			const mine = ours(text);
			expect('error' in mine, `${JSON.stringify(text)}: vnode-tui ${JSON.stringify(mine)}, PyYAML ${JSON.stringify(theirs[index])}`).toBe('error' in theirs[index]!);
			if ('value' in mine) {
				expect(mine.value, JSON.stringify(text)).toEqual((theirs[index] as {value: unknown}).value);
			}
		}
	});
});

describe('set-api-key text, as the node reads it', () => {
	const edit = (text: string) => {
		const {document} = parseConfigText(text);
		return editConfigText(text, document, [{path: ['api_key'], value: 'k-123'}]);
	};

	it('a comment after an empty api_key stays a comment', () => {
		expect(edit('api_key:   # paste the key here\nport: 1\n')).toBe('api_key: k-123   # paste the key here\nport: 1\n');
	});

	it('a bare api_key: gets its value after one space', () => {
		expect(edit('api_key:\nport: 1\n')).toBe('api_key: k-123\nport: 1\n');
		expect(edit('port: 1\napi_key:')).toBe('port: 1\napi_key: k-123');
	});

	it.skipIf(pyYamlSkip)(`PyYAML reads exactly the key from both${pyYamlSkip ? ` (skipped: ${pyYamlSkip})` : ''}`, () => {
		const texts = [edit('api_key:   # paste the key here\nport: 1\n'), edit('api_key:\nport: 1\n')];
		expect(pyYamlLoad(texts)).toEqual([{value: {api_key: 'k-123', port: 1}}, {value: {api_key: 'k-123', port: 1}}]);
	});
});
