/** The config store on real files in a temp dir: listing, problems, and the write path. */
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {parse, stringify} from 'yaml';
import {saveLogFile} from '../../source/config/log-file.js';
import {officialLocations} from '../../source/config/paths.js';
import {YamlConfigStore} from '../../source/config/yaml-config-store.js';
import {commentedConfigYaml, validConfig} from '../helpers/fixture-configs.js';

let root: string;
let store: YamlConfigStore;
let userDir: string;

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'vnode-store-'));
	store = new YamlConfigStore(officialLocations({configRoot: root}));
	userDir = join(root, 'user');
	mkdirSync(userDir, {recursive: true});
});

afterEach(() => rmSync(root, {recursive: true, force: true}));

const write = (name: string, text: string) => {
	const path = join(userDir, `${name}.yaml`);
	writeFileSync(path, text, {mode: 0o600});
	return path;
};

const changedLines = (before: string, after: string) => {
	const a = before.split('\n');
	const b = after.split('\n');
	expect(b).toHaveLength(a.length);
	return a.flatMap((line, index) => (line === b[index] ? [] : [[line, b[index]]]));
};

describe('YamlConfigStore.list', () => {
	it('lists valid, unparsable and invalid files with their problems; ignores other files', async () => {
		write('good', commentedConfigYaml);
		write('broken', 'api_key: [unclosed\nport: 1\n');
		write('empty', '');
		writeFileSync(join(userDir, 'notes.txt'), 'x');
		writeFileSync(join(userDir, '.hidden.yaml'), 'x');
		const {nodes, problems} = await store.list();
		expect(problems).toEqual([]);
		expect(nodes.map(node => [node.name, node.scope, node.config ? 'valid' : 'invalid'])).toEqual([
			['broken', 'user', 'invalid'],
			['empty', 'user', 'invalid'],
			['good', 'user', 'valid'],
		]);
		const broken = nodes.find(node => node.name === 'broken')!;
		expect(broken.problems[0]).toMatchObject({line: expect.any(Number), column: expect.any(Number)});
		expect(nodes.find(node => node.name === 'empty')!.problems[0]?.message).toMatch(/empty/);
	});

	it('reads YAML 1.1 as the official CLI does: `enabled: no` is a boolean', async () => {
		write('good', commentedConfigYaml);
		const entry = await store.read('good', 'user');
		expect(entry?.config?.encryption.enabled).toBe(false);
	});

	it('a missing scope dir is no problem; an unreadable path is reported', async () => {
		writeFileSync(join(root, 'system'), 'not a dir');
		const {problems} = await store.list();
		expect(problems).toEqual([expect.objectContaining({scope: 'system', message: expect.stringMatching(/Cannot read/)})]);
	});

	it('a config file with a disallowed name is invalid', async () => {
		write('bad name', commentedConfigYaml);
		const {nodes} = await store.list();
		expect(nodes[0]?.problems[0]?.message).toMatch(/not allowed|spaces/);
	});
});

describe('YamlConfigStore.update', () => {
	it('changes only the changed line; comments, quoting, order and unknown keys stay', async () => {
		const path = write('good', commentedConfigYaml);
		const result = await store.update('good', 'user', [{path: ['logging', 'level'], value: 'DEBUG'}]);
		expect(result).toEqual({ok: true, path});
		const after = readFileSync(path, 'utf8');
		expect(changedLines(commentedConfigYaml, after)).toEqual([['  level: INFO # DEBUG when troubleshooting', '  level: DEBUG # DEBUG when troubleshooting']]);
		expect(statSync(path).mode & 0o777).toBe(0o600);
	});

	it('sets a new nested key and deletes one', async () => {
		const path = write('good', commentedConfigYaml);
		await store.update('good', 'user', [
			{path: ['images', 'node'], value: 'my/node:4.14'},
			{path: ['my_site_notes'], value: undefined},
		]);
		const parsed = parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
		expect(parsed['images']).toEqual({node: 'my/node:4.14'});
		expect(parsed).not.toHaveProperty('my_site_notes');
		expect(readFileSync(path, 'utf8')).toContain('# Node of hospital A');
	});

	it('never writes a file it could not parse', async () => {
		const text = 'api_key: [unclosed\n';
		const path = write('broken', text);
		const result = await store.update('broken', 'user', [{path: ['api_key'], value: 'x'}]);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.message).toMatch(/does not parse.*left as it is/);
		expect(readFileSync(path, 'utf8')).toBe(text);
	});

	it('refuses a change that makes the config invalid, and leaves the file', async () => {
		const path = write('good', commentedConfigYaml);
		const result = await store.update('good', 'user', [{path: ['logging', 'level'], value: 'NOTSET'}]);
		expect(result.ok).toBe(false);
		expect(readFileSync(path, 'utf8')).toBe(commentedConfigYaml);
	});

	it('leaves no temp files behind', async () => {
		write('good', commentedConfigYaml);
		await store.update('good', 'user', [{path: ['port'], value: '7602'}]);
		expect(readdirSync(userDir)).toEqual(['good.yaml']);
	});
});

