/**
 * The built full-screen UI in a pseudo-terminal against the real Docker engine
 * with the fixture image, at a small (80x24) and a large (200x60) terminal.
 * Tests read the screen as a user sees it, press keys, and wait on what the
 * screen shows; Docker is only used to act from outside and to check results.
 *
 * Per size: one sandbox with a main node (started, stopped and inspected by
 * the tests in turn; each test brings it to the state it needs), a node whose
 * container is made by hand, and a broken config file.
 */
import type Docker from 'dockerode';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {containerNamed, docker, dockerSkipReason, dockerTitle, fixtureImage, nodeVolumes, removeNodeLeftovers} from '../helpers/docker.js';
import {launchTui, type Tui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

const sizes = [
	{cols: 80, rows: 24},
	{cols: 200, rows: 60},
];

const slow = 60_000;

const alternateScreenOn = '\u001B[?1049h';
const alternateScreenOff = '\u001B[?1049l';
const cursorShown = '\u001B[?25h';
const cursorHidden = '\u001B[?25l';

/** A table row: selection mark, name, scope, … */
const rowPattern = /^([▸ ]) (\S+)\s+(user|system|-|\?)\s/;

function tableRows(screen: string): Array<{selected: boolean; name: string; line: string}> {
	return screen.split('\n').flatMap(line => {
		const match = rowPattern.exec(line);
		return match ? [{selected: match[1] === '▸', name: match[2]!, line}] : [];
	});
}

/** The table row of a node, or undefined while it is not on the screen. */
function rowOf(screen: string, name: string): string | undefined {
	return tableRows(screen).find(row => row.name === name)?.line;
}

function selectedName(screen: string): string | undefined {
	return tableRows(screen).find(row => row.selected)?.name;
}

/** Moves the selection to a node's row with j/k, as a user would. */
async function select(tui: Tui, name: string): Promise<void> {
	for (let step = 0; step < 50; step++) {
		const screen = await tui.waitFor(text => rowOf(text, name) !== undefined && selectedName(text) !== undefined, {message: `row ${name} and a selection`});
		const rows = tableRows(screen);
		const target = rows.findIndex(row => row.name === name);
		const current = rows.findIndex(row => row.selected);
		if (target === current) {
			return;
		}

		tui.press(target > current ? 'j' : 'k');
		await tui.waitFor(text => selectedName(text) !== rows[current]!.name, {message: `the selection to move off ${rows[current]!.name}`});
	}

	throw new Error(`could not select ${name}:\n${tui.screen()}`);
}

/** Waits until the node's row shows a status word (`running`, `not created`, …). */
async function waitForStatus(tui: Tui, name: string, status: string, timeout = 10_000): Promise<string> {
	return tui.waitFor(screen => rowOf(screen, name)?.includes(status) ?? false, {timeout, message: `${name} ${status}`});
}

function highestSeq(screen: string): number {
	return Math.max(-1, ...[...screen.matchAll(/heartbeat seq=(\d+)/g)].map(match => Number(match[1])));
}

async function isRunning(containerName: string): Promise<boolean> {
	return (await containerNamed(containerName))?.State.Running ?? false;
}

/** Header counts the UI should show: our configs joined with their containers, plus node containers of anyone else on this engine. */
async function expectedCounts(ours: {valid: string[]; invalid: string[]}) {
	const containers = await docker.listContainers({all: true, filters: {label: ['vantage6-type=node']}});
	const byName = new Map(containers.map(container => [container.Names[0]?.replace(/^\//, ''), container]));
	let running = 0;
	let stopped = 0;
	for (const name of ours.valid) {
		const container = byName.get(`vantage6-${name}-user`);
		byName.delete(`vantage6-${name}-user`);
		if (container?.State === 'running') {
			running++;
		} else {
			stopped++;
		}
	}

	for (const container of byName.values()) {
		if (container.State === 'running') {
			running++;
		} else {
			stopped++;
		}
	}

	const invalid = ours.invalid.length;
	return `${running + stopped + invalid} nodes · ${running} running · ${stopped} stopped · ${invalid} invalid`;
}

describe.skipIf(dockerSkipReason)(dockerTitle('the full-screen UI in a pseudo-terminal'), () => {
	describe.each(sizes)('at $cols x $rows', ({cols, rows}) => {
		let sandbox: Sandbox;
		const names: string[] = [];
		let main: string;
		let hand: string;
		let bad: string;
		const mainContainer = () => `vantage6-${main}-user`;

		const launch = () => launchTui({cols, rows, env: sandbox.env});

		/** A fresh UI with the main node selected. */
		async function launchOnMain(): Promise<Tui> {
			const tui = launch();
			await select(tui, main);
			return tui;
		}

		async function ensureRunning(name: string): Promise<void> {
			if (!(await isRunning(`vantage6-${name}-user`))) {
				const result = await sandbox.run(['start', name]);
				expect(result.code, result.stdout + result.stderr).toBe(0);
			}
		}

		beforeAll(() => {
			sandbox = new Sandbox();
			main = uniqueNodeName('main');
			hand = uniqueNodeName('hand');
			bad = uniqueNodeName('bad');
			names.push(main, hand, bad);
			const config = validConfig({images: {node: fixtureImage}, fixture_lines_per_second: 5});
			sandbox.writeConfig(main, 'user', config);
			sandbox.writeConfig(hand, 'user', config);
			sandbox.writeConfig(bad, 'user', 'api_key: [\n');
		});

		// Per size, so the other size's table does not show these containers as nodes without config.
		afterAll(async () => {
			await Promise.all(names.map(async name => removeNodeLeftovers(name)));
			// Undefined when beforeAll did not run (suite skipped or filtered out).
			(sandbox as Sandbox | undefined)?.cleanup();
		});

		it('lists the nodes with header counts, and a broken config as invalid', async () => {
			const tui = launch();
			const screen = await tui.waitFor(text => [main, hand, bad].every(name => rowOf(text, name) !== undefined));
			expect(rowOf(screen, bad)).toContain('invalid config');
			expect(rowOf(screen, main)).toContain('not created');
			expect(rowOf(screen, hand)).toContain('not created');
			expect(screen.split('\n')[0]).toMatch(/Docker \d+\.\d+/);

			// Other tests may run node containers on this engine at the same time: they are rows too.
			const deadline = Date.now() + 15_000;
			let expected = '';
			for (;;) {
				expected = await expectedCounts({valid: [main, hand], invalid: [bad]});
				if (tui.screen().split('\n')[0]!.includes(expected)) {
					break;
				}

				if (Date.now() > deadline) {
					throw new Error(`header never showed "${expected}":\n${tui.screen()}`);
				}

				await new Promise(resolve => setTimeout(resolve, 100));
			}
		}, slow);

		it('starts the selected node with s (starting, then running) and shows its live log with l', async () => {
			if (await containerNamed(mainContainer())) {
				await docker.getContainer(mainContainer()).remove({force: true});
			}

			const tui = await launchOnMain();
			await waitForStatus(tui, main, 'not created');
			tui.press('s');
			await waitForStatus(tui, main, 'starting', 5000);
			await waitForStatus(tui, main, 'running', 20_000);
			expect(await isRunning(mainContainer())).toBe(true);

			tui.press('l');
			const screen = await tui.waitFor(/heartbeat seq=\d+/, {timeout: 10_000});
			expect(screen).toContain(`Log ${main} (user)`);
			// Live: later heartbeats arrive without a key press.
			const seen = highestSeq(screen);
			await tui.waitFor(text => highestSeq(text) > seen, {timeout: 10_000, message: `a heartbeat after seq=${seen}`});
		}, slow);

		it('shows on the inspector spec check that the running node matches v6 node start', async () => {
			await ensureRunning(main);
			const tui = await launchOnMain();
			await waitForStatus(tui, main, 'running');
			tui.press('i');
			const screen = await tui.waitFor(/✓ Matches v6 node start on all \d+ fields\./);
			expect(screen).toContain('[Spec check]');
			expect(screen).not.toMatch(/^(✗ differs|− missing|\+ unexpected)/m);
		}, slow);

		it('updates the row when the container is stopped from outside', async () => {
			await ensureRunning(main);
			const tui = await launchOnMain();
			await waitForStatus(tui, main, 'running');
			await docker.getContainer(mainContainer()).stop({t: 1});
			const stoppedAt = Date.now();
			// Auto-removed, so the node has no container any more.
			await waitForStatus(tui, main, 'not created', 3000);
			expect(Date.now() - stoppedAt).toBeLessThan(3000);
			expect(rowOf(tui.screen(), main)).not.toContain('running');
		}, slow);

		it('stops only after y in the confirm dialog, and the container and its volumes are gone', async () => {
			const tui = await launchOnMain();
			if (!rowOf(tui.screen(), main)?.includes('running')) {
				await waitForStatus(tui, main, 'not created');
				tui.press('s');
				await waitForStatus(tui, main, 'running', 20_000);
			}

			const prefix = mainContainer();
			expect(await nodeVolumes(main)).toEqual([`${prefix}-squid-vol`, `${prefix}-ssh-vol`, `${prefix}-vol`, `${prefix}-vpn-vol`]);

			const question = `Stop ${main} (user)?`;
			tui.press('x');
			await tui.waitFor(question);
			tui.press('n');
			await tui.waitFor(screen => !screen.includes(question));
			expect(rowOf(tui.screen(), main)).toContain('running');
			expect(await isRunning(prefix)).toBe(true);

			tui.press('x');
			await tui.waitFor(question);
			tui.press('y');
			await tui.waitFor(screen => !screen.includes(question));
			await waitForStatus(tui, main, 'not created', 20_000);
			await tui.waitFor(`Stopped ${main}; removed 4 volumes`);
			expect(await containerNamed(prefix)).toBeUndefined();
			expect(await nodeVolumes(main)).toEqual([]);
		}, slow);

		it('flags the one env var added to a container made by hand as unexpected', async () => {
			const containerName = `vantage6-${hand}-user`;
			const started = await sandbox.run(['start', hand]);
			expect(started.code, started.stdout + started.stderr).toBe(0);
			const original = (await containerNamed(containerName))!;
			await docker.getContainer(containerName).remove({force: true});
			const host = original.HostConfig as Docker.HostConfig & {ExtraHosts?: string[] | null};
			const made = await docker.createContainer({
				name: containerName,
				Image: original.Config.Image,
				Cmd: original.Config.Cmd,
				Tty: original.Config.Tty,
				Labels: original.Config.Labels,
				Env: [...original.Config.Env, 'EXTRA_BY_HAND=1'],
				HostConfig: {
					Binds: host.Binds ?? [],
					AutoRemove: host.AutoRemove ?? false,
					...(host.ExtraHosts ? {ExtraHosts: host.ExtraHosts} : {}),
				},
			});
			await made.start();

			const tui = launch();
			await select(tui, hand);
			await waitForStatus(tui, hand, 'running');
			tui.press('i');
			const screen = await tui.waitFor(/✗ 0 differ, 0 missing, 1 unexpected; \d+ ok\./);
			const notOk = screen.split('\n').filter(line => /^(✗ differs|− missing|\+ unexpected)/.test(line));
			expect(notOk).toHaveLength(1);
			expect(notOk[0]).toMatch(/^\+ unexpected +env EXTRA_BY_HAND\b/);
			expect(notOk[0]).toContain('not set by v6 node start');
		}, slow);

		it('? shows the help overlay and Esc closes it', async () => {
			const tui = launch();
			await tui.waitFor(screen => rowOf(screen, main) !== undefined);
			tui.press('?');
			const help = await tui.waitFor('Keys (Esc or ? closes');
			expect(help).toContain('Quit vnode-tui');
			tui.press('\u001B');
			await tui.waitFor(screen => !screen.includes('Keys (Esc or ? closes'));
			expect(rowOf(tui.screen(), main)).toBeDefined();
			expect(tui.hasExited).toBe(false);
		}, slow);

		it('shows "Too small" below the minimum size and the table again after', async () => {
			const tui = launch();
			await tui.waitFor(screen => rowOf(screen, main) !== undefined);
			tui.resize(40, 10);
			await tui.waitFor('Too small: 40x10');
			tui.resize(cols, rows);
			const screen = await tui.waitFor(text => rowOf(text, main) !== undefined && !text.includes('Too small:'));
			expect(screen).toMatch(/^ {2}NAME +SCOPE +STATUS/m);
		}, slow);

		it('redraws every row after a resize that only adds rows or columns', async () => {
			const tui = launch();
			const before = await tui.waitFor(screen => rowOf(screen, main) !== undefined);
			const header = before.split('\n')[0]!.trim();
			for (const [newCols, newRows] of [[cols, rows + 6], [cols + 10, rows + 6], [cols, rows]] as const) {
				tui.resize(newCols, newRows);
				// eslint-disable-next-line no-await-in-loop
				const screen = await tui.waitFor(text => {
					const lines = text.split('\n');
					return lines.length === newRows && lines[0]!.trim().startsWith(header.slice(0, 20)) && /^q quit/.test(lines.at(-2) ?? '');
				}, {message: `after a resize to ${newCols}x${newRows}`});
				expect(screen).toMatch(/^ {2}NAME +SCOPE +STATUS/m);
				expect(screen.split('\n')[1]).toMatch(/^─ Nodes/);
			}
		}, slow);

		it('q quits with exit code 0 and leaves the alternate screen after the last frame', async () => {
			const tui = launch();
			await tui.waitFor(screen => rowOf(screen, main) !== undefined);
			expect(tui.activeBuffer()).toBe('alternate');
			tui.press('q');
			const exit = await tui.exited;
			expect(exit).toEqual({exitCode: 0, signal: undefined});
			const raw = tui.rawOutput();
			expect(raw.startsWith(alternateScreenOn)).toBe(true);
			expect(raw.lastIndexOf(alternateScreenOn)).toBeLessThan(raw.lastIndexOf(alternateScreenOff));
			// Nothing that draws may follow; restore-cursor (Ink's dependency) shows the cursor once more at process exit.
			expect(raw.slice(raw.lastIndexOf(alternateScreenOff) + alternateScreenOff.length)).toMatch(/^(\u001B\[\?25h)*$/);
			expect(raw.lastIndexOf(cursorShown)).toBeGreaterThan(raw.lastIndexOf(cursorHidden));
			expect(tui.activeBuffer()).toBe('normal');
		}, slow);

		it.each([
			['SIGTERM', 143],
			['SIGHUP', 129],
		] as const)('%s makes it exit and restore the terminal', async (signal, code) => {
			const tui = launch();
			await tui.waitFor(screen => rowOf(screen, main) !== undefined);
			const before = tui.rawOutput().length;
			tui.kill(signal);
			const exit = await tui.exited;
			expect(exit).toEqual({exitCode: code, signal: undefined});
			const after = tui.rawOutput().slice(before);
			expect(after).toContain(alternateScreenOff);
			expect(after.lastIndexOf(cursorShown)).toBeGreaterThan(after.lastIndexOf(cursorHidden));
			expect(tui.activeBuffer()).toBe('normal');
		}, slow);
	});
});
