/**
 * The fast reader for plain configs against the reference (the `yaml` package
 * with the node's PyYAML rules): whatever it accepts, it reads exactly as the
 * reference does, and the reference finds nothing wrong; anything else it
 * leaves to the reference. Fixtures, hand-picked edge cases and random texts.
 */
import {describe, expect, it} from 'vitest';
import {readPlainConfig} from '../../source/config/plain-yaml.js';
import {configValueOf, stringifyNewConfig} from '../../source/config/yaml-document.js';
import {mulberry32} from '../helpers/mulberry32.js';
import {commentedConfigYaml, validConfig} from '../helpers/fixture-configs.js';

/** The reader's answer checked against the reference; true when it took the file. */
function checked(text: string): boolean {
	const fast = readPlainConfig(text);
	if (fast === undefined) {
		return false;
	}

	const expected = configValueOf(text);
	expect(expected, `the reference finds a problem the fast reader missed in ${JSON.stringify(text)}`).toHaveProperty('value');
	expect(fast, JSON.stringify(text)).toStrictEqual((expected as {value: unknown}).value);
	return true;
}

const benchConfig = `api_key: bench-key
server_url: http://localhost
port: 7601
api_path: /api
task_dir: /tmp/vtbench
databases: []
logging: {level: INFO, use_console: true, backup_count: 5, max_size: 1024, format: "%(message)s", datefmt: "%H:%M:%S"}
encryption: {enabled: false}
images: {node: vnode-fixture:latest}
fixture_lines_per_second: 100
`;

describe('readPlainConfig', () => {
	it('reads the configs vnode-tui writes, the bench writes and a hand-edited one as the reference does', () => {
		expect(checked(stringifyNewConfig(validConfig()))).toBe(true);
		expect(checked(stringifyNewConfig(validConfig({databases: [{label: 'default', uri: '/data/a.csv', type: 'csv'}]})))).toBe(true);
		expect(checked(benchConfig)).toBe(true);
		// Its allowed_algorithms entry has a backslash: the whole file goes to the reference.
		expect(checked(commentedConfigYaml)).toBe(false);
		expect(checked(commentedConfigYaml.replace('^harbor2\\.vantage6\\.ai/.*', 'harbor2.vantage6.ai/algorithm'))).toBe(true);
	});

	it.each([
		'a: 1\na: 2\n',
		'a: {b: 1, b: 2}\n',
		'a: 1e3\n',
		'a: 1.5\n',
		'a: 0755\n',
		'a: 1_000\n',
		'a: 1:30\n',
		'a: 2001-12-14\n',
		'a: .inf\n',
		'a: =\n',
		'a: &x 1\nb: *x\n',
		'a: !!str 1\n',
		'a: |\n  x\n',
		'a: >\n  x\n',
		'a: x\n  continued\n',
		'a:\t1\n',
		'a: 1\r\n',
		'a: "x\\ty"\n',
		'a: [1, [2]]\n',
		'a: {b: {c: 1}}\n',
		'a: [x,\n  y]\n',
		'yes: 1\n',
		'null: 1\n',
		'<<: {a: 1}\n',
		'__proto__: 1\n',
		'- a\n- b\n',
		'---\na: 1\n',
		'a: x\u0007\n',
		'a: x\u0085y\n',
		'\uFEFFa: 1\n',
		'',
		'# only a comment\n',
		' a: 1\n',
		'a: 1\n b: 2\n',
		'a:\n  - 1\n   - 2\n',
	])('leaves %j to the reference', text => {
		expect(readPlainConfig(text)).toBeUndefined();
	});

	it.each([
		['a: yes\nb: Off\nc: y\nd: N\ne: ~\nf:\ng: null\nh: -5\ni: +7\nj: 0\n', {a: true, b: false, c: 'y', d: 'N', e: null, f: null, g: null, h: -5, i: 7, j: 0}],
		['url: http://host:7601/api # the server\n', {url: 'http://host:7601/api'}],
		["a: 'it''s'\nb: \"#not a comment\"\n", {a: "it's", b: '#not a comment'}],
		['a:\n- x\n- - y\n  - z\n-\n  b: 1\n- c: 2\n  d: [3, "4", \'5\']\n', {a: ['x', ['y', 'z'], {b: 1}, {c: 2, d: [3, '4', '5']}]}],
		['api_key:   # paste the key here\nport: 1\n', {api_key: null, port: 1}],
		['a:\n    b:\n        - 1\n    c: {}\nd: []\n', {a: {b: [1], c: {}}, d: []}],
	])('reads %j', (text, value) => {
		expect(readPlainConfig(text)).toStrictEqual(value);
		expect(checked(text)).toBe(true);
	});

	it('agrees with the reference on 3000 random texts, and takes a fair share of them', () => {
		const random = mulberry32(12);
		let taken = 0;
		const runs = 3000;
		for (let run = 0; run < runs; run++) {
			const text = mutate(randomDocument(random), random);
			if (checked(text)) {
				taken++;
			}
		}

		// A generator whose texts the reader always refused would prove nothing.
		expect(taken).toBeGreaterThan(runs / 5);
	});
});

