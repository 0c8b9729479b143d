/**
 * A throwaway home for one test file: XDG dirs for user and system scope under
 * a temp dir, node configs written there, and the built vnode-tui run with
 * that environment.
 */
import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {stringify} from 'yaml';
import type {Scope} from '../../source/domain/node-config.js';

export const cliPath = fileURLToPath(new URL('../../dist/vnode-tui.js', import.meta.url));

export type RunResult = {code: number | null; stdout: string; stderr: string};

export class Sandbox {
	readonly root = mkdtempSync(join(tmpdir(), 'vnode-it-'));
	readonly env: Record<string, string>;

	constructor(extraEnv: Record<string, string> = {}) {
		// FORCE_COLOR is for the in-process UI tests (vitest.config.ts); with NO_COLOR set, Node would warn about the pair.
		const {CI: _ci, FORCE_COLOR: _forceColor, ...inherited} = process.env;
		this.env = {
			...(inherited as Record<string, string>),
			HOME: join(this.root, 'home'),
			XDG_CONFIG_HOME: join(this.root, 'home', '.config'),
			XDG_DATA_HOME: join(this.root, 'home', '.local', 'share'),
			XDG_CACHE_HOME: join(this.root, 'home', '.cache'),
			XDG_STATE_HOME: join(this.root, 'home', '.local', 'state'),
			// The system audit log too: a test run as root never writes /var/log.
			VNODE_AUDIT_DIR: join(this.root, 'var-log-vnode-tui'),
			XDG_CONFIG_DIRS: join(this.root, 'etc'),
			XDG_DATA_DIRS: join(this.root, 'usr-local-share'),
			VNODE_VERIFY_SECONDS: '2',
			NO_COLOR: '1',
			...extraEnv,
		};
	}

	configDir(scope: Scope): string {
		return scope === 'user' ? join(this.root, 'home', '.config', 'vantage6', 'node') : join(this.root, 'etc', 'vantage6', 'node');
	}

	logDir(scope: Scope, name: string): string {
		return scope === 'user' ? join(this.root, 'home', '.cache', 'vantage6', 'log', 'node', name) : join(this.root, 'usr-local-share', 'vantage6', 'node', name);
	}

	dataDir(scope: Scope, name: string): string {
		return scope === 'user' ? join(this.root, 'home', '.local', 'share', 'vantage6', 'node', name) : join(this.root, 'usr-local-share', 'vantage6', 'node', name);
	}

	writeConfig(name: string, scope: Scope, config: Record<string, unknown> | string): string {
		const dir = this.configDir(scope);
		mkdirSync(dir, {recursive: true});
		const path = join(dir, `${name}.yaml`);
		writeFileSync(path, typeof config === 'string' ? config : stringify(config), {mode: 0o600});
		return path;
	}

	/** @param options.runAs a command that runs node as someone else (test/helpers/non-root.ts) */
	run(args: string[], options: {env?: Record<string, string>; timeoutMs?: number; runAs?: readonly string[]} = {}): Promise<RunResult> {
		return new Promise((resolve, reject) => {
			const [file, ...prefix] = [...(options.runAs ?? []), process.execPath];
			const child = spawn(file!, [...prefix, cliPath, ...args], {env: {...this.env, ...options.env}, stdio: ['ignore', 'pipe', 'pipe']});
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', chunk => (stdout += String(chunk)));
			child.stderr.on('data', chunk => (stderr += String(chunk)));
			const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
			child.on('error', reject);
			child.on('close', code => {
				clearTimeout(timer);
				resolve({code, stdout, stderr});
			});
		});
	}

	cleanup(): void {
		rmSync(this.root, {recursive: true, force: true});
	}
}

/** A node name unique to this run, with the `vt` prefix .ci/run sweeps up. */
export function uniqueNodeName(label: string): string {
	return `vt${label}${randomBytes(3).toString('hex')}`;
}
