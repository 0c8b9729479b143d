/**
 * Config files planted by a careless colleague or an attacker, on real files:
 * each is one invalid row with its reason, nothing blocks or reads without
 * bound, writes go through links, and bytes outside the change stay.
 */
import {execFileSync} from 'node:child_process';
import {chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {stringify} from 'yaml';
import {maxConfigBytes} from '../../source/config/bounded-read.js';
import {officialLocations} from '../../source/config/paths.js';
import {YamlConfigStore} from '../../source/config/yaml-config-store.js';
import {commentedConfigYaml, validConfig} from '../helpers/fixture-configs.js';

let root: string;
let store: YamlConfigStore;
let userDir: string;

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'vnode-hostile-'));
	store = new YamlConfigStore(officialLocations({configRoot: root}));
	userDir = join(root, 'user');
	mkdirSync(userDir, {recursive: true});
});

afterEach(() => rmSync(root, {recursive: true, force: true}));

const at = (name: string) => join(userDir, `${name}.yaml`);
const write = (name: string, text: string | Buffer) => {
	writeFileSync(at(name), text, {mode: 0o600});
	return at(name);
};

const aliasBomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((key, index) => `${key}: &${key} [${Array.from({length: 9}, () => `*${'abcdefghi'[index]}`).join(',')}]`)].join('\n');

/** Every planted kind of file, by name, with the reason its row must give. */
function plantHostileFiles(): Record<string, RegExp> {
	execFileSync('mkfifo', [at('fifo')]);
	symlinkSync('/dev/zero', at('zero'));
	symlinkSync('/dev/urandom', at('urandom'));
	mkdirSync(at('folder'));
	symlinkSync(at('loop'), at('loop'));
	symlinkSync(join(root, 'nowhere.yaml'), at('dangling'));
	write('huge', `# ${'x'.repeat(maxConfigBytes)}\n${stringify(validConfig())}`);
	write('bomb', aliasBomb);
	return {
		bomb: /Too many aliases/,
		dangling: /link to a file that does not exist/,
		fifo: /named pipe \(FIFO\), not a regular file/,
		folder: /directory, not a regular file/,
		huge: /larger than 256 KiB/,
		loop: /symbolic link loop/,
		urandom: /device, not a regular file/,
		zero: /device, not a regular file/,
	};
}

// The UI reads with the thread pool, a command that runs once (`list`) with blocking calls: the same answers.
describe.each([{syncReads: false}, {syncReads: true}])('reading hostile config files (%o)', options => {
	const storeOf = () => new YamlConfigStore(officialLocations({configRoot: root}), undefined, options);

	it('a FIFO, devices, a directory, a link loop, a dangling link, a huge file and an alias bomb are each one invalid row; the good node is valid', async () => {
		const store = storeOf();
		const reasons = plantHostileFiles();
		write('good', stringify(validConfig()));
		const started = performance.now();
		const {nodes, problems} = await store.list();
		expect(performance.now() - started).toBeLessThan(2000);
		expect(problems).toEqual([]);
		expect(nodes.find(node => node.name === 'good')?.config).toBeDefined();
		const invalid = Object.fromEntries(nodes.filter(node => !node.config).map(node => [node.name, node.problems.map(problem => problem.message).join(' ')]));
		expect(Object.keys(invalid).sort()).toEqual(Object.keys(reasons).sort());
		for (const [name, reason] of Object.entries(reasons)) {
			expect(invalid[name], name).toMatch(reason);
		}
	});

	it('read() gives the same invalid entry as the list for each (not "no config"); readText never blocks', async () => {
		const store = storeOf();
		const reasons = plantHostileFiles();
		const {nodes} = await store.list();
		for (const name of Object.keys(reasons)) {
			const entry = await store.read(name, 'user');
			expect(entry, name).toBeDefined();
			expect(entry!.config).toBeUndefined();
			expect(entry!.problems).toEqual(nodes.find(node => node.name === name)!.problems);
			// eslint-disable-next-line no-await-in-loop
			await store.readText(name, 'user');
		}

		expect(await store.read('absent', 'user')).toBeUndefined();
	});
});

