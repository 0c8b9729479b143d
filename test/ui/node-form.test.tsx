/**
 * Creating, editing, deleting and re-keying node configs from the TUI (and a file
 * that changes on disk while the form is open, or is not a file at all), through
 * real Ink, the real config store on temp files and the in-memory engine.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {validateNodeConfig} from '../../source/domain/node-config.js';
import {commentedConfigYaml} from '../helpers/fixture-configs.js';
import {keys, type Rendered} from '../helpers/render-ink.js';
import {rowOf, UiWorld} from '../helpers/ui-world.js';

let world: UiWorld;
let ui: Rendered | undefined;

beforeEach(() => {
	world = new UiWorld();
});

afterEach(() => {
	ui?.unmount();
	ui = undefined;
	world.cleanup();
});

const configPath = (name: string, scope = 'user') => join(world.root, 'configs', scope, `${name}.yaml`);
const changedLines = (before: string, after: string) =>
	before.split('\n').flatMap((line, index) => (line === after.split('\n')[index] ? [] : [[line, after.split('\n')[index]]]));

async function moveTo(label: RegExp) {
	for (let step = 0; step < 40 && !ui!.frame().split('\n').some(line => /▸/.test(line) && label.test(line)); step++) {
		await ui!.press('j');
	}

	await ui!.waitFor(frame => frame.split('\n').some(line => /▸/.test(line) && label.test(line)));
}

describe('node form', () => {
	it('n creates a config the official schema accepts; nothing is written while a field is wrong', async () => {
		world.writeConfig('alpha');
		ui = world.render(100, 30);
		await ui.waitFor('alpha');
		await ui.press('n');
		await ui.waitFor('New node config');
		expect(ui.frame()).toContain('✗ A node name cannot be empty.');
		await moveTo(/\[ Create \]/);
		await ui.press(keys.enter);
		await ui.waitFor('fields to fix first');
		expect(existsSync(configPath('fresh'))).toBe(false);

		await ui.press('g');
		for (let step = 0; step < 20; step++) {
			await ui.press('k');
		}

		await ui.press(keys.enter);
		await ui.press('fresh\r');
		await moveTo(/Port/);
		await ui.press(keys.enter);
		await ui.press('seventy\r');
		await ui.waitFor('✗ The port is a whole number');
		await ui.press(keys.enter);
		for (let step = 0; step < 7; step++) {
			await ui.press('\u007F');
		}

		await ui.press('8080\r');
		await moveTo(/API key/);
		await ui.press(keys.enter);
		await ui.press('brand-new-key\r');
		expect(ui.frame()).not.toContain('brand-new-key');
		await moveTo(/\[ Create \]/);
		await ui.press(keys.enter);
		await ui.waitFor(frame => rowOf(frame, 'fresh').includes('not created'));
		const config = parse(readFileSync(configPath('fresh'), 'utf8')) as Record<string, unknown>;
		expect(validateNodeConfig(config).problems).toEqual([]);
		expect(config).toMatchObject({api_key: 'brand-new-key', port: 8080, server_url: 'http://localhost'});
		expect(statSync(configPath('fresh')).mode & 0o777).toBe(0o600);
	});

	it('e changes only the edited line of a commented file', async () => {
		const path = world.writeConfig('hand', commentedConfigYaml);
		ui = world.render(100, 30);
		await ui.waitFor('hand');
		await ui.press('e');
		await ui.waitFor('Edit hand (user)');
		await moveTo(/Log level/);
		await ui.press(' ');
		await ui.waitFor('‹ WARNING ›');
		await moveTo(/\[ Save \]/);
		await ui.press(keys.enter);
		await ui.waitFor('Saved 1 change');
		expect(changedLines(commentedConfigYaml, readFileSync(path, 'utf8'))).toEqual([['  level: INFO # DEBUG when troubleshooting', '  level: WARNING # DEBUG when troubleshooting']]);
	});

	it('saving a running node’s config offers a restart', async () => {
		world.writeConfig('alpha');
		await world.service.start({name: 'alpha', scope: 'user'});
		ui = world.render(100, 30);
		await ui.waitFor(frame => rowOf(frame, 'alpha').includes('running'));
		await ui.press('e');
		await moveTo(/Task dir/);
		await ui.press(keys.enter);
		await ui.press('\u0015');
		await ui.press('/srv/tasks\r');
		await moveTo(/\[ Save \]/);
		await ui.press(keys.enter);
		await ui.waitFor('The config changed; the running node uses it after a restart.');
		await ui.press('n');
		expect(parse(readFileSync(configPath('alpha'), 'utf8'))).toMatchObject({task_dir: '/srv/tasks'});
	});

	it('Esc with changes asks first', async () => {
		world.writeConfig('alpha');
		ui = world.render(100, 30);
		await ui.waitFor('alpha');
		await ui.press('e');
		await moveTo(/Log level/);
		await ui.press(' ');
		await ui.press(keys.escape);
		await ui.waitFor('Discard the changes?');
		await ui.press('n');
		await ui.waitFor(frame => !frame.includes('Discard the changes?') && frame.includes('Edit alpha'));
		await ui.press(keys.escape);
		await ui.press('y');
		await ui.waitFor(frame => !frame.includes('Edit alpha') && frame.includes('─ Nodes'));
	});

	it('e on a file that does not parse shows its error and text, read only', async () => {
		const text = 'api_key: [\nport: 1\n';
		const path = world.writeConfig('broken', text);
		ui = world.render(100, 30);
		await ui.waitFor('broken');
		await ui.press('e');
		const frame = await ui.waitFor('(read only)');
		expect(frame).toMatch(/line \d+, column \d+/);
		// The value of api_key is masked even in a file that does not parse; v shows it.
		expect(frame).toContain('api_key: ••••••••');
		expect(frame).not.toContain('api_key: [');
		await ui.press('v');
		await ui.waitFor('api_key: [');
		await ui.press(keys.escape);
		await ui.waitFor(screen => !screen.includes('(read only)'));
		expect(readFileSync(path, 'utf8')).toBe(text);
	});
});

describe('delete and API key', () => {
	it('D is refused while the node runs; then asks and moves the file to a backup', async () => {
		world.writeConfig('alpha');
		const original = readFileSync(configPath('alpha'), 'utf8');
		await world.service.start({name: 'alpha', scope: 'user'});
		ui = world.render(120, 30);
		await ui.waitFor(frame => rowOf(frame, 'alpha').includes('running'));
		await ui.press('D');
		await ui.waitFor('alpha is running; stop it first');
		await world.engine.stopFromOutside('vantage6-alpha-user');
		await ui.waitFor(frame => rowOf(frame, 'alpha').includes('not created'));
		await ui.press('D');
		await ui.waitFor('Delete the config of alpha (user)?');
		await ui.press(keys.enter);
		await ui.waitFor(frame => !frame.includes('Delete the config of alpha'));
		expect(existsSync(configPath('alpha'))).toBe(true);
		await ui.press('D');
		await ui.press('y');
		const frame = await ui.waitFor(/Moved the config of alpha to \S+/);
		expect(frame).toContain('.deleted');
		expect(existsSync(configPath('alpha'))).toBe(false);
		const backups = readdirSync(join(world.root, 'configs', 'user', '.deleted'));
		expect(backups).toHaveLength(1);
		expect(readFileSync(join(world.root, 'configs', 'user', '.deleted', backups[0]!), 'utf8')).toBe(original);
		await ui.waitFor(screen => rowOf(screen, 'alpha') === '');
	});

	it('K sets a new API key, masked while typed; only that line changes; a running node is offered a restart', async () => {
		// A SQL database: a file one would have to exist on this host for the node to start.
		const text = commentedConfigYaml.replace('uri: /data/default.csv\n  type: csv', 'uri: postgresql://db/x\n  type: sql');
		const path = world.writeConfig('hand', text);
		await world.service.start({name: 'hand', scope: 'user'}, {image: 'vnode-fixture:latest'});
		ui = world.render(100, 30);
		await ui.waitFor(frame => rowOf(frame, 'hand').includes('running'));
		await ui.press('K');
		await ui.waitFor('New API key for hand (user)');
		await ui.press('rotated-789');
		let frame = await ui.waitFor('key: •••••••••••');
		expect(frame).not.toContain('rotated-789');
		await ui.press(keys.tab);
		await ui.waitFor('key: rotated-789');
		await ui.press(keys.enter);
		frame = await ui.waitFor('The API key changed');
		expect(changedLines(text, readFileSync(path, 'utf8'))).toEqual([['api_key: secret-api-key-0123456789 # from the server admin', 'api_key: rotated-789 # from the server admin']]);
		await ui.press('n');
	});
});

describe('e on a planted file', () => {
	it('a FIFO named x.yaml is one invalid row; the other node lists; e and the inspector show the reason, not "no config"', async () => {
		world.writeConfig('alpha');
		world.writeConfig('pipe');
		const fifo = join(world.root, 'configs', 'user', 'pipe.yaml');
		execFileSync('rm', [fifo]);
		execFileSync('mkfifo', [fifo]);
		ui = world.render(100, 30);
		await ui.waitFor(frame => rowOf(frame, 'alpha').includes('not created') && rowOf(frame, 'pipe').includes('invalid'));
		await ui.press('j');
		await ui.waitFor(frame => rowOf(frame, 'pipe').startsWith('▸'));
		await ui.press('e');
		const raw = await ui.waitFor('(read only)');
		expect(raw).toContain('named pipe (FIFO), not a regular file');
		expect(raw).not.toMatch(/No node config/);
		await ui.press(keys.escape);
		await ui.waitFor(screen => !screen.includes('(read only)'));
		await ui.press('i');
		const inspector = await ui.waitFor('named pipe (FIFO), not a regular file');
		expect(inspector).not.toMatch(/No node config/);
	});
});

describe('the form when the file changes on disk', () => {
	const open = async () => {
		const path = world.writeConfig('hand', commentedConfigYaml);
		ui = world.render(100, 30);
		await ui!.waitFor('hand');
		await ui!.press('e');
		await ui!.waitFor('Edit hand (user)');
		return path;
	};

	const changeLogLevelInForm = async () => {
		await moveTo(/Log level/);
		await ui!.press(' ');
		await ui!.waitFor('‹ WARNING ›');
	};

	const save = async () => {
		await moveTo(/\[ Save \]/);
		await ui!.press(keys.enter);
	};

	it('the same field changed on disk is a conflict: Enter cancels and writes nothing, o then saves yours; other fields merge', async () => {
		const path = await open();
		await changeLogLevelInForm();
		const theirs = commentedConfigYaml.replace('level: INFO', 'level: ERROR').replace('api_path: /api', 'api_path: /api/v2');
		writeFileSync(path, theirs);
		await save();
		const asked = await ui!.waitFor('changed in');
		expect(asked).toContain('Log level: changed in');
		expect(asked).toMatch(/o saves yours over theirs · t keeps theirs/);
		await ui!.press(keys.enter);
		await ui!.waitFor('Not saved; the form still has your values.');
		expect(readFileSync(path, 'utf8')).toBe(theirs);

		await save();
		await ui!.waitFor('o saves yours');
		await ui!.press('o');
		await ui!.waitFor('Saved 1 change');
		const after = parse(readFileSync(path, 'utf8')) as {logging: {level: string}; api_path: string};
		expect(after.logging.level).toBe('WARNING');
		expect(after.api_path).toBe('/api/v2');
	});

	it('t keeps their value of the conflicting field and saves your other changes', async () => {
		const path = await open();
		await moveTo(/Task dir/);
		await ui!.press(keys.enter);
		await ui!.press('\u0015');
		await ui!.press('/srv/tasks\r');
		await ui!.waitFor('/srv/tasks');
		await changeLogLevelInForm();
		writeFileSync(path, commentedConfigYaml.replace('level: INFO', 'level: ERROR'));
		await save();
		await ui!.waitFor('o saves yours');
		await ui!.press('t');
		await ui!.waitFor('Saved 1 change');
		const after = parse(readFileSync(path, 'utf8')) as {logging: {level: string}; task_dir: string};
		expect(after).toMatchObject({logging: {level: 'ERROR'}, task_dir: '/srv/tasks'});
	});

	it('a file that no longer parses is refused, not overwritten', async () => {
		const path = await open();
		await changeLogLevelInForm();
		const broken = `${commentedConfigYaml}\nlogging: [unclosed\n`;
		writeFileSync(path, broken);
		await save();
		await ui!.waitFor('no longer valid; not saved');
		expect(readFileSync(path, 'utf8')).toBe(broken);
	});
});
