/**
 * Moving a block of rows on the terminal instead of rewriting it: the plan,
 * and Ink's patched incremental writer driving a headless xterm through
 * random frames, where the screen must always equal the last frame.
 */
import xterm from '@xterm/headless';
import {afterAll, describe, expect, it} from 'vitest';
// @ts-expect-error: plain ESM build script, no types
import {applyShift, planShift} from '../../scripts/scroll-shift.mjs';
import {importDependency, removeDependencyCopies, seededRandom} from '../helpers/dependency-file.js';

type Writer = ((frame: string) => boolean) & {sync?: unknown};
type LogUpdate = {create: (stream: {write: (text: string) => boolean}, options: {incremental: boolean}) => Writer};

afterAll(removeDependencyCopies);

/** Ink's log-update, patched or as installed. */
async function logUpdate(patched: boolean): Promise<LogUpdate> {
	return (await importDependency<{default: LogUpdate}>('ink/build/log-update.js', {patched})).default;
}

/** A terminal of cols x rows fed by a writer; `screen()` is what it shows. */
function terminal(cols: number, rows: number) {
	// convertEol: a pty turns \n into \r\n (ONLCR), which Ink relies on.
	const term = new xterm.Terminal({cols, rows, allowProposedApi: true, convertEol: true});
	let bytes = 0;
	let raw = '';
	let pending = Promise.resolve();
	const stream = {
		write(text: string) {
			bytes += Buffer.byteLength(text);
			raw += text;
			pending = pending.then(async () => new Promise<void>(resolve => {
				term.write(text, resolve);
			}));
			return true;
		},
	};
	const screen = () => {
		const buffer = term.buffer.active;
		return Array.from({length: rows}, (_, row) => (buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '').trimEnd());
	};

	return {stream, screen, settled: async () => pending, bytes: () => bytes, raw: () => raw};
}

describe('planShift', () => {
	it('finds the block that moved up and by how much', () => {
		const previous = ['head', 'a', 'b', 'c', 'd', 'e', 'f', 'foot'];
		const next = ['head', 'c', 'd', 'e', 'f', 'g', 'h', 'foot'];
		expect(planShift(previous, next, 8)).toEqual({k: 2, top: 1, bottom: 4, saved: 4});
	});

	it('does not shift when the rows it would empty had not changed', () => {
		// Rows 1-3 are rows 4-6 moved up by 3, but that would empty rows 4-6, which did not change: no gain.
		const previous = ['h', 'a', 'b', 'c', 'p', 'q', 'r', 's', 't', 'u', 'f'];
		const next = ['h', 'p', 'q', 'r', 'p', 'q', 'r', 's', 't', 'u', 'f'];
		expect(planShift(previous, next, 11)).toBeUndefined();
	});

	it('plans nothing for a frame that did not move, or too few rows', () => {
		const rows = ['head', 'a', 'b', 'c', 'd', 'foot'];
		expect(planShift(rows, rows, 6)).toBeUndefined();
		expect(planShift(['x', 'a', 'b', 'y'], ['x', 'b', 'c', 'y'], 4)).toBeUndefined();
		expect(planShift(['1', '2', '3', '4', '5', '6'], ['7', '8', '9', '10', '11', '12'], 6)).toBeUndefined();
	});

	it('gives the rows as the terminal holds them after the move: the vacated ones never match', () => {
		const previous = ['head', 'a', 'b', 'c', 'd', 'e', 'f', 'foot'];
		const {sequence, previous: after} = applyShift(previous, {k: 2, top: 1, bottom: 4}) as {sequence: string; previous: string[]};
		expect(after.slice(0, 5)).toEqual(['head', 'c', 'd', 'e', 'f']);
		expect(after[7]).toBe('foot');
		expect([after[5], after[6]]).not.toContain('e');
		expect(sequence).toBe('\u001B[1B\u001B[2M\u001B[4B\u001B[2L\u001B[5A');
	});
});

describe("Ink's incremental writer with the shift", () => {
	const cols = 60;
	const rows = 24;
	const height = rows - 1;

	/** Frames of a followed log between a header and a footer, with now and then a dialog over it. */
	function* frames(seed: number, count: number, steady = false) {
		const next = seededRandom(seed);
		let seq = 0;
		const log: string[] = [];
		for (let frame = 0; frame < count; frame++) {
			const arrived = steady ? 3 + next(4) : next(4) === 0 ? next(30) : next(6);
			for (let line = 0; line < arrived; line++) {
				log.push(`\u001B[3${seq % 8}mline\u001B[39m ${++seq} ${'x'.repeat(next(50))}`);
			}

			const body = Array.from({length: height - 3}, (_, row) => log[log.length - (height - 3) + row] ?? '');
			if (!steady && next(10) === 0) {
				// The same text each time: a row that did not change where the shift empties rows.
				body[5] = '┌ dialog ┐';
			}

			const lines = [`header ${next(3) === 0 ? frame : ''}`, '─ Log', ...body, next(5) === 0 ? 'footer (busy)' : 'footer'];
			yield `${lines.join('\n')}\n`;
		}
	}

	const plain = (frame: string) => frame.split('\n').slice(0, height).map(line => line.replaceAll(/\u001B\[\d+m/g, '').trimEnd());

	it.each([1, 2, 3, 4, 5])('leaves the screen equal to every frame: bursts, pauses, dialogs (seed %i)', async seed => {
		const update = await logUpdate(true);
		const screen = terminal(cols, rows);
		const write = update.create(screen.stream, {incremental: true});
		for (const frame of frames(seed, 120)) {
			write(frame);
			// eslint-disable-next-line no-await-in-loop
			await screen.settled();
			expect(screen.screen().slice(0, height)).toEqual(plain(frame));
			expect(screen.screen()[height]).toBe('');
		}

		// The frames did take the shift (delete-line), not only the row-by-row path.
		expect(screen.raw()).toMatch(/\u001B\[\d+M/);
	});

	it('writes a steadily followed log in under half the bytes of row by row', async () => {
		const bytes = async (patched: boolean) => {
			const screen = terminal(cols, rows);
			const write = (await logUpdate(patched)).create(screen.stream, {incremental: true});
			for (const frame of frames(7, 200, true)) {
				write(frame);
			}

			await screen.settled();
			return screen.bytes();
		};

		const [original, patched] = [await bytes(false), await bytes(true)];
		expect(patched).toBeLessThan(original * 0.5);
	});
});