describe('reading a large config', () => {
	it('a config just under the cap parses fast', async () => {
		const padding = Array.from({length: 3800}, (_, index) => `  key_${index}: ${'v'.repeat(40)} # comment ${index}`).join('\n');
		const text = `${stringify(validConfig())}my_notes:\n${padding}\n`;
		expect(text.length).toBeGreaterThan(200 * 1024);
		expect(text.length).toBeLessThan(maxConfigBytes);
		write('big', text);
		const started = performance.now();
		const entry = await store.read('big', 'user');
		const elapsed = performance.now() - started;
		expect(entry?.config).toBeDefined();
		console.info(`parse of ${text.length} bytes: ${elapsed.toFixed(0)} ms`);
		expect(elapsed).toBeLessThan(3000);
	});
});

describe('writing through links and keeping bytes', () => {
	it('set-api-key on a symlinked config writes the target, beside it, keeping its mode; the link stays a link', async () => {
		const realDir = join(root, 'real');
		mkdirSync(realDir);
		const target = join(realDir, 'alpha-real.yaml');
		writeFileSync(target, commentedConfigYaml);
		chmodSync(target, 0o640);
		symlinkSync(target, at('alpha'));
		const result = await store.update('alpha', 'user', [{path: ['api_key'], value: 'k-new-123'}]);
		expect(result).toEqual({ok: true, path: at('alpha')});
		expect(lstatSync(at('alpha')).isSymbolicLink()).toBe(true);
		expect(readFileSync(target, 'utf8')).toContain('api_key: k-new-123 # from the server admin');
		expect(statSync(target).mode & 0o777).toBe(0o640);
	});

	it('bytes that are not UTF-8 elsewhere in the file stay byte for byte', async () => {
		const before = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xff, 0xfe, 0xe9]), Buffer.from(' notes\n'), Buffer.from(commentedConfigYaml)]);
		write('alpha', before);
		const result = await store.update('alpha', 'user', [{path: ['api_key'], value: 'k-new-123'}]);
		expect(result.ok).toBe(true);
		const after = readFileSync(at('alpha'));
		const expected = Buffer.from(before.toString('latin1').replace('api_key: secret-api-key-0123456789', 'api_key: k-new-123'), 'latin1');
		expect(after.equals(expected)).toBe(true);
	});

	it('a change that needs a re-serialised file is refused on a file with bytes that are not UTF-8', async () => {
		const before = Buffer.concat([Buffer.from([0x23, 0xff, 0x0a]), Buffer.from(commentedConfigYaml)]);
		write('alpha', before);
		const result = await store.update('alpha', 'user', [{path: ['node_extra_env'], value: {A: 'b'}}]);
		expect(result).toMatchObject({ok: false, message: expect.stringMatching(/not UTF-8/)});
		expect(readFileSync(at('alpha')).equals(before)).toBe(true);
	});
});

describe('names at the store', () => {
	it('read, update, create, remove and readText refuse names that are not node names, touching nothing', async () => {
		writeFileSync(join(root, 'x.yaml'), stringify(validConfig()));
		for (const name of ['../x', '..', '.', '.hidden', 'a/b', 'with space', 'ünï']) {
			expect((await store.read(name, 'user'))?.problems[0]?.message, name).toMatch(/not a valid node name/);
			expect((await store.update(name, 'user', [{path: ['port'], value: 1}])).ok).toBe(false);
			expect((await store.create(name, 'user', validConfig())).ok).toBe(false);
			expect((await store.remove(name, 'user')).ok).toBe(false);
			expect(await store.readText(name, 'user')).toBeUndefined();
		}

		expect(readFileSync(join(root, 'x.yaml'), 'utf8')).toBe(stringify(validConfig()));
		expect(execFileSync('ls', ['-A', userDir], {encoding: 'utf8'})).toBe('');
	});
});

describe('new configs as the node reads them', () => {
	it('strings PyYAML would read as booleans or errors are quoted; the file reads back the same with the node’s rules', async () => {
		const config = validConfig({databases: [{label: 'no', uri: '/data/x.csv', type: 'csv'}], task_dir: 'on', my_note: '=', other: 'y'});
		expect((await store.create('fresh', 'user', config)).ok).toBe(true);
		const text = readFileSync(at('fresh'), 'utf8');
		expect(text).toMatch(/label: ["']no["']/);
		expect((await store.read('fresh', 'user'))?.config).toMatchObject({databases: [{label: 'no'}], task_dir: 'on', my_note: '=', other: 'y'});
	});
});
