/**
 * The pty helper reads whole frames: Ink wraps each frame in a synchronized
 * update, and a frame that reaches the terminal in several reads (a loaded
 * machine) must not be taken half drawn, with the new frame's rows above the
 * last frame's. That half-drawn read made test/e2e/log-switch.test.ts see a
 * "gap" (one node's heartbeats above the other node's) that no frame ever had.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {launchTui} from '../helpers/pty.js';

const dir = mkdtempSync(join(tmpdir(), 'vt-pty-frames-'));
afterAll(() => {
	rmSync(dir, {recursive: true, force: true});
});

/** A script that writes `parts` with a pause between them, then waits to be killed. */
function script(name: string, parts: readonly string[], pauseMs: number): string {
	const path = join(dir, `${name}.cjs`);
	writeFileSync(
		path,
		`const parts = ${JSON.stringify(parts)};
let i = 0;
const next = () => { if (i < parts.length) { process.stdout.write(parts[i++]); setTimeout(next, ${pauseMs}); } };
next();
setTimeout(() => {}, 20000);
`,
	);
	return path;
}

const begin = '\u001B[?2026h';
const end = '\u001B[?2026l';
const home = '\u001B[H\u001B[2J';

describe('pty helper: waitFor reads whole frames', () => {
	it('does not take a frame whose first rows are drawn and whose last rows are still the frame before', async () => {
		const tui = launchTui({
			cols: 40,
			rows: 6,
			script: script('split-frame', [`${begin}${home}top A\r\nbottom A${end}`, `${begin}${home}top B\r\n`, `bottom B${end}`], 700),
		});
		const screen = await tui.waitFor(text => text.includes('top B'), {timeout: 5000});
		expect(screen).toContain('bottom B');
		expect(screen).not.toContain('bottom A');
		tui.kill('SIGKILL');
		await tui.exited;
	});

	it('finds the begin of a synchronized update split between two reads', async () => {
		const tui = launchTui({
			cols: 40,
			rows: 6,
			script: script('split-sequence', [`${begin}${home}top A\r\nbottom A${end}\u001B[?20`, `26h${home}top B\r\n`, `bottom B${end}`], 700),
		});
		const screen = await tui.waitFor(text => text.includes('top B'), {timeout: 5000});
		expect(screen).toContain('bottom B');
		tui.kill('SIGKILL');
		await tui.exited;
	});
});
