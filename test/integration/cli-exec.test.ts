/**
 * `vnode-tui exec` against the real engine: the command's output and exit code come through,
 * with a TTY on a terminal and without one in a pipe; a container without `sh` gets a clear
 * message instead of a hang; a node that is not started is said so.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {docker, dockerSkipReason, dockerTitle, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {launchTui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

describe.skipIf(dockerSkipReason)(dockerTitle('vnode-tui exec on a real node'), () => {
	const sandbox = new Sandbox();
	const name = uniqueNodeName('exec');
	const bare = uniqueNodeName('nosh');
	const bareImage = `vnode-nosh-${bare}:1`;
	sandbox.writeConfig(name, 'user', validConfig({images: {node: fixtureImage}}));

	beforeAll(async () => {
		expect((await sandbox.run(['start', name])).code).toBe(0);
		// An image with one static busybox at /busybox and nothing else: no /bin/sh.
		const donor = await docker.createContainer({Image: fixtureImage, Cmd: ['true'], name: `vantage6-${bare}-donor`});
		try {
			const archive = await donor.getArchive({path: '/bin/busybox'});
			const progress = await docker.importImage(archive as unknown as string, {repo: `vnode-nosh-${bare}`, tag: '1'});
			await new Promise((resolve, reject) => {
				docker.modem.followProgress(progress, error => (error ? reject(error) : resolve(undefined)));
			});
		} finally {
			await donor.remove({force: true});
		}

		const container = await docker.createContainer({Image: bareImage, Cmd: ['/busybox', 'sleep', '600'], name: `vantage6-${bare}-user`});
		await container.start();
	}, 120_000);

	afterAll(async () => {
		await removeNodeLeftovers(name);
		await removeNodeLeftovers(bare);
		await docker.getImage(bareImage).remove({force: true}).catch(() => undefined);
		sandbox.cleanup();
	});

	it('-- echo hi prints hi and exits 0; the exit code and stderr of the command pass through', async () => {
		const echoed = await sandbox.run(['exec', name, '--', 'echo', 'hi']);
		expect(echoed).toEqual({code: 0, stdout: 'hi\n', stderr: ''});
		const failed = await sandbox.run(['exec', name, '--', 'sh', '-c', 'echo oops >&2; exit 3']);
		expect(failed).toEqual({code: 3, stdout: '', stderr: 'oops\n'});
		// Flags of the command are its own, not vnode-tui's.
		expect(await sandbox.run(['exec', name, '--', 'ls', '-d', '--', '/mnt/config'])).toMatchObject({code: 0, stdout: '/mnt/config\n'});
	});

	it('on a terminal the command gets a TTY of the terminal\'s size', async () => {
		// Docker 20 sizes the TTY only after the start: the command waits (up to 5 s) until it has a size
		// (busybox's stty says "0 0", or once in a while nothing at all, before it has one).
		const script = 'for i in $(seq 100); do s=$(stty size 2>/dev/null); case "$s" in ""|"0 0") sleep 0.05;; *) break;; esac; done; echo "size $s"; [ -t 0 ] && echo on-a-tty; exit 5';
		const tui = launchTui({cols: 100, rows: 30, env: sandbox.env, args: ['exec', name, '--', 'sh', '-c', script]});
		await tui.waitFor(screen => screen.includes('size 30 100') && screen.includes('on-a-tty'));
		expect((await tui.exited).exitCode).toBe(5);
	});

	it('a container without sh: a clear message and the exit code, not a hang', async () => {
		const started = Date.now();
		const result = await sandbox.run(['exec', bare], {timeoutMs: 20_000});
		expect(result.code).toBe(126);
		expect(result.stderr).toContain(`error: vantage6-${bare}-user: the container has no 'sh' to run (exit 126). The image has no shell; run a program it has with 'vnode-tui exec NAME -- PROGRAM'.`);
		expect(Date.now() - started).toBeLessThan(15_000);
		// A program it has runs.
		expect(await sandbox.run(['exec', bare, '--', '/busybox', 'echo', 'still-here'])).toMatchObject({code: 0, stdout: 'still-here\n'});
	});

	it('a node that is not started, a bad run id, and a run that is not there are said so', async () => {
		const missing = uniqueNodeName('gone');
		expect(await sandbox.run(['exec', missing])).toMatchObject({code: 1, stderr: expect.stringContaining(`No container vantage6-${missing}-user: node ${missing} is not started`)});
		expect(await sandbox.run(['exec', name, '--run', 'x1'])).toMatchObject({code: 2, stderr: expect.stringContaining('--run takes a run id')});
		expect(await sandbox.run(['exec', name, 'ls', '/'])).toMatchObject({code: 2, stderr: expect.stringContaining(`the command goes after --: 'vnode-tui exec ${name} -- ls /'`)});
		expect(await sandbox.run(['exec', name, '--run', '424242'])).toMatchObject({code: 1, stderr: expect.stringContaining(`No container vantage6-${name}-run-424242: run 424242 of node ${name} is not on this engine`)});
	});
});
