/**
 * The audit log on disk: modes, one whole line per write under parallel
 * processes, rotation by size (also while others write), syslog through
 * `logger`, the fall-back from a system log that cannot be written, and the
 * bounded, hostile-line-proof reader.
 */
import {spawn} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {buildSync} from 'esbuild';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {AuditFileSink, appendAuditLine, auditPaths} from '../../source/audit/audit-file.js';
import {readAuditLogs} from '../../source/audit/read-audit.js';
import type {AuditEntry} from '../../source/domain/audit-entry.js';

let root: string;
let writer: string;
beforeAll(() => {
	root = mkdtempSync(join(tmpdir(), 'vnode-audit-'));
	// The writer processes run the module itself, bundled from source.
	writer = join(root, 'writer.mjs');
	buildSync({
		stdin: {
			contents: `import {appendAuditLine} from ${JSON.stringify(fileURLToPath(new URL('../../source/audit/audit-file.ts', import.meta.url)))};
const [path, id, count, maxBytes] = process.argv.slice(2);
for (let index = 0; index < Number(count); index++) {
	await appendAuditLine(path, JSON.stringify({writer: Number(id), index, pad: 'x'.repeat(200 + (index % 7) * 50)}) + '\\n', {maxBytes: Number(maxBytes), keep: 60});
}`,
			resolveDir: root,
			loader: 'ts',
		},
		bundle: true,
		platform: 'node',
		format: 'esm',
		outfile: writer,
		logLevel: 'silent',
	});
});
afterAll(() => {
	rmSync(root, {recursive: true, force: true});
});

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
	time: '2026-12-01T10:00:00.000Z',
	host: 'h',
	user: 'u',
	uid: 1,
	action: 'stop',
	node: 'alpha',
	scope: 'user',
	outcome: 'ok',
	durationMs: 5,
	command: 'v6 node stop --name alpha --user',
	...overrides,
});

async function runWriters(path: string, writers: number, lines: number, maxBytes: number): Promise<void> {
	await Promise.all(
		Array.from({length: writers}, async (_, id) =>
			new Promise<void>((resolve, reject) => {
				const child = spawn(process.execPath, [writer, path, String(id), String(lines), String(maxBytes)], {stdio: ['ignore', 'ignore', 'pipe']});
				let stderr = '';
				child.stderr.on('data', chunk => (stderr += String(chunk)));
				child.on('close', code => (code === 0 ? resolve() : reject(new Error(`writer ${id} exited ${code}: ${stderr}`))));
			}),
		),
	);
}

function linesOf(dir: string): string[] {
	return readdirSync(dir)
		.filter(name => name.startsWith('audit.jsonl') && !name.endsWith('.lock'))
		.flatMap(name => readFileSync(join(dir, name), 'utf8').split('\n').filter(line => line !== ''));
}

function expectWholeLines(lines: string[], writers: number, count: number): void {
	const seen = new Set<string>();
	for (const line of lines) {
		const parsed = JSON.parse(line) as {writer: number; index: number};
		seen.add(`${parsed.writer}/${parsed.index}`);
	}

	expect(lines.length).toBe(writers * count);
	expect(seen.size).toBe(writers * count);
}

