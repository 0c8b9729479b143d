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

		const body = (await response.json()) as {version?: unknown};
		return typeof body.version === 'string' && /^\d+\.\d+/.test(body.version) ? body.version : undefined;
	} catch {
		return undefined;
	}
}
