import type {NodeConfig} from '../domain/node-config.js';

/**
 * Asks the vantage6 server for its version, as `v6 node start` does to pick the
 * node image `node:<major>.<minor>` when the config names none. Any failure
 * means "unknown", and the default image is used.
 */
export async function fetchServerVersion(config: NodeConfig, timeoutMs = 3000): Promise<string | undefined> {
	if (typeof config.server_url !== 'string' || config.port === null || config.port === undefined) {
		return undefined;
	}

	// The CLI runs on the host, where the node's docker-internal addresses mean localhost.
	const base = ['http://host.docker.internal', 'http://172.17.0.1'].includes(config.server_url) ? 'http://localhost' : config.server_url;
	const url = `${base}:${String(config.port)}${String(config.api_path ?? '')}/version`;
	try {
		const response = await fetch(url, {signal: AbortSignal.timeout(timeoutMs)});
		if (!response.ok) {
			return undefined;
		}

		const text = await boundedText(response, maxBodyBytes);
		const body = text === undefined ? undefined : (JSON.parse(text) as {version?: unknown} | null);
		return typeof body?.version === 'string' && /^\d+\.\d+/.test(body.version) ? body.version : undefined;
	} catch {
		return undefined;
	}
}

/** `/version` answers a few bytes; a server that sends more is not asked further. */
const maxBodyBytes = 64 * 1024;

async function boundedText(response: Response, limit: number): Promise<string | undefined> {
	const reader = response.body?.getReader();
	if (!reader) {
		return undefined;
	}

	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		// eslint-disable-next-line no-await-in-loop
		const {done, value} = await reader.read();
		if (done) {
			break;
		}

		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			return undefined;
		}

		chunks.push(value);
	}

	return Buffer.concat(chunks).toString('utf8');
}