describe('audit file', () => {
	it('creates the file 0600 in a 0700 directory', async () => {
		const path = join(root, 'modes', 'sub', 'audit.jsonl');
		await appendAuditLine(path, '{"a":1}\n');
		expect(statSync(path).mode & 0o777).toBe(0o600);
		expect(statSync(join(root, 'modes', 'sub')).mode & 0o777).toBe(0o700);
	});

	it('parallel processes: 6 writers x 300 lines, every line whole JSON, none lost', async () => {
		const dir = join(root, 'parallel');
		await runWriters(join(dir, 'audit.jsonl'), 6, 300, 1024 * 1024 * 1024);
		expectWholeLines(linesOf(dir), 6, 300);
	}, 60_000);

	it('parallel processes while the file rotates every ~20 KB: every line whole, none lost, sizes bounded', async () => {
		const dir = join(root, 'parallel-rotate');
		await runWriters(join(dir, 'audit.jsonl'), 4, 250, 20_000);
		expectWholeLines(linesOf(dir), 4, 250);
		const files = readdirSync(dir).filter(name => /^audit\.jsonl\.\d+$/.test(name));
		expect(files.length).toBeGreaterThan(8);
		// Lines written while another process holds the rotation lock land in the file they opened: on a loaded
		// machine a file runs over the limit by what was written meanwhile, but never holds most of the log.
		expect(Math.max(...files.map(name => statSync(join(dir, name)).size))).toBeLessThan(150_000);
		expect(readdirSync(dir).some(name => name.endsWith('.lock'))).toBe(false);
	}, 60_000);

	it('rotation keeps at most `keep` old files, newest in .1', async () => {
		const dir = join(root, 'rotate');
		const path = join(dir, 'audit.jsonl');
		for (let index = 0; index < 40; index++) {
			await appendAuditLine(path, `${JSON.stringify({index, pad: 'x'.repeat(100)})}\n`, {maxBytes: 500, keep: 3});
		}

		expect(readdirSync(dir).sort()).toEqual(['audit.jsonl', 'audit.jsonl.1', 'audit.jsonl.2', 'audit.jsonl.3']);
		const indexOf = (name: string) => (JSON.parse(readFileSync(join(dir, name), 'utf8').split('\n')[0]!) as {index: number}).index;
		expect(indexOf('audit.jsonl.3')).toBeLessThan(indexOf('audit.jsonl.2'));
		expect(indexOf('audit.jsonl.2')).toBeLessThan(indexOf('audit.jsonl.1'));
		expect(indexOf('audit.jsonl.1')).toBeLessThan(indexOf('audit.jsonl'));
		expect(statSync(join(dir, 'audit.jsonl.1')).size).toBeLessThan(500 + 200);
	});

	it('a lock left by a process that died while rotating is taken over once it is stale', async () => {
		const dir = join(root, 'stale');
		const path = join(dir, 'audit.jsonl');
		mkdirSync(dir, {recursive: true});
		writeFileSync(path, 'x'.repeat(600));
		writeFileSync(`${path}.lock`, '');
		await appendAuditLine(path, '{"fresh":1}\n', {maxBytes: 500});
		expect(readdirSync(dir)).not.toContain('audit.jsonl.1');
		const old = new Date(Date.now() - 60_000);
		const {utimesSync} = await import('node:fs');
		utimesSync(`${path}.lock`, old, old);
		await appendAuditLine(path, '{"fresh":2}\n', {maxBytes: 500});
		expect(readFileSync(path, 'utf8')).toBe('{"fresh":2}\n');
		expect(readdirSync(dir).sort()).toEqual(['audit.jsonl', 'audit.jsonl.1']);
	});

	it('a system-scope entry goes to the system log; when that cannot be written, to the user log', async () => {
		const dir = join(root, 'scopes');
		const sink = new AuditFileSink({system: join(dir, 'system', 'audit.jsonl'), user: join(dir, 'user', 'audit.jsonl')});
		await sink.append(entry({scope: 'system'}));
		await sink.append(entry({scope: 'user'}));
		expect(linesOf(join(dir, 'system'))).toHaveLength(1);
		expect(linesOf(join(dir, 'user'))).toHaveLength(1);
		// A file where the system log's directory should be: not writable, so the user log takes it.
		writeFileSync(join(dir, 'blocked'), '');
		const blocked = new AuditFileSink({system: join(dir, 'blocked', 'audit.jsonl'), user: join(dir, 'user', 'audit.jsonl')});
		await blocked.append(entry({scope: 'system', node: 'beta'}));
		expect(linesOf(join(dir, 'user'))).toHaveLength(2);
	});

	it('when no log can be written, append fails with both paths named', async () => {
		const dir = join(root, 'nowhere');
		mkdirSync(dir);
		writeFileSync(join(dir, 'file'), '');
		const sink = new AuditFileSink({system: join(dir, 'file', 's', 'audit.jsonl'), user: join(dir, 'file', 'u', 'audit.jsonl')});
		await expect(sink.append(entry({scope: 'system'}))).rejects.toThrow(/the audit log was not written .*file\/s\/audit\.jsonl.*file\/u\/audit\.jsonl/);
	});

	it('--audit-syslog hands each line to logger (tag vnode-tui); a logger that fails is reported', async () => {
		const dir = join(root, 'syslog');
		mkdirSync(dir);
		const logger = join(dir, 'logger');
		writeFileSync(logger, `#!/bin/sh\nprintf '%s\\n' "$@" >> ${join(dir, 'got')}\n`);
		chmodSync(logger, 0o755);
		const sink = new AuditFileSink({system: join(dir, 's.jsonl'), user: join(dir, 'u.jsonl')}, {syslog: true, logger});
		await sink.append(entry());
		expect(readFileSync(join(dir, 'got'), 'utf8').split('\n').slice(0, 6)).toEqual(['-t', 'vnode-tui', '-p', 'authpriv.info', '--', JSON.stringify(entry())]);
		const broken = new AuditFileSink({system: join(dir, 's.jsonl'), user: join(dir, 'u.jsonl')}, {syslog: true, logger: join(dir, 'missing-logger')});
		await expect(broken.append(entry())).rejects.toThrow(/syslog: .*missing-logger is not installed/);
		// The file line was still written.
		expect(readFileSync(join(dir, 'u.jsonl'), 'utf8').split('\n').filter(line => line.includes('"action"'))).toHaveLength(2);
	});

	it('auditPaths: /var/log/vnode-tui and $XDG_STATE_HOME/vnode-tui, ~/.local/state by default', () => {
		expect(auditPaths({HOME: '/home/a'})).toEqual({system: '/var/log/vnode-tui/audit.jsonl', user: '/home/a/.local/state/vnode-tui/audit.jsonl'});
		expect(auditPaths({HOME: '/home/a', XDG_STATE_HOME: '/s', VNODE_AUDIT_DIR: '/v'})).toEqual({system: '/v/audit.jsonl', user: '/s/vnode-tui/audit.jsonl'});
	});
});

