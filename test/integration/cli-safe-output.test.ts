/**
 * Every CLI output and error message of the built binary, against hostile
 * configs and a started node holding planted secrets: no control byte reaches
 * the terminal, no planted secret is printed, no file name breaks a row.
 */
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {dockerSkipReason, dockerTitle, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {controlBytes, hostileNames, plantAll, plantContainer, plantedMarker} from '../helpers/planted-secrets.js';
import {Sandbox, uniqueNodeName, type RunResult} from '../helpers/sandbox.js';

describe.skipIf(dockerSkipReason)(dockerTitle('CLI outputs are free of control bytes and planted secrets'), () => {
	const sandbox = new Sandbox();
	const secrets = uniqueNodeName('secrets');
	const level = uniqueNodeName('level');
	const broken = uniqueNodeName('broken');
	const orphan = uniqueNodeName('orphan');
	const keyFile = join(sandbox.root, 'new-key.txt');

	beforeAll(async () => {
		writeFileSync(keyFile, 'a-new-key-42\n', {mode: 0o600});
		sandbox.writeConfig(hostileNames.newline, 'user', validConfig({api_key: 'PLANTED-key-of-a-bad-name'}));
		await plantAll(sandbox, {secrets, level, broken}, fixtureImage);
		await plantContainer(orphan, fixtureImage);
	}, 120_000);

	afterAll(async () => {
		await removeNodeLeftovers(secrets);
		await removeNodeLeftovers(orphan);
		sandbox.cleanup();
	});

	const clean = (what: string, result: RunResult) => {
		for (const [stream, text] of [
			['stdout', result.stdout],
			['stderr', result.stderr],
		] as const) {
			expect(controlBytes.test(text), `${what} ${stream} has a control byte: ${JSON.stringify(text)}`).toBe(false);
			expect(text, `${what} ${stream} shows a planted secret`).not.toContain(plantedMarker);
		}
	};

	it('list: one row per config, none broken by a newline in a file name, no escape, no secret', async () => {
		const result = await sandbox.run(['list']);
		clean('list', result);
		expect(result.code).toBe(0);
		const lines = result.stdout.split('\n');
		expect(lines.some(line => line.startsWith('row'))).toBe(false);
		expect(lines.some(line => /^nl row\s+user\s+invalid config/.test(line))).toBe(true);
		expect(lines.some(line => /^t\s*x\s+user\s+invalid config/.test(line))).toBe(true);
		expect(result.stdout).toContain(`${level}`);
		expect(result.stdout).toMatch(new RegExp(`^${orphan} \\(no config\\)`, 'm'));
	});

	it('list --json: parses, names kept as data, no raw control byte, no secret', async () => {
		const result = await sandbox.run(['list', '--json']);
		clean('list --json', result);
		const json = JSON.parse(result.stdout) as {nodes: Array<{name: string; problems: string[]}>};
		expect(json.nodes.map(node => node.name)).toContain(secrets);
	});

	it.each([
		['inspect of the started node', () => ['inspect', secrets]],
		['inspect --json of the started node', () => ['inspect', secrets, '--json']],
		['inspect of a container with escapes and passwords in labels, env and command', () => ['inspect', orphan]],
		['inspect --json of it', () => ['inspect', orphan, '--json']],
		['inspect of a config with an escape in logging.level', () => ['inspect', level]],
		['inspect --json of it', () => ['inspect', level, '--json']],
		['inspect of a broken file holding the key', () => ['inspect', broken]],
		['inspect --json of it', () => ['inspect', broken, '--json']],
		['start of the broken file (error message)', () => ['start', broken]],
		['start of the escape level (error message)', () => ['start', level]],
		['inspect of a hostile name (error message)', () => ['inspect', hostileNames.title]],
		['start of a hostile name (error message)', () => ['start', hostileNames.title]],
		['set-api-key of a broken file (error message)', () => ['set-api-key', broken, '--api-key-file', keyFile]],
	])('%s', async (what, args) => {
		const result = await sandbox.run(args());
		clean(what, result);
		if (args().includes('--json')) {
			expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
		}
	});

	it('inspect still says what is there: the masked config, the spec check, the database hosts', async () => {
		const result = await sandbox.run(['inspect', secrets]);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('api_key: ••••••••');
		expect(result.stdout).toContain('postgresql://reader:••••••••@db.example.org:5432/omop');
		expect(result.stdout).toContain('password=••••••••&sslmode=require');
		expect(result.stdout).toContain("host=db.example.org password=•••••••• dbname=omop");
		expect(result.stdout).toMatch(/SITE_DB_C=host=db\.example\.org password=•••••••• dbname=omop/);
	});

	it('inspect of the hand-made container still shows its labels, env and command, cleaned and masked', async () => {
		const result = await sandbox.run(['inspect', orphan]);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toMatch(/^ {2}evil=xy$/m);
		expect(result.stdout).toContain('note=postgresql://u:••••••••@h/db');
		expect(result.stdout).toContain('SITE_URI=host=h password=•••••••• dbname=a');
		expect(result.stdout).toContain('SITE_Q=http://h/?token=••••••••');
		expect(result.stdout).toMatch(/command: {2}sleep 1$/m);
	});
});
