/**
 * The Docker adapter on the real engine: errors as kinds, log streams with and
 * without a TTY, and the event stream across an engine outage.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {DockerodeEngine} from '../../source/docker/dockerode-engine.js';
import {isEngineError, type EngineEvent, type LogLine} from '../../source/docker/engine.js';
import {docker, dockerSkipReason, dockerTitle, fixtureImage} from '../helpers/docker.js';
import {uniqueNodeName} from '../helpers/sandbox.js';
import {SocketProxy} from '../helpers/socket-proxy.js';

const created: string[] = [];

/** Test containers are named like node containers (`vantage6-vt…`) so .ci/run sweeps up what a killed run leaves. */
const containerName = (label: string) => `vantage6-${uniqueNodeName(label)}-user`;

async function runShell(name: string, script: string, options: {tty: boolean; labels?: Record<string, string>}) {
	const container = await docker.createContainer({
		name,
		Image: fixtureImage,
		Cmd: ['sh', '-c', script],
		Tty: options.tty,
		Labels: options.labels ?? {},
		HostConfig: {NetworkMode: 'none'},
	});
	created.push(container.id);
	await container.start();
	return container;
}

async function collect(lines: AsyncIterable<LogLine>): Promise<LogLine[]> {
	const out: LogLine[] = [];
	for await (const line of lines) {
		out.push(line);
	}

	return out;
}

describe.skipIf(dockerSkipReason)(dockerTitle('DockerodeEngine on a real engine'), () => {
	const engine = new DockerodeEngine();

	afterAll(async () => {
		await Promise.all(created.map(async id => docker.getContainer(id).remove({force: true}).catch(() => undefined)));
	});

	it('info names the engine and its version', async () => {
		const info = await engine.info();
		expect(info.version).toMatch(/^\d+\.\d+/);
		expect(info.host).toBe('/var/run/docker.sock');
	});

	it('not-found for a container and a volume that do not exist', async () => {
		await expect(engine.inspectContainer('vantage6-vt-does-not-exist-user')).rejects.toSatisfy(error => isEngineError(error, 'not-found'));
		expect(await engine.removeVolume('vantage6-vt-no-such-volume')).toBe('absent');
		expect(await engine.volumeExists('vantage6-vt-no-such-volume')).toBe(false);
	});

	it('a volume in use is reported as such, not removed', async () => {
		const volume = `${containerName('vol')}-vol`;
		await engine.createVolume(volume);
		const container = await docker.createContainer({Image: fixtureImage, Cmd: ['true'], HostConfig: {Binds: [`${volume}:/v`], NetworkMode: 'none'}});
		created.push(container.id);
		expect(await engine.removeVolume(volume)).toBe('in-use');
		await container.remove();
		expect(await engine.removeVolume(volume)).toBe('removed');
	});

	it('demultiplexes a non-TTY log into stdout and stderr lines', async () => {
		const container = await runShell(containerName('mux'), 'echo out-1; echo err-1 >&2; printf "out-2\\nout-3"; echo; echo err-2 >&2', {tty: false});
		await container.wait();
		const lines = await collect(engine.logs(container.id));
		expect(lines.filter(line => line.stream === 'stdout').map(line => line.text)).toEqual(['out-1', 'out-2', 'out-3']);
		expect(lines.filter(line => line.stream === 'stderr').map(line => line.text)).toEqual(['err-1', 'err-2']);
	});

	it('reads a TTY log raw, with tail and timestamps', async () => {
		const container = await runShell(containerName('tty'), 'for i in 1 2 3 4 5; do echo line-$i; done', {tty: true});
		await container.wait();
		expect((await collect(engine.logs(container.id))).map(line => line.text)).toEqual(['line-1', 'line-2', 'line-3', 'line-4', 'line-5']);
		expect((await collect(engine.logs(container.id, {tail: 2}))).map(line => line.text)).toEqual(['line-4', 'line-5']);
		const stamped = await collect(engine.logs(container.id, {tail: 1, timestamps: true}));
		expect(stamped[0]?.text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z line-5$/);
	});

	it('follows a log until aborted', async () => {
		const container = await runShell(containerName('follow'), 'i=0; while true; do i=$((i+1)); echo tick-$i; usleep 50000; done', {tty: true});
		const abort = new AbortController();
		const seen: string[] = [];
		for await (const line of engine.logs(container.id, {follow: true, signal: abort.signal})) {
			seen.push(line.text);
			if (seen.length === 5) {
				abort.abort();
			}
		}

		expect(seen.slice(0, 5)).toEqual(['tick-1', 'tick-2', 'tick-3', 'tick-4', 'tick-5']);
	});

	describe('the event stream across an engine outage', () => {
		let dir: string;
		let proxy: SocketProxy;

		beforeAll(async () => {
			dir = mkdtempSync(join(tmpdir(), 'vnode-proxy-'));
			proxy = new SocketProxy(join(dir, 'docker.sock'));
			await proxy.up();
		});

		afterAll(async () => {
			await proxy.down();
			rmSync(dir, {recursive: true, force: true});
		});

		it('reports disconnected and connected, and sees node container events before and after', async () => {
			const proxied = new DockerodeEngine({socketPath: proxy.path, reconnectMs: 200});
			const abort = new AbortController();
			const events: EngineEvent[] = [];
			const reader = (async () => {
				for await (const event of proxied.events(abort.signal)) {
					events.push(event);
				}
			})();
			const labels = {'vantage6-type': 'node', system: 'False', name: 'evt'};
			const seen = (name: string, action: string) => events.some(event => event.type === 'container' && event.name === name && event.action === action);

			// The stream says when it listens; the first container is made after that.
			await expect.poll(() => events.some(event => event.type === 'engine' && event.status === 'connected'), {timeout: 10_000}).toBe(true);
			const first = containerName('evt1');
			await runShell(first, 'true', {tty: true, labels});
			await expect.poll(() => seen(first, 'die'), {timeout: 10_000}).toBe(true);

			await proxy.down();
			await expect.poll(() => events.some(event => event.type === 'engine' && event.status === 'disconnected'), {timeout: 10_000}).toBe(true);

			// This one happens while the client cannot see the engine; it must still arrive (replayed with `since`).
			const during = containerName('evt2');
			await runShell(during, 'true', {tty: true, labels});
			const before = events.length;
			await proxy.up();
			await expect.poll(() => events.slice(before).some(event => event.type === 'engine' && event.status === 'connected'), {timeout: 10_000}).toBe(true);
			await expect.poll(() => seen(during, 'start'), {timeout: 10_000}).toBe(true);

			const after = containerName('evt3');
			await runShell(after, 'true', {tty: true, labels});
			await expect.poll(() => seen(after, 'die'), {timeout: 10_000}).toBe(true);

			// Unlabelled containers are not node events.
			const other = containerName('evt4');
			await runShell(other, 'true', {tty: true});
			await new Promise(resolve => setTimeout(resolve, 500));
			expect(events.some(event => event.type === 'container' && event.name === other)).toBe(false);

			abort.abort();
			await reader;
		});
	});
});
