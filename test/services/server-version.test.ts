/**
 * The server's /version, asked to pick the node image: a real HTTP server on
 * loopback answers well, too much, garbage or nothing.
 */
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {NodeConfig} from '../../source/domain/node-config.js';
import {fetchServerVersion} from '../../source/services/server-version.js';

let server: Server;
let port: number;

beforeAll(async () => {
	server = createServer((request, response) => {
		switch (request.url) {
			case '/ok/version': {
				response.end(JSON.stringify({version: '4.14.2'}));
				return;
			}

			case '/huge/version': {
				// A version string padded past the cap: read whole, it would be believed.
				response.end(JSON.stringify({version: '4.14.2', padding: 'x'.repeat(200_000)}));
				return;
			}

			case '/garbage/version': {
				response.end('{"version": "4.1');
				return;
			}

			default: {
				// Never answers: the timeout ends the wait.
			}
		}
	});
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise(resolve => {
		server.close(resolve);
	});
});

const config = (apiPath: string) => ({server_url: 'http://127.0.0.1', port, api_path: apiPath}) as unknown as NodeConfig;

describe('fetchServerVersion', () => {
	it('reads the version of a server that answers', async () => {
		expect(await fetchServerVersion(config('/ok'))).toBe('4.14.2');
	});

	it('gives up on an answer over 64 KiB, on unreadable JSON and on silence (unknown: the default image is used)', async () => {
		expect(await fetchServerVersion(config('/huge'))).toBeUndefined();
		expect(await fetchServerVersion(config('/garbage'))).toBeUndefined();
		const started = Date.now();
		expect(await fetchServerVersion(config('/silent'), 300)).toBeUndefined();
		expect(Date.now() - started).toBeLessThan(3000);
	});
});
