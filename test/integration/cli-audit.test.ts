/**
 * The audit log and read-only mode through the built binary on the real
 * engine: every action from the shell is logged without a secret, `audit`
 * reads it back filtered, and read-only refuses with exit 1, changing nothing.
 */
import {chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {containerNamed, docker, dockerSkipReason, dockerTitle, fixtureImage, nodeVolumes, removeNodeLeftovers} from '../helpers/docker.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

const apiKey = 'KNOWN-api-key-must-not-leak-4711';
const newApiKey = 'KNOWN-second-key-must-not-leak-0815';
const dbPassword = 'KNOWN-db-password-must-not-leak-1234';

const sandbox = new Sandbox();
const bin = join(sandbox.root, 'bin');
mkdirSync(bin);
// A `logger` first in PATH: what --audit-syslog hands to syslog lands in a file.
writeFileSync(join(bin, 'logger'), `#!/bin/sh\nfor last; do :; done\nprintf '%s\\n' "$last" >> ${join(sandbox.root, 'syslog.txt')}\n`);
chmodSync(join(bin, 'logger'), 0o755);
sandbox.env['PATH'] = `${bin}:${sandbox.env['PATH'] ?? ''}`;
writeFileSync(join(sandbox.root, 'key'), `${apiKey}\n`, {mode: 0o600});
writeFileSync(join(sandbox.root, 'key2'), `${newApiKey}\n`, {mode: 0o600});
const userLog = join(sandbox.root, 'home', '.local', 'state', 'vnode-tui', 'audit.jsonl');
const systemLog = join(sandbox.root, 'var-log-vnode-tui', 'audit.jsonl');
const names: string[] = [];

afterAll(async () => {
	if (!dockerSkipReason) {
		await Promise.all(names.map(async name => removeNodeLeftovers(name)));
	}

	sandbox.cleanup();
});

type Line = {action: string; node?: string; scope?: string; outcome: string; error?: string; command: string; user: string; uid: number; durationMs: number; time: string};

function linesOf(path: string): Line[] {
	return existsSync(path) ? readFileSync(path, 'utf8').trim().split('\n').filter(Boolean).map(line => JSON.parse(line) as Line) : [];
}

describe.skipIf(dockerSkipReason)(dockerTitle('audit log and read-only, from the shell on a real engine'), () => {
	const name = uniqueNodeName('aud');
	const system = uniqueNodeName('auds');
	names.push(name, system);

	it('every action is one entry; neither the API keys nor the database password appear in any audit file or syslog line', async () => {
		const run = async (args: string[]) => sandbox.run([...args, '--audit-syslog']);
		const db = `default=postgresql://reader:${dbPassword}@db.example.org/x:sql`;
		expect((await run(['new', name, '--api-key-file', join(sandbox.root, 'key'), '--image', fixtureImage, '--db', db])).code).toBe(0);
		expect((await run(['start', name, '--keep'])).code).toBe(0);
		// A failure is an entry too.
		expect((await run(['start', name])).code).toBe(1);
		expect((await run(['restart', name, '--keep'])).code).toBe(0);
		expect((await run(['stop', name])).code).toBe(0);
		expect((await run(['remove', name, '--volumes'])).code).toBe(0);
		expect((await run(['set-api-key', name, '--api-key-file', join(sandbox.root, 'key2')])).code).toBe(0);
		// Something for clean to remove: a volume of the stopped node.
		await docker.createVolume({Name: `vantage6-${name}-user-vol`});
		const cleaned = await run(['clean', name, '--yes']);
		expect(cleaned.code).toBe(0);
		expect(await nodeVolumes(name)).toEqual([]);
		expect((await run(['delete', name])).code).toBe(0);
		// System scope: to the system log.
		expect((await run(['new', system, '--system', '--api-key-file', join(sandbox.root, 'key'), '--image', fixtureImage, '--db', db])).code).toBe(0);
		const started = await run(['start', system, '--system']);
		expect(started.stderr).not.toContain('audit');
		expect(started.code).toBe(0);
		expect((await run(['stop', system, '--system'])).code).toBe(0);

		const user = linesOf(userLog);
		expect(user.map(line => `${line.action}:${line.outcome}`)).toEqual([
			'new:ok',
			'start:ok',
			'start:failed',
			'restart:ok',
			'stop:ok',
			'remove:ok',
			'set-api-key:ok',
			'clean:ok',
			'delete:ok',
		]);
		expect(user[2]!.error).toContain('running');
		expect(user[7]!.command).toBe(`docker volume rm vantage6-${name}-user-vol`);
		expect(user[1]).toMatchObject({node: name, scope: 'user', command: `v6 node start --name ${name} --user --keep`, user: 'root', uid: 0});
		expect(linesOf(systemLog).map(line => `${line.action}:${line.node}:${line.scope}`)).toEqual([`new:${system}:system`, `start:${system}:system`, `stop:${system}:system`]);
		const everything = [readFileSync(userLog, 'utf8'), readFileSync(systemLog, 'utf8'), readFileSync(join(sandbox.root, 'syslog.txt'), 'utf8')].join('\n');
		expect(readFileSync(join(sandbox.root, 'syslog.txt'), 'utf8').trim().split('\n')).toHaveLength(12);
		for (const secret of [apiKey, newApiKey, dbPassword]) {
			expect(everything).not.toContain(secret);
		}
	}, 240_000);

	it('audit reads both logs: --node, --since and --json filter; text and JSON say the same entries', async () => {
		const all = await sandbox.run(['audit', '--json']);
		expect(all.code).toBe(0);
		const entries = JSON.parse(all.stdout) as Line[];
		expect(entries).toHaveLength(12);
		expect(entries.map(entry => entry.time)).toEqual([...entries.map(entry => entry.time)].sort());
		const one = JSON.parse((await sandbox.run(['audit', '--json', '--node', system])).stdout) as Line[];
		expect(one.map(entry => entry.action)).toEqual(['new', 'start', 'stop']);
		expect(JSON.parse((await sandbox.run(['audit', '--json', '--since', '2099-01-01'])).stdout)).toEqual([]);
		expect(JSON.parse((await sandbox.run(['audit', '--json', '--since', '1h'])).stdout)).toHaveLength(12);
		const text = await sandbox.run(['audit', '--node', name]);
		const lines = text.stdout.trim().split('\n');
		expect(lines).toHaveLength(9);
		expect(lines[2]).toMatch(new RegExp(`start ${name} \\(user\\)  FAILED: .*by root@.*\\$ v6 node start --name ${name} --user$`));
		expect((await sandbox.run(['audit', '--since', 'yesterday-ish'])).code).toBe(2);
		expect((await sandbox.run(['audit', '--node', '../etc'])).code).toBe(2);
	});

	it('audit sanitizes what a planted line holds, and counts lines that are not entries', async () => {
		const planted = {...linesOf(userLog)[0]!, user: 'evil\u001B]0;owned\u0007\u001B[2J', command: 'rm -rf / \u009B31m', time: '2020-01-01T00:00:00.000Z'};
		writeFileSync(userLog, `${JSON.stringify(planted)}\nnot an entry\n`, {flag: 'a'});
		const text = await sandbox.run(['audit', '--since', '2019-01-01']);
		expect(text.stdout).not.toMatch(/[\u0007\u001B\u009B]/);
		expect(text.stdout.split('\n')[0]).toContain('evil');
		expect(text.stderr).toContain('1 line is not audit entries and left out');
		const json = await sandbox.run(['audit', '--json', '--since', '2019-01-01']);
		expect(json.stdout).not.toMatch(/[\u0007\u001B\u009B]/);
	});

	describe('read-only', () => {
		const node = uniqueNodeName('ro');
		names.push(node);

		it('--read-only, VNODE_READ_ONLY=1 and read_only: true refuse with exit 1 and a clear message; nothing changes in Docker or on disk', async () => {
			expect((await sandbox.run(['new', node, '--api-key-file', join(sandbox.root, 'key'), '--image', fixtureImage])).code).toBe(0);
			expect((await sandbox.run(['start', node])).code).toBe(0);
			const before = (await containerNamed(`vantage6-${node}-user`))!.Id;
			const auditBefore = readFileSync(userLog, 'utf8');
			const configPath = join(sandbox.configDir('user'), `${node}.yaml`);
			const configBefore = readFileSync(configPath, 'utf8');

			const stop = await sandbox.run(['stop', node, '--read-only']);
			expect(stop.code).toBe(1);
			expect(stop.stderr).toContain(`error: read-only mode (--read-only): 'stop' is turned off; nothing was changed.`);
			const restart = await sandbox.run(['restart', node], {env: {VNODE_READ_ONLY: '1'}});
			expect(restart.code).toBe(1);
			expect(restart.stderr).toContain("read-only mode (VNODE_READ_ONLY): 'restart' is turned off");

			const settings = join(sandbox.root, 'home', '.config', 'vnode-tui', 'settings.yaml');
			mkdirSync(join(sandbox.root, 'home', '.config', 'vnode-tui'), {recursive: true});
			writeFileSync(settings, 'read_only: true\n');
			const del = await sandbox.run(['delete', node]);
			expect(del.code).toBe(1);
			expect(del.stderr).toContain(`read-only mode (read_only: true in ${settings}): 'delete' is turned off`);
			const key = await sandbox.run(['set-api-key', node, '--api-key-file', join(sandbox.root, 'key2')]);
			expect(key.code).toBe(1);
			const clean = await sandbox.run(['clean', '--yes']);
			expect(clean.code).toBe(1);
			expect(clean.stderr).toContain("'clean' is turned off");
			// Reading works.
			expect((await sandbox.run(['list'])).code).toBe(0);
			expect((await sandbox.run(['audit'])).code).toBe(0);

			// A settings file that is not valid: said, and read-only until it is fixed.
			writeFileSync(settings, 'read_only: [\n');
			const broken = await sandbox.run(['stop', node]);
			expect(broken.code).toBe(1);
			expect(broken.stderr).toContain(`warning: ${settings}: It is not valid YAML`);
			expect(broken.stderr).toContain('vnode-tui is read-only until it is fixed');
			writeFileSync(settings, 'read_only: maybe\n');
			expect((await sandbox.run(['stop', node])).stderr).toContain('read_only is true or false');
			writeFileSync(settings, 'read_only: false\n');

			expect((await containerNamed(`vantage6-${node}-user`))!.Id).toBe(before);
			expect((await containerNamed(`vantage6-${node}-user`))!.State.Running).toBe(true);
			expect(await nodeVolumes(node)).toHaveLength(4);
			expect(readFileSync(configPath, 'utf8')).toBe(configBefore);
			expect(readFileSync(userLog, 'utf8')).toBe(auditBefore);
			expect((await sandbox.run(['stop', node])).code).toBe(0);
		}, 240_000);

		it('VNODE_READ_ONLY with a value that is neither on nor off is a usage error (exit 2)', async () => {
			const result = await sandbox.run(['list'], {env: {VNODE_READ_ONLY: 'maybe'}});
			expect(result.code).toBe(2);
			expect(result.stderr).toContain("VNODE_READ_ONLY='maybe' is not 1 or 0");
		});
	});
});

describe('an audit log that cannot be written', () => {
	it('is said on stderr, and the command still says what it did (exit 0)', async () => {
		const blocked = join(sandbox.root, 'not-a-dir');
		writeFileSync(blocked, '');
		const name = uniqueNodeName('audfail');
		const result = await sandbox.run(['new', name, '--api-key-file', join(sandbox.root, 'key')], {env: {XDG_STATE_HOME: join(blocked, 'state'), VNODE_AUDIT_DIR: join(blocked, 'system')}});
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(`New configuration created: ${join(sandbox.configDir('user'), `${name}.yaml`)}`);
		expect(result.stderr).toMatch(/^warning: the audit log was not written \(.*not-a-dir\/state\/vnode-tui\/audit\.jsonl: ENOTDIR/m);
		expect(result.stderr).not.toContain(apiKey);
	});
});
