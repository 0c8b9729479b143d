/**
 * Permission problems as a user who is not root and not in the `docker` group (`vnodetest`, made by .ci/run
 * or test/helpers/non-root.ts), running the built vnode-tui through setpriv: the engine's socket refused is
 * said as that, with its fix, never as "engine down".
 */
import {chmodSync, chownSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {dockerSkipReason} from '../helpers/docker.js';
import {NonRootSandbox, nonRootSkipReason, nonRootTitle, testUserName} from '../helpers/non-root.js';
import {uniqueNodeName} from '../helpers/sandbox.js';

const skipReason = nonRootSkipReason ?? dockerSkipReason;

describe.skipIf(skipReason)(nonRootTitle('a user without access to the Docker socket'), () => {
	const sandbox = skipReason ? undefined! : new NonRootSandbox();
	const name = uniqueNodeName('perm');
	afterAll(() => sandbox?.cleanup());

	const socketProblem = `user ${testUserName} is not in the 'docker' group. Fix: 'sudo usermod -aG docker ${testUserName}' and log in again, or run vnode-tui with sudo.`;

	it('list shows the configs, says the socket refused them and how to fix it, and exits 1', async () => {
		sandbox.writeConfig(name, 'user', validConfig());
		const result = await sandbox.runAsUser(['list']);
		expect(result.stdout).toContain(name);
		expect(result.stdout).toContain('(no permission to use the Docker engine: container states unknown)');
		expect(result.stderr).toContain('error: No permission to use the Docker engine at /var/run/docker.sock');
		expect(result.stderr).toContain(socketProblem);
		expect(`${result.stdout}${result.stderr}`).not.toMatch(/unreachable|Cannot reach|Is dockerd running/i);
		expect(result.code).toBe(1);
	});

	it('list --json gives the kind, and start says the same before anything else', async () => {
		const json = JSON.parse((await sandbox.runAsUser(['list', '--json'])).stdout) as {engineDown: string; engineDownKind: string};
		expect(json.engineDownKind).toBe('permission');
		expect(json.engineDown).toContain(socketProblem);
		const start = await sandbox.runAsUser(['start', name]);
		expect(start.stderr).toContain(socketProblem);
		expect(start.code).toBe(1);
	});
});

describe.skipIf(skipReason)(nonRootTitle('a system-scope node as a user who is not root'), () => {
	const sandbox = skipReason ? undefined! : new NonRootSandbox();
	const name = uniqueNodeName('sys');
	afterAll(() => sandbox?.cleanup());

	it('every command that changes it says "needs root" with the sudo command, before any request, and changes nothing', async () => {
		// As `sudo v6 node new --system` leaves it: root's, readable by all (umask 022), in a dir only root may write.
		const path = sandbox.writeConfig(name, 'system', validConfig());
		chmodSync(path, 0o644);
		const before = statSync(path);
		const keyFile = join(sandbox.root, 'home', 'key.txt');
		writeFileSync(keyFile, 'a-new-api-key-0123456789\n');
		const commands = [['start'], ['stop'], ['restart'], ['remove', '--volumes'], ['delete'], ['set-api-key', '--api-key-file', keyFile]];
		for (const [command, ...flags] of commands) {
			const result = await sandbox.runAsUser([command!, name, ...flags]);
			// The socket refuses this user: a request would have said so. It is never asked.
			expect(result.stderr, command).toBe(
				`error: ${name} is a system-scope node and needs root (${sandbox.configDir('system')} is not writable by user ${testUserName}). Run 'sudo vnode-tui ${command} ${name} --system'. Nothing was done.\n`,
			);
			expect(result.code, command).toBe(1);
		}

		const after = statSync(path);
		expect([after.mtimeMs, after.ino, after.size]).toEqual([before.mtimeMs, before.ino, before.size]);
		expect(existsSync(join(sandbox.configDir('system'), '.deleted'))).toBe(false);
		expect(existsSync(sandbox.dataDir('system', name))).toBe(false);
	}, 90_000);

	it('list marks it and says why; list --json gives needsRoot per node', async () => {
		const result = await sandbox.runAsUser(['list']);
		expect(result.stdout).toContain(`System-scope nodes need root: 'sudo vnode-tui' acts on them (${sandbox.configDir('system')} is not writable by user ${testUserName}).`);
		const json = JSON.parse((await sandbox.runAsUser(['list', '--json'])).stdout) as {nodes: Array<{name: string; needsRoot: string | null}>};
		expect(json.nodes.find(node => node.name === name)?.needsRoot).toBe(`${sandbox.configDir('system')} is not writable by user ${testUserName}`);
	});
});

describe.skipIf(nonRootSkipReason)(nonRootTitle('config dirs in the home owned by root (after a sudo v6 node run)'), () => {
	const sandbox = nonRootSkipReason ? undefined! : new NonRootSandbox();
	const name = uniqueNodeName('own');
	afterAll(() => sandbox?.cleanup());

	it('set-api-key, new and list name the dir and the chown that fixes it; nothing on disk changes', async () => {
		// `sudo v6 node new` with HOME kept: ~/.config is the user's, vantage6/node below it root's, the file 0644.
		const path = sandbox.writeConfig(name, 'user', validConfig());
		const vantage6 = join(sandbox.root, 'home', '.config', 'vantage6');
		chownSync(vantage6, 0, 0);
		chownSync(sandbox.configDir('user'), 0, 0);
		chownSync(path, 0, 0);
		chmodSync(path, 0o644);
		const keyFile = join(sandbox.root, 'key.txt');
		writeFileSync(keyFile, 'a-new-api-key-0123456789\n', {mode: 0o644});
		const chown = `${vantage6} is owned by root, not by ${testUserName} (a 'sudo v6 node …' run leaves such dirs behind). Give it back with: sudo chown -R ${testUserName}: ${vantage6}`;
		const facts = () => [vantage6, sandbox.configDir('user'), path].map(item => {
			const stats = statSync(item);
			return [item, stats.uid, stats.gid, stats.mode, stats.mtimeMs, stats.ino];
		});
		const before = facts();
		const listed = () => readdirSync(sandbox.configDir('user')).sort();
		const filesBefore = listed();

		const setKey = await sandbox.runAsUser(['set-api-key', name, '--api-key-file', keyFile]);
		expect(setKey.stderr).toBe(`error: Cannot write ${path}: permission denied. ${chown}\n`);
		expect(setKey.code).toBe(1);

		const created = await sandbox.runAsUser(['new', `${name}b`, '--api-key-file', keyFile]);
		expect(created.stderr).toContain(`scope: ${sandbox.configDir('user')} is not writable by this user. ${chown}`);
		expect(created.code).toBe(1);

		// A dir only root may read: the listing says the same.
		chmodSync(sandbox.configDir('user'), 0o700);
		before[1]![3] = statSync(sandbox.configDir('user')).mode;
		const list = await sandbox.runAsUser(['list']);
		expect(list.stdout).toContain(`warning: Cannot read ${sandbox.configDir('user')}: permission denied. ${chown}`);

		expect(facts()).toEqual(before);
		expect(listed()).toEqual(filesBefore);
		expect(readFileSync(path, 'utf8')).not.toContain('a-new-api-key');
	});
});
