/**
 * Unix-socket servers that play a broken Docker engine: one accepts every
 * connection and never answers; one answers every request with a fixed raw
 * HTTP reply (truncated JSON, missing fields). Each records the request lines
 * it saw. Closed when the test that made it finishes.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {createServer, type Server, type Socket} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {onTestFinished} from 'vitest';

export type FakeEngineSocket = {
	/** The socket path; `DOCKER_HOST` is `unix://` + this. */
	path: string;
	dockerHost: string;
	/** First line of every request received (`GET /v1.41/_ping HTTP/1.1`). */
	requests: string[];
	/** Connections accepted so far. */
	readonly connections: number;
	close(): Promise<void>;
};

/** A reply: sent and the connection closed; `{keepOpen}` sent and the connection left open and quiet; undefined: nothing, ever. */
export type Reply = string | {keepOpen: string} | undefined;

/** `answer` undefined: accept and stay silent. A function picks the reply by request line. */
export async function fakeEngineSocket(answer?: Reply | ((requestLine: string) => Reply)): Promise<FakeEngineSocket> {
	const dir = mkdtempSync(join(tmpdir(), 'vnode-fake-engine-'));
	const path = join(dir, 'docker.sock');
	const requests: string[] = [];
	const sockets = new Set<Socket>();
	let connections = 0;
	const server: Server = createServer(socket => {
		connections++;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => undefined);
		let head = '';
		socket.on('data', chunk => {
			head += String(chunk);
			const end = head.indexOf('\r\n\r\n');
			if (end < 0) {
				return;
			}

			const line = head.slice(0, head.indexOf('\r\n'));
			head = '';
			requests.push(line);
			const reply = typeof answer === 'function' ? answer(line) : answer;
			if (typeof reply === 'string') {
				socket.end(reply);
			} else if (reply) {
				socket.write(reply.keepOpen);
			}
		});
	});
	await new Promise<void>(resolve => server.listen(path, resolve));
	let closed = false;
	const close = async () => {
		if (closed) {
			return;
		}

		closed = true;
		for (const socket of sockets) {
			socket.destroy();
		}

		await new Promise<void>(resolve => server.close(() => resolve()));
		rmSync(dir, {recursive: true, force: true});
	};

	onTestFinished(close);
	return {
		path,
		dockerHost: `unix://${path}`,
		requests,
		get connections() {
			return connections;
		},
		close,
	};
}

/** A raw HTTP/1.1 reply with this body, the connection closed after it. */
export function httpReply(body: string, status = '200 OK'): string {
	return `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}
