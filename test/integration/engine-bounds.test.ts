/**
 * The Docker adapter's bounds, on fake engine sockets: streams that go quiet
 * on a dead engine end, a pull with no progress ends, an answer too large is
 * not read, and names are encoded into one path segment (on the real engine).
 */
import {getEventListeners} from 'node:events';
import {describe, expect, it} from 'vitest';
import {DockerodeEngine} from '../../source/docker/dockerode-engine.js';
import {encodePath} from '../../source/docker/engine-request.js';
import {isEngineError, type EngineEvent} from '../../source/docker/engine.js';
import {dockerSkipReason, dockerTitle, fixtureImage} from '../helpers/docker.js';
import {fakeEngineSocket, httpReply} from '../helpers/fake-engine-socket.js';

/** Headers of a streamed answer; the body never comes. */
const streamHead = {keepOpen: 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n'};

const limits = {readMs: 400, heartbeatMs: 300, pullSilenceMs: 600};

describe('streams on an engine that stops answering', () => {
	it('the event stream reports the engine gone when it falls silent', async () => {
		// Pings are answered until the stream is open, then nothing is.
		let streaming = false;
		const socket = await fakeEngineSocket(line => {
			if (line.includes('/events')) {
				streaming = true;
				return streamHead;
			}

			return streaming ? undefined : httpReply('OK');
		});
		const engine = new DockerodeEngine({socketPath: socket.path, limits, reconnectMs: 100});
		const abort = new AbortController();
		const events: EngineEvent[] = [];
		const started = performance.now();
		for await (const event of engine.events(abort.signal)) {
			events.push(event);
			if (event.type === 'engine' && event.status === 'disconnected') {
				abort.abort();
			}
		}

		expect(events).toEqual([
			{type: 'engine', status: 'connected', message: expect.stringContaining('Listening') as string},
			{type: 'engine', status: 'disconnected', message: expect.stringContaining('did not answer within 0.4 s') as string, kind: 'daemon-unreachable'},
		]);
		// Quiet for a heartbeat (0.3 s), then a ping that times out (0.4 s), checked every 60 ms.
		expect(performance.now() - started).toBeLessThan(2000);
	});

	it('a followed log ends with the reason when the engine falls silent', async () => {
		let streaming = false;
		const socket = await fakeEngineSocket(line => {
			if (line.includes('/logs')) {
				streaming = true;
				return streamHead;
			}

			if (line.includes('/containers/')) {
				return httpReply('{"Id": "abc123", "Config": {"Tty": true}}');
			}

			return streaming ? undefined : httpReply('OK');
		});
		const engine = new DockerodeEngine({socketPath: socket.path, limits});
		const reading = (async () => {
			for await (const _line of engine.logs('abc123', {follow: true})) {
				// Nothing comes.
			}
		})();
		await expect(reading).rejects.toSatisfy(error => isEngineError(error, 'daemon-unreachable'));
	});

	it('a pull that makes no progress is given up, though the engine answers pings', async () => {
		const socket = await fakeEngineSocket(line => (line.includes('/images/create') ? streamHead : line.includes('/_ping') ? httpReply('OK') : httpReply('{"message": "no such image"}', '404 Not Found')));
		const engine = new DockerodeEngine({socketPath: socket.path, limits});
		await expect(engine.pullImage('registry.example/node:1')).rejects.toThrow(/could not be pulled \(The pull of registry\.example\/node:1 made no progress for 0\.6 s\.\)/);
		expect(socket.requests.some(line => line.startsWith('POST /images/create?fromImage=registry.example%2Fnode&tag=1 '))).toBe(true);
	});
});

describe('the event stream over many reconnects', () => {
	it('leaves no abort listener behind per stream (Node would warn on the screen after ten)', async () => {
		const socket = await fakeEngineSocket(line => (line.includes('/events') ? httpReply('') : httpReply('OK')));
		const engine = new DockerodeEngine({socketPath: socket.path, limits, reconnectMs: 5});
		const abort = new AbortController();
		let streams = 0;
		for await (const event of engine.events(abort.signal)) {
			if (event.type === 'engine' && event.status === 'connected' && ++streams === 25) {
				break;
			}
		}

		expect(getEventListeners(abort.signal, 'abort').length).toBeLessThan(3);
		abort.abort();
	});
});

describe('answers the adapter does not read', () => {
	it('an answer over 16 MB is refused, not buffered', async () => {
		const huge = `[${'"x",'.repeat(5 * 1024 * 1024)}"x"]`;
		const socket = await fakeEngineSocket(httpReply(huge));
		const engine = new DockerodeEngine({socketPath: socket.path});
		await expect(engine.listNodeContainers()).rejects.toThrow('The Docker engine answered more than 16 MB; not read further.');
	});

	it('ids and names that could never be a container never become a request', async () => {
		const socket = await fakeEngineSocket(httpReply('{}'));
		const engine = new DockerodeEngine({socketPath: socket.path});
		for (const bad of ['../../x', 'a/b', 'a b', 'nöde', 'x?y', '', '.hidden', '-flag']) {
			await expect(engine.inspectContainer(bad), bad).rejects.toSatisfy(error => isEngineError(error, 'not-found'));
			await expect(engine.removeVolume(bad), bad).resolves.toBe('absent');
		}

		expect(socket.requests).toEqual([]);
	});

	it('every path segment is percent-encoded', () => {
		expect(encodePath(['images', 'harbor2.vantage6.ai/infrastructure/node:4.14', 'json'])).toBe('/images/harbor2.vantage6.ai%2Finfrastructure%2Fnode%3A4.14/json');
		expect(encodePath(['containers', '../../127.0.0.1:8999/x', 'json'])).toBe('/containers/..%2F..%2F127.0.0.1%3A8999%2Fx/json');
	});
});

describe.skipIf(dockerSkipReason)(dockerTitle('encoded names on a real engine'), () => {
	it('an image named with a registry path is found through its encoded name', async () => {
		const engine = new DockerodeEngine();
		const [repository, tag] = fixtureImage.split(':');
		const env = await engine.imageEnv(`docker.io/library/${repository}:${tag ?? 'latest'}`);
		expect(env).toEqual(expect.arrayContaining([expect.stringMatching(/^PATH=/)]));
		expect(await engine.imageEnv('docker.io/library/vt-no-such-image:1')).toBeUndefined();
	});
});
