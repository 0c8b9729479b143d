/**
 * One suite, two engines: the in-memory fake the UI tests use, and the real
 * engine through dockerode. What the fake claims about Docker is checked here
 * against Docker itself.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {stringify} from 'yaml';
import {DockerodeEngine} from '../../source/docker/dockerode-engine.js';
import {isEngineError, type DockerEngine, type EngineEvent} from '../../source/docker/engine.js';
import {buildNodeSpec, type NodeSpec} from '../../source/domain/node-spec.js';
import type {NodeConfig} from '../../source/domain/node-config.js';
import {dockerSkipReason, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {FakeDockerEngine} from '../helpers/fake-docker-engine.js';
import {validConfig} from '../helpers/fixture-configs.js';
import {uniqueNodeName} from '../helpers/sandbox.js';
import {fakeParts, realParts, WorldHarness} from '../helpers/node-world-harness.js';

const root = mkdtempSync(join(tmpdir(), 'vnode-contract-'));
const names: string[] = [];

afterAll(async () => {
	if (!dockerSkipReason) {
		await Promise.all(names.map(async name => removeNodeLeftovers(name)));
	}

	rmSync(root, {recursive: true, force: true});
});

function nodeSpec(label: string, options: {keep?: boolean; crashAfter?: number; image?: string} = {}): NodeSpec {
	const name = uniqueNodeName(label);
	names.push(name);
	const configDir = join(root, name, 'config');
	mkdirSync(configDir, {recursive: true});
	const config = validConfig({images: {node: options.image ?? fixtureImage}, fixture_lines_per_second: 20, ...(options.crashAfter ? {fixture_crash_after: options.crashAfter} : {})});
	writeFileSync(join(configDir, `${name}.yaml`), stringify(config));
	const paths = {configFile: join(configDir, `${name}.yaml`), configDir, dataDir: join(root, name, 'data'), logDir: join(root, name, 'log')};
	mkdirSync(paths.logDir, {recursive: true});
	return buildNodeSpec(config as NodeConfig, {name, scope: 'user', paths, keep: options.keep ?? false, cwd: root, pathKind: () => undefined}).spec;
}

const engines: Array<[string, () => DockerEngine, string | undefined]> = [
	['the fake engine', () => {
		const fake = new FakeDockerEngine();
		fake.behaviour = details => {
			const crash = details.cmd.includes('crash') ? {exitAfterMs: 500, exitCode: 1} : {};
			return {lines: ['Node connected to server', 'heartbeat seq=1'], ...crash};
		};
		return fake;
	}, undefined],
	['the real engine', () => new DockerodeEngine(), dockerSkipReason],
];

describe.each(engines)('DockerEngine contract: %s', (title, makeEngine, skipReason) => {
	const run = skipReason ? it.skip : it;
	if (skipReason) {
		it.skip(`[skipped: ${skipReason}]`, () => undefined);
	}

	run('creates a node container exactly from the spec, lists it, and starts it', async () => {
		const engine = makeEngine();
		const spec = nodeSpec('c1');
		for (const volume of Object.values(spec.volumes)) {
			await engine.createVolume(volume);
		}

		const id = await engine.createContainer(spec);
		const created = await engine.inspectContainer(spec.containerName);
		expect(created.id).toBe(id);
		expect(created.state.status).toBe('created');
		expect(created.labels).toMatchObject(spec.labels);
		expect(created.cmd).toEqual(spec.cmd);
		expect([created.tty, created.autoRemove]).toEqual([true, true]);
		expect(created.binds).toEqual(spec.mounts.map(mount => mount.bind));
		const byDestination = Object.fromEntries(created.mounts.map(mount => [mount.destination, [mount.type, mount.source, mount.rw]]));
		expect(byDestination).toEqual(Object.fromEntries(spec.mounts.map(mount => [mount.destination, [mount.type, mount.source, !mount.readOnly]])));
		expect((await engine.listNodeContainers()).find(item => item.name === spec.containerName)?.state).toBe('created');

		await engine.startContainer(id);
		const running = (await engine.listNodeContainers()).find(item => item.name === spec.containerName);
		expect(running).toMatchObject({id, state: 'running', image: spec.image});
		await expect(engine.createContainer(spec)).rejects.toSatisfy(error => isEngineError(error, 'conflict'));
		await engine.stopContainer(id, 5);
		await engine.waitContainer(id, 'removed', AbortSignal.timeout(15_000));
		await expect(engine.inspectContainer(id)).rejects.toSatisfy(error => isEngineError(error, 'not-found'));
	});

	run('a name that could never be a container or volume is not found', async () => {
		const engine = makeEngine();
		for (const bad of ['../../x', 'a/b', 'a b', 'nöde', 'x?all=1']) {
			await expect(engine.inspectContainer(bad), bad).rejects.toSatisfy(error => isEngineError(error, 'not-found'));
			await expect(engine.removeVolume(bad), bad).resolves.toBe('absent');
			await expect(engine.volumeExists(bad), bad).resolves.toBe(false);
		}
	});

	run('follows the log of a running node until aborted', async () => {
		const engine = makeEngine();
		const spec = nodeSpec('c2');
		const id = await engine.createContainer(spec);
		await engine.startContainer(id);
		const abort = new AbortController();
		const seen: string[] = [];
		for await (const line of engine.logs(id, {follow: true, signal: abort.signal})) {
			seen.push(line.text);
			if (seen.some(text => text.includes('heartbeat seq=1'))) {
				abort.abort();
			}
		}

		expect(seen.some(text => text.includes('Node connected to server'))).toBe(true);
		await engine.stopContainer(id, 5);
	});

	run('exec runs a command in a running container: its output, its exit code, a TTY, a program that is not there; not in a stopped one', async () => {
		const engine = makeEngine();
		const spec = nodeSpec('exec', {keep: true});
		const id = await engine.createContainer(spec);
		await expect(engine.exec(id, {cmd: ['echo', 'hi'], tty: false, stdin: false})).rejects.toSatisfy(error => isEngineError(error, 'conflict'));
		await engine.startContainer(id);
		const run = async (cmd: string[], tty = false) => {
			const session = await engine.exec(spec.containerName, {cmd, tty, stdin: false, signal: AbortSignal.timeout(15_000)});
			let stdout = '';
			for await (const piece of session.output) {
				stdout += Buffer.from(piece.data).toString();
			}

			return {stdout, exitCode: await session.exitCode()};
		};

		expect(await run(['echo', 'hi'])).toEqual({stdout: 'hi\n', exitCode: 0});
		expect((await run(['echo', 'hi'], true)).stdout).toMatch(/^hi\r?\n$/);
		expect((await run(['sh', '-c', 'exit 3'])).exitCode).toBe(3);
		const missing = await run(['vnode-no-such-program']);
		expect([126, 127]).toContain(missing.exitCode);
		expect(missing.stdout).toMatch(/executable file not found/);
		await expect(engine.exec('vantage6-vnode-contract-nobody-user', {cmd: ['sh'], tty: false, stdin: false})).rejects.toSatisfy(error => isEngineError(error, 'not-found'));
		await engine.removeContainer(id, {force: true});
	});

	run('a volume is in use while a kept container holds it, and removable after', async () => {
		const engine = makeEngine();
		const spec = nodeSpec('c3', {keep: true});
		for (const volume of Object.values(spec.volumes)) {
			await engine.createVolume(volume);
		}

		const id = await engine.createContainer(spec);
		expect(await engine.volumeExists(spec.volumes.data)).toBe(true);
		expect(await engine.removeVolume(spec.volumes.data)).toBe('in-use');
		await engine.removeContainer(id);
		expect(await engine.removeVolume(spec.volumes.data)).toBe('removed');
		expect(await engine.removeVolume(spec.volumes.data)).toBe('absent');
	});

	run('reports a crash: next-exit resolves with the exit code, and events say start, die, destroy', async () => {
		const engine = makeEngine();
		const spec = nodeSpec('crash', {crashAfter: 0.5});
		// The fake decides by the command line; the fixture by its config.
		spec.cmd = [...spec.cmd, ...(title === 'the fake engine' ? ['crash'] : [])];
		const abort = new AbortController();
		const events: EngineEvent[] = [];
		const reader = (async () => {
			for await (const event of engine.events(abort.signal)) {
				events.push(event);
			}
		})();
		// The stream says when it listens: a container made after that is seen, however slow the engine was to listen.
		await expect.poll(() => events.some(event => event.type === 'engine' && event.status === 'connected'), {timeout: 10_000}).toBe(true);
		const id = await engine.createContainer(spec);
		const exited = engine.waitContainer(id, 'next-exit');
		await engine.startContainer(id);
		expect(await exited).toBe(1);
		const actions = () => events.filter(event => event.type === 'container' && event.name === spec.containerName).map(event => (event.type === 'container' ? event.action : ''));
		await expect.poll(() => actions().includes('destroy'), {timeout: 10_000}).toBe(true);
		expect(actions().filter(action => ['create', 'start', 'die', 'destroy'].includes(action))).toEqual(['create', 'start', 'die', 'destroy']);
		abort.abort();
		await reader;
	});

	run('reports resource use: one measured sample, a stream about once a second that ends when the container stops', async () => {
		const engine = makeEngine();
		const spec = nodeSpec('stats', {keep: true});
		const id = await engine.createContainer(spec);
		await engine.startContainer(id);
		try {
			const once = await engine.statsOnce(id);
			expect(once?.cpuPercent).toBeGreaterThanOrEqual(0);
			expect(once!.memoryUsed).toBeGreaterThan(0);
			expect(once!.memoryLimit).toBeGreaterThanOrEqual(once!.memoryUsed);

			const abort = new AbortController();
			const samples: Array<{cpuPercent?: number; at: number}> = [];
			for await (const sample of engine.stats(spec.containerName, abort.signal)) {
				samples.push({...sample, at: Date.now()});
				if (samples.length === 3) {
					abort.abort();
				}
			}

			expect(samples).toHaveLength(3);
			expect(samples[2]!.cpuPercent).toBeGreaterThanOrEqual(0);
			// About a second apart: neither a flood nor a trickle.
			expect(samples[2]!.at - samples[1]!.at).toBeGreaterThan(500);
			expect(samples[2]!.at - samples[1]!.at).toBeLessThan(3000);

			const limit = AbortSignal.timeout(15_000);
			const ended = (async () => {
				let count = 0;
				for await (const _sample of engine.stats(id, limit)) {
					count++;
				}

				return count;
			})();
			await engine.stopContainer(id, 5);
			await ended;
			expect(limit.aborted).toBe(false);
			expect(await engine.statsOnce(id)).toBeUndefined();
		} finally {
			await engine.removeContainer(id, {force: true});
		}

		await expect(engine.statsOnce(id)).rejects.toSatisfy(error => isEngineError(error, 'not-found'));
		const consume = async (ref: string) => {
			for await (const _sample of engine.stats(ref, AbortSignal.timeout(5000))) {
				// Nothing: it must throw first.
			}
		};

		await expect(consume(id)).rejects.toSatisfy(error => isEngineError(error, 'not-found'));
		await expect(consume('../x?stream=1')).rejects.toSatisfy(error => isEngineError(error, 'not-found'));
	});

	run('an image that is not there is image-missing', async () => {
		const engine = makeEngine();
		const spec = nodeSpec('noimg', {image: 'vnode-contract-missing:0'});
		await expect(engine.createContainer(spec)).rejects.toSatisfy(error => isEngineError(error, 'image-missing'));
		expect(await engine.imageExists('vnode-contract-missing:0')).toBe(false);
		expect(await engine.imageExists(fixtureImage)).toBe(true);
	});

	run("lists a node's world (runs and helpers by label, helpers by name, networks with their containers, volumes) and removes networks", async () => {
		const engine = makeEngine();
		const name = uniqueNodeName('world');
		names.push(name);
		const world = new WorldHarness(engine instanceof FakeDockerEngine ? fakeParts(engine) : await realParts(engine));
		try {
			const labels = (type: string) => ({'vantage6-type': type, node: name, run_id: '1'});
			const tmp = `vantage6-${name}-user-1-tmpvol`;
			const runId = await world.box({name: `vantage6-${name}-run-1`, labels: labels('algorithm'), lines: ['boom'], exitCode: 1, volumes: [tmp]});
			const helperId = await world.box({name: `vantage6-${name}-run-1-helper`, labels: labels('algorithm-helper')});
			const vpnId = await world.box({name: `vantage6-${name}-vpn-client`});
			await world.box({name: `vantage6-${name}-other`, exitCode: 0});
			// Another vantage6 type (a server on the same host) is neither a node nor part of a node's world.
			await world.box({name: `vantage6-${name}-server`, labels: labels('server'), exitCode: 0});
			await world.network(`vantage6-${name}-user-net`, [vpnId]);
			await world.network(`vantage6-${name}-system-net`);

			const containers = (await engine.listWorldContainers()).filter(item => item.name.startsWith(`vantage6-${name}-`));
			// Asked together (as every refresh does, sharing one scan) or apart, the answers are the same.
			const [nodesTogether, worldTogether] = await Promise.all([engine.listNodeContainers(), engine.listWorldContainers()]);
			const mine = <T extends {name: string}>(items: T[]) => items.filter(item => item.name.startsWith(`vantage6-${name}-`)).map(item => item.name).sort();
			expect(mine(worldTogether)).toEqual(mine(containers));
			expect(mine(nodesTogether)).toEqual(mine(await engine.listNodeContainers()));
			expect(mine(nodesTogether)).toEqual([]);
			expect(containers.map(item => [item.name, item.state]).sort()).toEqual([
				[`vantage6-${name}-run-1`, 'exited'],
				[`vantage6-${name}-run-1-helper`, 'running'],
				[`vantage6-${name}-vpn-client`, 'running'],
			]);
			const run1 = containers.find(item => item.id === runId)!;
			expect(run1.status).toMatch(/^Exited \(1\)/);
			expect(run1.volumes).toEqual([tmp]);
			expect(run1.labels).toMatchObject(labels('algorithm'));
			expect(containers.find(item => item.id === vpnId)!.networks).toContain(`vantage6-${name}-user-net`);
			expect(containers.find(item => item.id === helperId)!.labels['vantage6-type']).toBe('algorithm-helper');

			const networks = async () => Object.fromEntries((await engine.listNetworks(`vantage6-${name}-`)).map(network => [network.name, network.containers]));
			expect(await networks()).toEqual({[`vantage6-${name}-user-net`]: [vpnId], [`vantage6-${name}-system-net`]: []});
			expect(await engine.listVolumes(`vantage6-${name}-`)).toEqual([tmp]);

			expect(await engine.removeNetwork(`vantage6-${name}-user-net`)).toBe('in-use');
			expect(await engine.removeNetwork(`vantage6-${name}-system-net`)).toBe('removed');
			expect(await engine.removeNetwork(`vantage6-${name}-system-net`)).toBe('absent');
			// A stopped container has no endpoint: the network counts as unused and can go.
			await engine.stopContainer(vpnId, 1);
			expect(await networks()).toEqual({[`vantage6-${name}-user-net`]: []});
			expect(await engine.removeNetwork(`vantage6-${name}-user-net`)).toBe('removed');
		} finally {
			await world.cleanup();
		}
	});
});
