/**
 * The screen after resizes, in a pseudo-terminal: whatever sizes the window
 * went through and however fast, once the app is idle the screen must be
 * exactly what a fresh start at the final size shows, row by row.
 *
 * The reference is a second instance started at the final size while the
 * storm runs, against the same configs and engine, so both show the same
 * engine state (other tests' containers come and go on the shared engine).
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {dockerSkipReason, dockerTitle, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {launchTui, type Tui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

type Size = readonly [cols: number, rows: number];

const storms = 20;
const stepMs = 50;

/** A small seeded generator, so a failing storm can be replayed from its seed. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6D_2B_79_F5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** Twenty sizes: eighteen at random, one at least 100 columns wide, then a narrower final size (the case that broke). */
function storm(next: () => number, final?: Size): Size[] {
	const between = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
	const sizes: Size[] = [];
	for (let step = 0; step < 18; step++) {
		sizes.push([between(40, 210), between(10, 64)]);
	}

	const before: Size = [between(Math.max(100, (final?.[0] ?? 0) + 1), 210), between(10, 64)];
	sizes.push(before, final ?? [between(60, before[0] - 1), between(16, 60)]);
	return sizes;
}

/** Resizes the window to each size in turn, `stepMs` apart. */
async function resizeThrough(tui: Tui, sizes: readonly Size[]): Promise<void> {
	for (const [index, [cols, rows]] of sizes.entries()) {
		if (index > 0) {
			// The storm's pace is the stimulus itself, not a wait for the app.
			// eslint-disable-next-line no-await-in-loop
			await new Promise(resolve => setTimeout(resolve, stepMs));
		}

		tui.resize(cols, rows);
	}
}

const ready = (screen: string) => /^─ Nodes/m.test(screen) && /^q quit/m.test(screen);

/**
 * The screen with uptimes blanked: each UI's minute clock ticks from its own start, so "<1m" and
 * "1m" may both be right for up to a minute. The cell keeps its width, so every column still lines up.
 */
function withoutUptimes(screen: string): string {
	return withoutStats(screen.replaceAll(/ (<1m|\d+m|\d+h \d+m|\d+d \d+h)( +)/g, (match: string) => ' ' + '~'.padEnd(match.length - 1)));
}

/** The CPU and MEM cells blanked too (tables from 120 columns): live figures, read by each UI at its own moment. */
function withoutStats(screen: string): string {
	const lines = screen.split('\n');
	const header = lines.findIndex(line => /\sCPU\s+MEM\s+IMAGE/.test(line));
	if (header < 0) {
		return screen;
	}

	const from = lines[header]!.indexOf(' CPU ') + 1;
	const to = lines[header]!.indexOf(' IMAGE', from) + 1;
	for (let index = header + 1; index < lines.length && !lines[index]!.startsWith('─'); index++) {
		const line = lines[index]!;
		lines[index] = line.length > from ? `${line.slice(0, from)}${'~'.padEnd(to - from)}${line.slice(to)}` : line;
	}

	return lines.join('\n');
}

/** Waits until the resized UI is idle and shows what the fresh one shows. */
async function expectSameScreen(resized: Tui, fresh: Tui, what: string): Promise<void> {
	await fresh.waitFor(ready, {message: 'the fresh UI to show the table'});
	await Promise.all([resized.quiet(), fresh.quiet()]);
	// Both watch the same engine: when it changes (other tests' containers), both redraw; wait until they agree, bounded.
	try {
		await resized.waitFor(screen => withoutUptimes(screen) === withoutUptimes(fresh.screen()), {timeout: 10_000, message: what});
	} catch {
		expect(withoutUptimes(resized.screen()).split('\n'), `${what}: the resized screen (left) against a fresh start (right)`).toEqual(withoutUptimes(fresh.screen()).split('\n'));
	}
}

describe.skipIf(dockerSkipReason)(dockerTitle('the screen after resizes'), () => {
	let sandbox: Sandbox;
	// First in the table, so selected: running, with a log that stays still (no heartbeat) and has a
	// 3000-character line, shown beside the inspector on wide terminals.
	const running = uniqueNodeName('aa');

	beforeAll(async () => {
		sandbox = new Sandbox();
		sandbox.writeConfig(running, 'user', validConfig({images: {node: fixtureImage}, fixture_lines_per_second: 0, fixture_print_escapes: true}));
		// Not created: spec checks with long mount paths; and an invalid row.
		for (const label of ['alpha', 'beta']) {
			sandbox.writeConfig(uniqueNodeName(label), 'user', validConfig({images: {node: fixtureImage}}));
		}

		sandbox.writeConfig(uniqueNodeName('bad'), 'user', 'api_key: [unclosed\n');
		const started = await sandbox.run(['start', running]);
		expect(started.code, started.stdout + started.stderr).toBe(0);
	});

	afterAll(async () => {
		await removeNodeLeftovers(running);
		sandbox?.cleanup();
	});

	const launch = ([cols, rows]: Size) => launchTui({cols, rows, env: sandbox.env});

	it.each([
		[[100, 31], [97, 31]],
		[[165, 28], [97, 31]],
		[[120, 40], [90, 40]],
	] as Array<[Size, Size]>)('one resize from %j to the narrower %j leaves the whole new frame', async (from, to) => {
		const resized = launch(from);
		const fresh = launch(to);
		await resized.waitFor(ready);
		await resized.quiet();
		resized.resize(...to);
		await expectSameScreen(resized, fresh, `after ${from.join('x')} -> ${to.join('x')}`);
	}, 60_000);

	it('a log pane hidden by a narrower window and shown again holds each line once, as a fresh start shows it', async () => {
		const wide: Size = [200, 40];
		const resized = launch(wide);
		const fresh = launch(wide);
		await resized.waitFor(screen => ready(screen) && screen.includes('Node connected to server'));
		// Below the side-by-side width the log pane gives way to the inspector.
		resized.resize(120, 40);
		await resized.waitFor(screen => ready(screen) && !screen.includes('─ Log '));
		resized.resize(...wide);
		await resized.waitFor(screen => screen.includes('Node connected to server'));
		await expectSameScreen(resized, fresh, 'after 200x40 -> 120x40 -> 200x40');
	}, 60_000);

	it(`${storms} storms of twenty resizes ${stepMs} ms apart, each ending narrower, leave the whole final frame`, async () => {
		const seed = Number(process.env['VNODE_STORM_SEED'] ?? Date.now() % 1_000_000);
		const next = random(seed);
		const resized = launch([165, 58]);
		await resized.waitFor(ready);
		for (let round = 0; round < storms; round++) {
			// The first storm is the one reported: from 165x58 to 97x31.
			const sizes = storm(next, round === 0 ? [97, 31] : undefined);

			const fresh = launch(sizes.at(-1)!);
			// eslint-disable-next-line no-await-in-loop
			await resizeThrough(resized, sizes);
			// eslint-disable-next-line no-await-in-loop
			await expectSameScreen(resized, fresh, `storm ${round + 1} (VNODE_STORM_SEED=${seed}) through ${sizes.map(size => size.join('x')).join(' ')}`);
			fresh.kill('SIGKILL');
			// eslint-disable-next-line no-await-in-loop
			await fresh.exited;
		}
	}, 240_000);
});
