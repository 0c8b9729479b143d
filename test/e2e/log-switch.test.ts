/**
 * Switching the log pane between two nodes that both log, on a real engine:
 * each switch shows the other node's own lines, and as they follow, the lines
 * on screen run on without a gap or a repeat (the stream opened ahead and the
 * one the pane follows are the same stream). The screen is read only as
 * whole frames (test/helpers/pty.ts): under load a frame read half drawn
 * showed one node's lines above the other's, which looked like a gap.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {dockerSkipReason, dockerTitle, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {launchTui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

/** The log pane's heartbeat numbers, top to bottom, and its title. */
function logPane(screen: string): {title: string; seqs: number[]} {
	const lines = screen.split('\n');
	const at = lines.findIndex(line => line.startsWith('─ Log '));
	const body = at < 0 ? [] : lines.slice(at + 1);
	return {
		title: at < 0 ? '' : lines[at]!,
		seqs: body.flatMap(line => {
			const match = /heartbeat seq=(\d+)\b/.exec(line);
			return match ? [Number(match[1])] : [];
		}),
	};
}

const consecutive = (seqs: number[]) => seqs.every((seq, index) => index === 0 || seq === seqs[index - 1]! + 1);

describe.skipIf(dockerSkipReason)(dockerTitle('log pane switching between two logging nodes'), () => {
	const sandbox = new Sandbox();
	// Two rates, so the two heartbeat counts part at once: a line of the other node breaks the run.
	const fast = uniqueNodeName('swfast');
	const slow = uniqueNodeName('swslow');
	const [first, second] = [fast, slow].sort();
	sandbox.writeConfig(fast, 'user', validConfig({images: {node: fixtureImage}, fixture_lines_per_second: 20}));
	sandbox.writeConfig(slow, 'user', validConfig({images: {node: fixtureImage}, fixture_lines_per_second: 3}));

	// Started once, so a retry of the test (which .ci/run names) switches between the same running nodes.
	beforeAll(async () => {
		expect((await sandbox.run(['start', slow])).code).toBe(0);
		expect((await sandbox.run(['start', fast])).code).toBe(0);
	}, 60_000);

	afterAll(async () => {
		await removeNodeLeftovers(fast);
		await removeNodeLeftovers(slow);
		sandbox.cleanup();
	});

	it('shows each node’s own lines after each switch, running on without a gap or a repeat', async () => {
		// 60 rows: the pane holds about 45 lines, over 2 s of the fast node, so the later look still finds the newest line.
		const tui = launchTui({cols: 120, rows: 60, env: sandbox.env});
		await tui.waitFor(screen => screen.includes(`▸ ${first}`) && screen.includes(second!));
		tui.press('l');
		await tui.waitFor(screen => logPane(screen).seqs.length >= 3, {timeout: 15_000});
		for (const [key, name] of [['j', second], ['k', first], ['j', second], ['k', first]] as const) {
			tui.press(key);
			// The switch shows the other node's lines (its title, and a run of its heartbeat) ...
			const shown = await tui.waitFor(screen => logPane(screen).title.includes(name!) && logPane(screen).seqs.length >= 2, {timeout: 10_000});
			const {seqs} = logPane(shown);
			expect(consecutive(seqs), `${name}: ${seqs.join(' ')}\n${shown}`).toBe(true);
			// ... and what follows runs on from them: no line lost or shown twice where the stream was taken over.
			const newest = seqs.at(-1)!;
			const later = await tui.waitFor(screen => logPane(screen).title.includes(name!) && (logPane(screen).seqs.at(-1) ?? 0) >= newest + 2, {timeout: 10_000});
			const after = logPane(later).seqs;
			expect(consecutive(after), `${name} later: ${after.join(' ')}\n${later}`).toBe(true);
			expect(after, `${name} later:\n${later}`).toContain(newest);
		}

		tui.press('q');
		expect((await tui.exited).exitCode).toBe(0);
	}, 120_000);
});
