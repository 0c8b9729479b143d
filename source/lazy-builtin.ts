/**
 * Node built-ins that only some runs need (crypto, https, child_process), loaded on first use
 * rather than at start-up: loading all of node:crypto, or https with tls, costs milliseconds before
 * the first frame and in every command that never hashes, dials TLS or spawns.
 */
import {createRequire} from 'node:module';

const require = createRequire(import.meta.url);

export const lazyCrypto = lazily<typeof import('node:crypto')>('node:crypto');
export const lazyHttps = lazily<typeof import('node:https')>('node:https');
export const lazyChildProcess = lazily<typeof import('node:child_process')>('node:child_process');

function lazily<T>(name: string): () => T {
	let loaded: T | undefined;
	return () => (loaded ??= require(name) as T);
}
