/**
 * A kill -9 at any moment of many writes never leaves a torn or empty config:
 * a child process rewrites one file in a loop and is killed at random times.
 */
import {spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {buildSync} from 'esbuild';
import {afterAll, describe, expect, it} from 'vitest';

const root = mkdtempSync(join(tmpdir(), 'vnode-atomic-'));
afterAll(() => rmSync(root, {recursive: true, force: true}));

describe('writeFileAtomic under kill -9', () => {
	it('leaves the old text or the new one, whole, mode 0600, every time', async () => {
		const harness = join(root, 'atomic.mjs');
		buildSync({entryPoints: [fileURLToPath(new URL('../../source/config/atomic-write.ts', import.meta.url))], bundle: true, platform: 'node', format: 'esm', outfile: harness, logLevel: 'silent'});
		const target = join(root, 'node.yaml');
		// Large texts, so a write takes long enough to be interrupted in the middle.
		const texts = ['a', 'b'].map(letter => `# ${letter}\n${`${letter}: ${'x'.repeat(100)}\n`.repeat(4000)}`);
		writeFileSync(target, texts[0]!, {mode: 0o600});
		const loop = join(root, 'loop.mjs');
		writeFileSync(loop, `import {writeFileAtomic} from ${JSON.stringify(harness)};
const texts = ${JSON.stringify(texts)};
process.send?.('ready');
for (let index = 0; ; index++) { await writeFileAtomic(${JSON.stringify(target)}, texts[index % 2]); }
`);
		for (let round = 0; round < 25; round++) {
			const child = spawn(process.execPath, [loop], {stdio: ['ignore', 'ignore', 'inherit', 'ipc']});
			await new Promise(resolve => child.once('message', resolve));
			await new Promise(resolve => setTimeout(resolve, 5 + Math.random() * 60));
			const exited = new Promise(resolve => child.once('exit', resolve));
			child.kill('SIGKILL');
			await exited;
			const text = readFileSync(target, 'utf8');
			expect(texts.includes(text), `round ${round}: ${text.length} bytes, neither text`).toBe(true);
			expect(statSync(target).mode & 0o777).toBe(0o600);
		}

		// Killed writes may leave temp files; they are hidden and never taken for a config.
		expect(readdirSync(root).filter(name => name.endsWith('.yaml'))).toEqual(['node.yaml']);
	}, 60_000);
});

describe('writeFileAtomic that fails', () => {
	it('removes its temp file when the rename fails (the target is a directory)', async () => {
		const {writeFileAtomic} = await import('../../source/config/atomic-write.js');
		const dir = mkdtempSync(join(root, 'failed-'));
		const target = join(dir, 'node.yaml');
		mkdirSync(target);
		await expect(writeFileAtomic(target, 'api_key: k-1\n')).rejects.toThrow();
		expect(readdirSync(dir)).toEqual(['node.yaml']);
	});
});
