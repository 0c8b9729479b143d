/**
 * A whole vnode-tui world for UI tests: node configs in a temp dir, the real
 * NodeService, and the in-memory engine behind it.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import React from 'react';
import {afterEach, beforeEach} from 'vitest';
import {stringify} from 'yaml';
import {App, type AppOptions} from '../../source/app.js';
import {saveLogFile} from '../../source/config/log-file.js';
import {officialLocations} from '../../source/config/paths.js';
import {hostFiles, YamlConfigStore} from '../../source/config/yaml-config-store.js';
import type {Scope} from '../../source/domain/node-config.js';
import {NodeService} from '../../source/services/node-service.js';
import {ConfigActions} from '../../source/services/config-actions.js';
import {StatsWatch, type StatsSnapshot, type StatsWatchOptions} from '../../source/services/stats-watch.js';
import {runExec, type ExecOutcome} from '../../source/services/exec-shell.js';
import {createTheme} from '../../source/ui/theme.js';
import type {AuditEntry} from '../../source/domain/audit-entry.js';
import type {Accountability} from '../../source/services/accountable.js';
import {FakeDockerEngine} from './fake-docker-engine.js';
import {validConfig} from './fixture-configs.js';
import {renderAt, type Rendered} from './render-ink.js';

export class UiWorld {
	readonly root = mkdtempSync(join(tmpdir(), 'vnode-ui-'));
	readonly engine = new FakeDockerEngine();
	readonly service: NodeService;
	readonly configs: ConfigActions;
	options: AppOptions = {};
	/** How the UI's stats watcher flushes and retries (tests make it quick). */
	statsOptions: StatsWatchOptions = {};
	/** What the UI's shell key runs: by default `sh` on the fake engine, typing nothing (it ends at once). */
	shell = async (container: string): Promise<ExecOutcome> =>
		runExec(this.engine, container, ['sh'], {
			write: () => undefined,
			onInput(_listener, onEnd) {
				queueMicrotask(onEnd);
				return () => undefined;
			},
			tty: {size: () => ({rows: 24, columns: 80}), onResize: () => () => undefined},
		});
	/** What the services wrote to the audit log (in memory). */
	readonly audit: AuditEntry[] = [];
	/** Audit write failures the services reported. */
	readonly auditErrors: string[] = [];
	/** Set to make the audit sink fail with this message. */
	auditFailure: string | undefined;
	readonly accountability: Accountability;
	private readonly auditListeners = new Set<(problem: string | undefined) => void>();

	constructor(options: {readOnly?: string} = {}) {
		const locations = officialLocations({configRoot: join(this.root, 'configs'), env: {HOME: join(this.root, 'home')}});
		const store = new YamlConfigStore(locations);
		this.accountability = {
			sink: {
				append: async entry => {
					if (this.auditFailure) {
						throw new Error(this.auditFailure);
					}

					this.audit.push(entry);
				},
			},
			who: {host: 'testhost', user: 'tester', uid: 1234, sshClient: '192.0.2.7', tty: '/dev/pts/9'},
			...(options.readOnly ? {readOnly: options.readOnly} : {}),
			onAuditError: message => {
				this.auditErrors.push(message);
				this.auditListeners.forEach(listener => listener(message));
			},
			onAuditOk: () => this.auditListeners.forEach(listener => listener(undefined)),
		};
		this.configs = new ConfigActions({store, engine: this.engine, locations, hostEnv: {}, accountability: this.accountability});
		this.service = new NodeService({
			accountability: this.accountability,
			engine: this.engine,
			store,
			files: hostFiles,
			hostEnv: {},
			cwd: this.root,
			verifySeconds: 0.2,
		});
	}

	writeConfig(name: string, config: Record<string, unknown> | string = {}, scope: Scope = 'user'): string {
		const dir = join(this.root, 'configs', scope);
		mkdirSync(dir, {recursive: true});
		const path = join(dir, `${name}.yaml`);
		writeFileSync(path, typeof config === 'string' ? config : stringify(validConfig({images: {node: 'vnode-fixture:latest'}, ...config})));
		return path;
	}

	render(columns = 80, rows = 24, env: Record<string, string> = {}): Rendered {
		const services = {
			nodes: this.service,
			engine: this.engine,
			configs: this.configs,
			hostEnv: {},
			watchStats: (onFlush: (cells: StatsSnapshot) => void) => new StatsWatch(this.engine, onFlush, this.statsOptions),
			saveLog: async (name: string, lines: readonly string[]) => saveLogFile(join(this.root, 'saved-logs'), name, lines),
			shell: async (container: string) => this.shell(container),
			...(this.accountability.readOnly ? {readOnly: this.accountability.readOnly} : {}),
			readAudit: async () => ({entries: [...this.audit], unreadable: 0, problems: []}),
			onAuditProblem: (listener: (problem: string | undefined) => void) => {
				this.auditListeners.add(listener);
				return () => this.auditListeners.delete(listener);
			},
		};
		return renderAt(<App services={services} theme={createTheme(env)} options={this.options} />, columns, rows);
	}

	/** From now on as a user who may not act on system nodes (ConfigStore.needsRoot says why). */
	withoutRoot(reason = '/etc/vantage6/node is not writable by user alice'): void {
		this.service.deps.store.needsRoot = scope => (scope === 'system' ? reason : undefined);
	}

	cleanup(): void {
		rmSync(this.root, {recursive: true, force: true});
	}
}

/** The table row of a node, as shown. */
export function rowOf(frame: string, name: string): string {
	return frame.split('\n').find(line => new RegExp(`^[▸ ] ${name} `).test(line)) ?? '';
}

/** Per test: a fresh world; after the test the UI rendered on it (`ui`) is unmounted and the world removed. */
export function perTestWorld(): {world: UiWorld; ui: Rendered | undefined} {
	const current = {} as {world: UiWorld; ui: Rendered | undefined};
	beforeEach(() => {
		current.world = new UiWorld();
	});
	afterEach(() => {
		current.ui?.unmount();
		current.ui = undefined;
		current.world.cleanup();
	});
	return current;
}
