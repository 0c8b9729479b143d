import {describe, expect, it} from 'vitest';
import {maskConfig, maskEnvEntry, maskSecrets, maskStrings, maskText, maskYamlText} from '../../source/domain/mask.js';
import {maskCheckItem} from '../../source/domain/spec-check.js';

const m = maskText;

describe('maskSecrets: every password form inside any text', () => {
	it.each([
		['postgresql://u:pw-1@h/db', `postgresql://u:${m}@h/db`],
		['connect to postgresql://u:p@ss/x@h:5432/db?sslmode=require now', `connect to postgresql://u:${m}@h:5432/db?sslmode=require now`],
		['postgresql://h/db?user=a&password=pw-2&sslmode=require', `postgresql://h/db?user=a&password=${m}&sslmode=require`],
		['http://h/x?pwd=pw-3#frag', `http://h/x?pwd=${m}#frag`],
		['mysql://h/d?passwd=pw-4', `mysql://h/d?passwd=${m}`],
		['?secret=s1&token=t1&x=1', `?secret=${m}&token=${m}&x=1`],
		['host=db password=pw-5 dbname=a', `host=db password=${m} dbname=a`],
		["host=db password='pw 6' dbname=a", `host=db password=${m} dbname=a`],
		[String.raw`host=db password='it\'s' dbname=a`, `host=db password=${m} dbname=a`],
		['jdbc:postgresql://h/db;user=a;password=pw-7;ssl=true', `jdbc:postgresql://h/db;user=a;password=${m};ssl=true`],
		['DB_PASSWORD=pw-8', `DB_PASSWORD=${m}`],
		['uri: "host=db password=pw-9"', `uri: "host=db password=${m}"`],
	])('%s', (text, masked) => {
		expect(maskSecrets(text)).toBe(masked);
	});

	it.each(['PRIVATE_KEY=/mnt/private_key.pem', 'a == b', 'x=1 sslmode=require', 'http://localhost:7601/api', '/data/default.csv', 'MONKEY=1', `password=${m}`])('leaves %j as it is', text => {
		expect(maskSecrets(text)).toBe(text);
	});

	it('masks inside config values, env values and every field of a spec check item', () => {
		const config = maskConfig({databases: [{label: 'a', uri: 'host=db password=pw-10 dbname=a'}, {label: 'b', uri: 'postgresql://h/d?password=pw-11'}]});
		expect(JSON.stringify(config)).not.toMatch(/pw-1[01]/);
		expect(maskEnvEntry('DEFAULT_DATABASE_URI=host=db password=pw-12')).toBe(`DEFAULT_DATABASE_URI=host=db password=${m}`);
		const item = maskCheckItem({section: 'mounts', field: '/mnt/x', expected: 'host=db password=pw-13', actual: 'a?token=pw-14', status: 'differs', note: 'postgresql://u:pw-15@h'});
		expect(JSON.stringify(item)).not.toMatch(/pw-1[345]/);
		expect(JSON.stringify(maskStrings({a: ['x?password=pw-16'], b: {c: 'postgresql://u:pw-17@h'}, n: 3}))).not.toMatch(/pw-1[67]/);
	});
});

describe('maskYamlText: raw YAML of a file that does not parse', () => {
	const text = [
		'api_key: key-1',
		'api_key: "key 2"   # a comment',
		"'api_key': key-3",
		'x: {api_key: key-4, server_url: http://s}',
		'y: {api_key: "key-13,key-14", other: 1}',
		'{"api_key":"key-5","b":1}',
		'password: |',
		'  key-6',
		'  key-7',
		'server_url: http://s',
		'encryption:',
		'  private_key: /keys/private_key.pem',
		'databases:',
		'  - label: a',
		'    uri: host=db password=key-8 dbname=a',
		'  - {label: b, uri: "postgresql://u:key-9@h/d"}',
		'docker_registries:',
		'  - registry: r',
		'    password: key-10',
		'node_extra_env:',
		'  DB_TOKEN: key-11',
		'api_key:   # paste the key here',
		'# api_key: key-12 (the old one)',
		'port: 5070',
	].join('\n');

	it('masks api_key and secret-named keys in block and flow style, nested lines, and password forms', () => {
		const masked = maskYamlText(text);
		expect(masked).not.toMatch(/key-\d/);
		expect(masked.split('\n')).toHaveLength(text.split('\n').length);
	});

	it('keeps everything else: paths under private_key, other keys, line structure', () => {
		const masked = maskYamlText(text);
		for (const kept of ['server_url: http://s', '  private_key: /keys/private_key.pem', '  - label: a', 'x: {api_key: ', ', server_url: http://s}', ', other: 1}', 'port: 5070', `api_key: ${m}`]) {
			expect(masked).toContain(kept);
		}
	});
});

describe('masking hostile text stays fast', () => {
	it.each([
		['a.a.a.', 'a.'.repeat(500_000)],
		['scheme runs', 'x+y-z.'.repeat(150_000) + '://u:'],
		['unclosed quotes', `password='${'x'.repeat(1_000_000)}`],
		['many keys', 'password=x&'.repeat(100_000)],
		['yaml keys', 'api_key: {a: b, '.repeat(60_000)],
	])('%s: a megabyte in well under a second', (_what, text) => {
		const started = performance.now();
		maskYamlText(text);
		maskSecrets(text);
		expect(performance.now() - started).toBeLessThan(1000);
	});
});
