/**
 * The commands against engines that misbehave: one that accepts and never
 * answers, one that answers garbage or half-empty JSON, and names that try to
 * steer a request elsewhere. Nothing hangs, nothing crashes, every message
 * says what happened.
 */
import {spawn} from 'node:child_process';
import {createServer} from 'node:net';
import {afterAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {dockerSkipReason, dockerTitle, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {fakeEngineSocket, httpReply} from '../helpers/fake-engine-socket.js';
import {cliPath, Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

const sandbox = new Sandbox();
const node = uniqueNodeName('hostile');
sandbox.writeConfig(node, 'user', validConfig({images: {node: fixtureImage}}));
afterAll(() => sandbox.cleanup());

const crashText = /Cannot read properties|TypeError|\n\s+at /;

type Timed = {code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number};

/** Runs the built CLI; `signalWhen` sends `signal` once it holds (polled), `ms` then counts from the signal. Killed after 30 s whatever happens. */
function runTimed(args: string[], env: Record<string, string>, options: {signal?: NodeJS.Signals; signalWhen?: () => boolean} = {}): Promise<Timed> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(process.execPath, [cliPath, ...args], {env: {...sandbox.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += String(chunk)));
		child.stderr.on('data', chunk => (stderr += String(chunk)));
		const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
		let signalledAt: number | undefined;
		const signaller = setInterval(() => {
			if (options.signalWhen?.()) {
				clearInterval(signaller);
				signalledAt = performance.now();
				child.kill(options.signal ?? 'SIGTERM');
			}
		}, 20);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(guard);
			clearInterval(signaller);
			resolve({code, signal, stdout, stderr, ms: performance.now() - (signalledAt ?? started)});
		});
	});
}

const commands: string[][] = [['list'], ['list', '--json'], ['inspect', node], ['logs', node], ['logs', node, '-f'], ['start', node], ['stop', node], ['restart', node], ['remove', node]];

describe('an engine that accepts the connection and never answers', () => {
	it('every command exits 1 within the 5 s timeout and says so', async () => {
		const silent = await fakeEngineSocket();
		const results = await Promise.all(commands.map(async args => ({args, result: await runTimed(args, {DOCKER_HOST: silent.dockerHost})})));
		for (const {args, result} of results) {
			const label = `vnode-tui ${args.join(' ')}: ${result.stderr}`;
			expect(result.code, label).toBe(1);
			expect(result.stderr, label).toContain(`The Docker engine at ${silent.path} accepted the connection but did not answer within 5 s`);
			expect(result.stderr, label).not.toMatch(crashText);
			// The 5 s timeout, plus start-up of nine at once on a loaded 2-core machine (before the fix: killed by the 30 s guard).
			expect(result.ms, label).toBeLessThan(15_000);
		}

		expect(silent.connections).toBeGreaterThan(0);
	});

	it.each<NodeJS.Signals>(['SIGTERM', 'SIGINT'])('every command exits at once on %s while blocked on it', async signal => {
		const silent = await fakeEngineSocket();
		for (const args of commands) {
			// One at a time: the signal goes once this command's first request is waiting on the engine.
			const before = silent.requests.length;
			const result = await runTimed(args, {DOCKER_HOST: silent.dockerHost}, {signal, signalWhen: () => silent.requests.length > before});
			const label = `vnode-tui ${args.join(' ')}: ${result.stderr}`;
			expect({code: result.code, signal: result.signal}, label).toEqual({code: signal === 'SIGTERM' ? 143 : 130, signal: null});
			expect(result.ms, label).toBeLessThan(1000);
		}
	}, 60_000);
});