const keys = ['api_key', 'port', 'a', 'b', 'x-y', 'with_underscore', 'yes', 'y', 'n', 'on', 'Null', 'key with space', '1', '__proto__', '<<', 'a.b', '"quoted"'];
const scalars = [
	'yes', 'No', 'ON', 'off', 'y', 'N', '~', 'null', 'NULL', '', '1', '-1', '+1', '-0', '+0', '0', '00', '0755', '0o7', '0x1F', '0b11', '1_000', '1:30',
	'1.5', '1e3', '1.0e+3', '.inf', '.NaN', '123456789012345678', 'http://a:1/b', '/api', '%(x)s', '"%(x)s"', '"quoted"', "'single'", "'it''s'",
	'"a\\"b"', '"a\\tb"', 'a #b', 'a#b', '=', 'a=b', '-a', 'vnode-fixture:latest', 'hello world', 'two  spaces', 'a: b', 'a:', '2001-12-14',
	'[]', '{}', '[a, b]', '[1, "2", \'3\']', '{a: 1, b: yes}', '{a: x:y}', '[a, "b, c"]', '[a,]', '{a: [1]}', '&x a', '*x', '!!str 1', '|', '>',
	'"é — ok"', 'é', '"#"', "'# x'", 'a~b', '@at', '`tick', 'a,b', 'a[0]', 'trail ', '? q', '- item',
];

function pick<T>(items: readonly T[], random: () => number): T {
	return items[Math.floor(random() * items.length)]!;
}

/** Mostly what the reader takes, sometimes anything: both kinds of file in one run. */
const usualKeys = keys.slice(0, 5);
const usualScalars = ['yes', 'off', 'y', '~', '', '1', '-1', '0', 'http://a:1/b', '/api', '"%(x)s"', "'it''s'", 'a=b', 'vnode-fixture:latest', 'hello world', '[]', '{}', '[a, b]', '{a: 1, b: yes}', '{n: repo:tag, m: a:/b}', '[x:1, y: 2]', '"é — ok"'];
const someKey = (random: () => number) => pick(random() < 0.9 ? usualKeys : keys, random);
const someScalar = (random: () => number) => pick(random() < 0.85 ? usualScalars : scalars, random);

function randomDocument(random: () => number): string {
	const step = random() < 0.7 ? 2 : 4;
	const lines: string[] = [];
	const emitMap = (indent: number, depth: number) => {
		const count = 1 + Math.floor(random() * 4);
		for (let index = 0; index < count; index++) {
			const key = someKey(random);
			const pad = ' '.repeat(indent);
			const roll = random();
			if (roll < 0.6 || depth > 2) {
				lines.push(`${pad}${key}: ${someScalar(random)}${random() < 0.15 ? ' # note' : ''}`.trimEnd());
			} else if (roll < 0.8) {
				lines.push(`${pad}${key}:${random() < 0.1 ? ' # nested' : ''}`);
				emitMap(indent + step, depth + 1);
			} else {
				lines.push(`${pad}${key}:`);
				emitSequence(random() < 0.5 ? indent : indent + step, depth + 1);
			}

			if (random() < 0.1) {
				lines.push(random() < 0.5 ? '' : `${pad}# a comment`);
			}
		}
	};

	const emitSequence = (indent: number, depth: number) => {
		const count = 1 + Math.floor(random() * 3);
		for (let index = 0; index < count; index++) {
			const pad = ' '.repeat(indent);
			if (random() < 0.6 || depth > 2) {
				lines.push(`${pad}- ${someScalar(random)}`.trimEnd());
			} else {
				const at = lines.length;
				emitMap(indent + 2, depth + 1);
				lines[at] = `${pad}- ${lines[at]!.trimStart()}`;
			}
		}
	};

	emitMap(0, 0);
	return `${lines.join('\n')}\n`;
}

/** Now and then a small change that may make the text invalid, differently indented or something else altogether. */
function mutate(text: string, random: () => number): string {
	if (random() < 0.8) {
		return text;
	}

	const at = Math.floor(random() * text.length);
	const insert = pick([' ', '  ', '\t', '\n', ':', '#', '-', '"', "'", ',', '{', ']', '\r', '\u0085', 'x'], random);
	return random() < 0.5 ? text.slice(0, at) + insert + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
}
