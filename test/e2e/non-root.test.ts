/**
 * The full-screen UI as a user who is not root and not in the `docker` group (`vnodetest`, run through
 * setpriv, test/helpers/non-root.ts): the socket's refusal is a permission banner with its fix, not
 * "Docker unreachable".
 */
import {chmodSync} from 'node:fs';
import {afterAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {dockerSkipReason} from '../helpers/docker.js';
import {NonRootSandbox, nonRootSkipReason, nonRootTitle, testUserName} from '../helpers/non-root.js';
import {launchTui} from '../helpers/pty.js';
import {uniqueNodeName} from '../helpers/sandbox.js';

const skipReason = nonRootSkipReason ?? dockerSkipReason;

describe.skipIf(skipReason)(nonRootTitle('the UI as a user without access to the Docker socket'), () => {
	const sandbox = skipReason ? undefined! : new NonRootSandbox();
	const name = uniqueNodeName('permui');
	afterAll(() => sandbox?.cleanup());

	for (const [cols, rows] of [
		[80, 24],
		[200, 60],
	] as const) {
		it(`shows the permission banner with its fix at ${cols}x${rows}, and the configs`, async () => {
			sandbox.writeConfig(name, 'user', validConfig());
			const tui = launchTui({cols, rows, env: sandbox.env, runAs: sandbox.user.runAs});
			const screen = await tui.waitFor(text => text.includes('Docker: no permission') && text.includes(name), {timeout: 15_000});
			const banner = screen.split('\n').slice(1, 4).join(' ').replaceAll(/\s+/g, ' ');
			expect(banner).toContain(`No permission to use the Docker engine at /var/run/docker.sock: user ${testUserName} is not in the 'docker' group.`);
			expect(banner).toContain(`'sudo usermod -aG docker ${testUserName}' and log in again, or run vnode-tui with sudo.`);
			expect(screen).not.toMatch(/unreachable|Retrying/);
			tui.press('q');
			expect((await tui.exited).exitCode).toBe(0);
		}, 30_000);
	}

	it('marks a system-scope node "needs root" and refuses s with the reason, before trying', async () => {
		const system = new NonRootSandbox();
		try {
			const systemName = uniqueNodeName('permsys');
			chmodSync(system.writeConfig(systemName, 'system', validConfig()), 0o644);
			const tui = launchTui({cols: 80, rows: 24, env: system.env, runAs: system.user.runAs});
			await tui.waitFor(text => text.includes('(needs root)') && text.includes('(system, needs root)'), {timeout: 15_000});
			tui.press('s');
			const screen = await tui.waitFor(`${systemName} needs root: run 'sudo vnode-tui'`, {timeout: 5000});
			// Refused before any request: a request would have said the socket's permission problem in the status line.
			expect(screen).not.toMatch(/starting|error: No permission/);
			tui.press('q');
			expect((await tui.exited).exitCode).toBe(0);
		} finally {
			system.cleanup();
		}
	}, 30_000);
});
