/**
 * Permission problems as a user who is not root and not in the `docker` group (`vnodetest`, made by .ci/run
 * or test/helpers/non-root.ts), running the built vnode-tui through setpriv: the engine's socket refused is
 * said as that, with its fix, never as "engine down".
 */
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
