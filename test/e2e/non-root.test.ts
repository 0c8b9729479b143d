/**
 * The full-screen UI as a user who is not root and not in the `docker` group (`vnodetest`, run through
 * setpriv, test/helpers/non-root.ts): the socket's refusal is a permission banner with its fix, not
 * "Docker unreachable".
 */
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
});