describe('an engine that answers something unreadable', () => {
	it('a 200 with truncated JSON is said to be unreadable, never a TypeError', async () => {
		const garbage = await fakeEngineSocket(httpReply('{"Id": "ab'));
		for (const args of [['list'], ['inspect', node], ['logs', node], ['stop', node]]) {
			const result = await runTimed(args, {DOCKER_HOST: garbage.dockerHost});
			const label = `vnode-tui ${args.join(' ')}: ${result.stderr}`;
			expect(result.code, label).toBe(1);
			expect(result.stderr, label).toContain(`The Docker engine at ${garbage.path} answered something unreadable`);
			expect(result.stderr, label).not.toMatch(crashText);
		}
	});

	it('answers without Names, Config or State are read as empty, not crashed on', async () => {
		const sparse = await fakeEngineSocket(line => {
			if (line.includes('/version')) {
				return httpReply('{"Version": "27.0.0", "ApiVersion": "1.46"}');
			}

			if (line.includes('/containers/json')) {
				return httpReply(`[{"Id": "abc123", "Labels": {"vantage6-type": "node"}}, {"Names": null}, 5, null, {"Id": "def456", "Names": ["/vantage6-${node}-user"], "State": 7}]`);
			}

			if (line.includes('/images/')) {
				return httpReply('{}');
			}

			return httpReply('{"Id": "def456"}');
		});
		const list = await runTimed(['list'], {DOCKER_HOST: sparse.dockerHost});
		expect(list.stderr).not.toMatch(crashText);
		expect(list.code, list.stderr).toBe(0);
		expect(list.stdout).toMatch(new RegExp(`${node}\\s+user`));
		const inspect = await runTimed(['inspect', node], {DOCKER_HOST: sparse.dockerHost});
		expect(inspect.stderr).not.toMatch(crashText);
		expect(inspect.code, inspect.stderr).toBe(0);
		expect(inspect.stdout).toContain('Spec check against v6 node start');
	});
});

describe.skipIf(dockerSkipReason)(dockerTitle('names never steer a request (real engine)'), () => {
	it('a name with .., /, :, a space or unicode reaches no other socket and gets a clean answer', async () => {
		const connections: string[] = [];
		const bystander = createServer(socket => {
			connections.push(String(socket.remoteAddress));
			socket.destroy();
		});
		await new Promise<void>(resolve => bystander.listen(0, '127.0.0.1', resolve));
		const {port} = bystander.address() as {port: number};
		try {
			const names = [`../../../127.0.0.1:${port}/x`, `../../127.0.0.1:${port}`, '..', 'a b', 'nöde-ü', 'a:b', 'x/../../_ping', 'x?all=1', 'x#y', '%2e%2e'];
			for (const name of names) {
				const runs = await Promise.all(['logs', 'inspect', 'stop', 'remove'].map(async command => ({command, result: await runTimed([command, name], {})})));
				for (const {command, result} of runs) {
					const label = `vnode-tui ${command} ${name}: ${result.stderr}`;
					const said = result.stdout + result.stderr;
					expect(said, label).not.toMatch(crashText);
					expect(said, label).not.toMatch(/unescaped characters/);
					expect(said, label).toMatch(/No such container|not a valid|No node config|is not running|has no container|invalid|not valid/i);
				}
			}
		} finally {
			await new Promise<void>(resolve => bystander.close(() => resolve()));
		}

		expect(connections).toEqual([]);
	}, 120_000);
});

describe.skipIf(dockerSkipReason)(dockerTitle('VNODE_VERIFY_SECONDS=0 (real engine)'), () => {
	const quick = uniqueNodeName('noverify');
	sandbox.writeConfig(quick, 'user', validConfig({images: {node: fixtureImage}, fixture_lines_per_second: 1}));
	afterAll(async () => removeNodeLeftovers(quick));

	it('start does not watch the node and exits at once', async () => {
		const result = await runTimed(['start', quick], {VNODE_VERIFY_SECONDS: '0'});
		expect(result.stderr).not.toMatch(/error/);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(`Started vantage6-${quick}-user`);
		expect(result.stdout + result.stderr).not.toMatch(/Watching/);
		// Image check, volumes, create and start take well under a second on the fixture image.
		expect(result.ms).toBeLessThan(8000);
	});
});