describe('YamlConfigStore.create', () => {
	it('writes a new valid config with mode 0600 that lists as valid', async () => {
		const result = await store.create('fresh', 'system', validConfig());
		expect(result.ok).toBe(true);
		const path = join(root, 'system', 'fresh.yaml');
		expect(statSync(path).mode & 0o777).toBe(0o600);
		expect((await store.read('fresh', 'system'))?.config).toBeDefined();
	});

	it('refuses an existing name, a bad name and an invalid config', async () => {
		const path = write('taken', commentedConfigYaml);
		expect((await store.create('taken', 'user', validConfig())).ok).toBe(false);
		expect(readFileSync(path, 'utf8')).toBe(commentedConfigYaml);
		expect((await store.create('bad/name', 'user', validConfig())).ok).toBe(false);
		expect((await store.create('nolog', 'user', validConfig({logging: {}}))).ok).toBe(false);
		expect(readdirSync(userDir)).toEqual(['taken.yaml']);
	});
});

/** The backup names the old seconds-only stamp gave, for the next few seconds. */
function oldStyleNames(name: string, seconds: number): string[] {
	const now = Date.now();
	return Array.from({length: seconds}, (_, index) => `${name}-${new Date(now + index * 1000).toISOString().replaceAll(':', '').replace(/\.\d+Z$/, 'Z')}.yaml`);
}

describe('YamlConfigStore.remove', () => {
	it('never overwrites an earlier backup, even one planted under the name of this second (F9)', async () => {
		const deleted = join(userDir, '.deleted');
		mkdirSync(deleted);
		const planted = oldStyleNames('n1', 5);
		for (const file of planted) {
			writeFileSync(join(deleted, file), 'api_key: earlier-secret\n');
		}

		const texts: string[] = [];
		for (let round = 0; round < 3; round++) {
			const text = stringify(validConfig({api_key: `key-${round}`}));
			texts.push(text);
			writeFileSync(join(userDir, 'n1.yaml'), text);
			// eslint-disable-next-line no-await-in-loop
			const result = await store.remove('n1', 'user');
			expect(result.ok).toBe(true);
		}

		for (const file of planted) {
			expect(readFileSync(join(deleted, file), 'utf8')).toBe('api_key: earlier-secret\n');
		}

		const backups = readdirSync(deleted).filter(file => !planted.includes(file));
		expect(backups).toHaveLength(3);
		expect(backups.map(file => readFileSync(join(deleted, file), 'utf8')).sort()).toEqual([...texts].sort());
		expect(readdirSync(userDir).filter(file => file.endsWith('.yaml'))).toEqual([]);
	});

	it('refuses a .deleted that is a symlink or a file, and leaves the config where it is (F18)', async () => {
		const elsewhere = join(root, 'elsewhere');
		mkdirSync(elsewhere);
		symlinkSync(elsewhere, join(userDir, '.deleted'));
		const path = join(userDir, 'n2.yaml');
		writeFileSync(path, stringify(validConfig()));
		const result = await store.remove('n2', 'user');
		expect(result).toMatchObject({ok: false});
		expect(result.ok ? '' : result.message).toContain('is a symbolic link, not a directory');
		expect(readdirSync(elsewhere)).toEqual([]);
		expect(readFileSync(path, 'utf8')).toBe(stringify(validConfig()));

		rmSync(join(userDir, '.deleted'));
		writeFileSync(join(userDir, '.deleted'), 'x');
		const asFile = await store.remove('n2', 'user');
		expect(asFile.ok ? '' : asFile.message).toContain('is not a directory');
		expect(readFileSync(path, 'utf8')).toBe(stringify(validConfig()));
	});
});

describe('saveLogFile', () => {
	it('two saves in the same millisecond give two files (F11)', async () => {
		const now = new Date();
		const first = await saveLogFile(root, 'n', ['one'], now);
		const second = await saveLogFile(root, 'n', ['two'], now);
		expect(first).not.toBe(second);
		expect(readFileSync(first, 'utf8')).toBe('one\n');
		expect(readFileSync(second, 'utf8')).toBe('two\n');
	});
});