describe('reading the audit logs', () => {
	it('merges both logs and the rotated file by time, skips lines that are not entries, and sanitizes every field', async () => {
		const dir = join(root, 'read');
		mkdirSync(join(dir, 's'), {recursive: true});
		mkdirSync(join(dir, 'u'), {recursive: true});
		writeFileSync(join(dir, 's', 'audit.jsonl.1'), `${JSON.stringify(entry({time: '2026-12-01T08:00:00.000Z', node: 'first'}))}\n`);
		writeFileSync(join(dir, 's', 'audit.jsonl'), `${JSON.stringify(entry({time: '2026-12-01T10:00:00.000Z', node: 'third', user: 'evil\u001B[2J\u009Bname'}))}\nnot json\n{"action":"rm -rf"}\n`);
		writeFileSync(join(dir, 'u', 'audit.jsonl'), `${JSON.stringify(entry({time: '2026-12-01T09:00:00.000Z', node: 'second'}))}\n`);
		const reading = await readAuditLogs({system: join(dir, 's', 'audit.jsonl'), user: join(dir, 'u', 'audit.jsonl')});
		expect(reading.entries.map(item => item.node)).toEqual(['first', 'second', 'third']);
		expect(reading.unreadable).toBe(2);
		expect(reading.entries[2]!.user).not.toMatch(/[\u001B\u009B]/);
	});

	it('reads only the end of a big file, from its first whole line', async () => {
		const dir = join(root, 'big');
		mkdirSync(dir);
		const lines = Array.from({length: 2000}, (_, index) => JSON.stringify(entry({node: `n${index}`})));
		writeFileSync(join(dir, 'audit.jsonl'), `${lines.join('\n')}\n`);
		const reading = await readAuditLogs({system: join(dir, 'audit.jsonl'), user: join(dir, 'audit.jsonl')}, 20_000);
		expect(reading.unreadable).toBe(0);
		expect(reading.entries.length).toBeGreaterThan(50);
		expect(reading.entries.length).toBeLessThan(200);
		expect(reading.entries.at(-1)!.node).toBe('n1999');
	});
});
