/**
 * Issue 13 in the TUI, on the in-memory engine: the Runs tab (a node's runs,
 * helpers and leftovers), a run opened into the log and the inspector, the
 * failed-run mark until seen, `(no config)` rows of run containers, and `c`.
 */
import {describe, expect, it} from 'vitest';
import {fakeParts, WorldHarness} from '../helpers/node-world-harness.js';
import {keys} from '../helpers/render-ink.js';
import {perTestWorld, rowOf} from '../helpers/ui-world.js';

const t = perTestWorld();
const labels = (node: string, runId: number, type = 'algorithm') => ({'vantage6-type': type, node, run_id: String(runId)});

/** alpha runs, with a running run 7, a crashed run 6 and a dead squid; beta is stopped with a run, a VPN client, its network and a tmp volume; gamma has no config, only a run. */
async function arrange(): Promise<WorldHarness> {
	const things = new WorldHarness(fakeParts(t.world.engine));
	t.world.writeConfig('alpha');
	t.world.writeConfig('beta');
	await t.world.service.start({name: 'alpha', scope: 'user'});
	await things.box({name: 'vantage6-alpha-run-7', labels: labels('alpha', 7), lines: ['run 7 working'], volumes: ['vantage6-alpha-user-3-tmpvol']});
	await things.box({name: 'vantage6-alpha-run-6', labels: labels('alpha', 6), lines: ['Traceback (most recent call last)', 'ValueError: no data'], exitCode: 1});
	await things.box({name: 'vantage6-alpha-squid', exitCode: 137});
	await things.box({name: 'vantage6-beta-run-9', labels: labels('beta', 9), volumes: ['vantage6-beta-user-4-tmpvol']});
	await things.box({name: 'vantage6-beta-vpn-client'});
	await things.network('vantage6-beta-user-net');
	await things.box({name: 'vantage6-gamma-run-2', labels: labels('gamma', 2), lines: ['gamma says hi'], exitCode: 0});
	return things;
}

/** Moves the table's selection to `name`. */
async function select(name: string): Promise<void> {
	for (let step = 0; step < 6 && !rowOf(t.ui!.frame(), name).startsWith('▸'); step++) {
		await t.ui!.press('j');
	}

	await t.ui!.waitFor(frame => rowOf(frame, name).startsWith('▸'));
}

/** Focus on the inspector, on its Runs tab (the last: one [ from the first). */
async function runsTab(): Promise<string> {
	await t.ui!.press(keys.tab);
	await t.ui!.press('i');
	while (!t.ui!.frame().includes('[Runs]')) {
		await t.ui!.press('[');
	}

	return t.ui!.waitFor('[Runs]');
}

const names = () => [...t.world.engine.containers.values()].map(container => container.details.name).sort();

describe('the Runs tab', () => {
	it('lists runs, helpers and leftovers; the table says it in a RUNS column and marks the failed run until it is opened', async () => {
		await arrange();
		t.ui = t.world.render(200, 60);
		let frame = await t.ui.waitFor(text => rowOf(text, 'gamma').includes('1 run'), 15_000);
		expect(frame).toContain('RUNS');
		expect(rowOf(frame, 'alpha')).toMatch(/^▸ alpha ! .*2 runs, 1 failed · 1 helper down · 1 left /);
		expect(rowOf(frame, 'beta')).toContain('1 run, 1 running · 4 left ');
		// gamma has no config: its run shows under a row of its own, and nothing failed there.
		expect(rowOf(frame, 'gamma')).toMatch(/^  gamma \(no config\) +\?/);
		expect(rowOf(frame, 'gamma')).not.toContain(' !');

		frame = await runsTab();
		expect(frame).toContain('2 runs (1 failed) · 1 helper · 1 left over');
		expect(frame).toMatch(/▸ run +6 +exited \(1\)/);
		expect(frame).toMatch(/ run +7 +running/);
		expect(frame).toMatch(/ squid +- +exited \(137\) .*vantage6-alpha-squid/);
		expect(frame).toMatch(/container +vantage6-alpha-squid +squid that is exited/);
		// Its tmp volume is in use by the running run 7: not left over.
		expect(frame).not.toMatch(/volume +vantage6-alpha-user-3-tmpvol/);

		// Enter opens run 6: its log (the crash) and its container; the row loses its mark.
		await t.ui.press(keys.enter);
		frame = await t.ui.waitFor('ValueError: no data');
		expect(frame).toContain('alpha (user) › run 6');
		expect(frame).toContain('Traceback (most recent call last)');
		frame = await t.ui.waitFor('exit code 1');
		expect(frame).toContain('vantage6-alpha-run-6');
		expect(frame).toMatch(/finished +\d{4}-/);
		expect(frame).toContain('(Esc: back to the node)');
		expect(rowOf(frame, 'alpha')).toMatch(/^▸ alpha +user/);

		// Esc: the node again, its own log, the list with the cursor where it was.
		await t.ui.press(keys.escape);
		frame = await t.ui.waitFor(text => text.includes('fake node vantage6-alpha-user started') && !text.includes('ValueError'));
		expect(frame).toMatch(/▸ run +6 +exited \(1\)/);
		expect(rowOf(frame, 'alpha')).not.toContain('alpha !');

		// j moves the cursor to run 7; Enter opens it: its live log.
		await t.ui.press('j');
		await t.ui.waitFor(/▸ run +7 +running/);
		await t.ui.press(keys.enter);
		await t.ui.waitFor(text => text.includes('run 7 working') && text.includes('› run 7'));

		// E with run 7 open: the shell is the run's, not the node's.
		await t.ui.press('E');
		await t.ui.waitFor('Shell in vantage6-alpha-run-7 ended (exit code 0).');
		expect(t.world.engine.execs.map(exec => exec.container)).toEqual(['vantage6-alpha-run-7']);
	});

	it('at 80 columns: no RUNS column, the mark on the name; the run log is one l away', async () => {
		await arrange();
		t.ui = t.world.render(80, 24);
		const frame = await t.ui.waitFor(text => rowOf(text, 'alpha').includes('alpha !'), 15_000);
		expect(frame).not.toContain('RUNS');
		await runsTab();
		await t.ui.press(keys.enter);
		await t.ui.waitFor('exit code 1');
		await t.ui.press('l');
		await t.ui.waitFor('ValueError: no data');
		await t.ui.press(keys.escape);
		await t.ui.waitFor(text => !text.includes('› run 6'));
	});

	it('a (no config) row: its run is on the Runs tab and opens with its log', async () => {
		await arrange();
		t.ui = t.world.render(200, 60);
		await t.ui.waitFor(text => rowOf(text, 'gamma').length > 0, 15_000);
		await select('gamma');
		await t.ui.waitFor('its runs and helpers are on the Runs tab');
		await runsTab();
		await t.ui.press(keys.enter);
		await t.ui.waitFor('gamma says hi');
		await t.ui.waitFor('exit code 0');
	});
});

describe('a node name in both scopes', () => {
	it("its runs show under both rows, marked ambiguous (run names carry no scope)", async () => {
		const things = new WorldHarness(fakeParts(t.world.engine));
		t.world.writeConfig('twin', {}, 'user');
		t.world.writeConfig('twin', {}, 'system');
		await things.box({name: 'vantage6-twin-run-4', labels: labels('twin', 4), lines: ['whose am I'], exitCode: 2});
		t.ui = t.world.render(200, 60);
		await t.ui.waitFor(text => text.includes('twin !'), 15_000);
		await runsTab();
		let frame = await t.ui.waitFor(/▸ run +4 +exited \(2\) .*\(ambiguous\)/);
		expect(frame).toContain('(ambiguous): a node of this name is in both scopes');
		expect(frame).toMatch(/container vantage6-twin-run-4 +run of a node that is not running \(ambiguous\)/);
		await t.ui.press(keys.tab);
		await t.ui.press('j');
		frame = await t.ui.waitFor(/twin \(system\) .*\[Runs\]/);
		expect(frame).toMatch(/▸ run +4 +exited \(2\) .*\(ambiguous/);
	});
});

describe('c: clean a node', () => {
	it('lists exactly the plan, removes it on y, says the result; the running node keeps its active run', async () => {
		await arrange();
		t.ui = t.world.render(200, 60);
		await t.ui.waitFor(text => rowOf(text, 'beta').includes('4 left '), 15_000);
		await select('beta');
		await t.ui.press('c');
		const frame = await t.ui.waitFor('Clean up after beta (user)? Removes these 4:');
		const listed = frame.split('\n').flatMap(line => /│ (container|network|volume) +(\S+)/.exec(line)?.slice(1, 3) ?? []);
		expect(listed).toEqual(['container', 'vantage6-beta-run-9', 'container', 'vantage6-beta-vpn-client', 'network', 'vantage6-beta-user-net', 'volume', 'vantage6-beta-user-4-tmpvol']);
		await t.ui.press('y');
		await t.ui.waitFor('Cleaned beta: removed 4 of 4');
		expect(names()).not.toContain('vantage6-beta-run-9');
		expect(names()).not.toContain('vantage6-beta-vpn-client');
		expect(names()).toContain('vantage6-alpha-run-7');
		expect(t.world.engine.networks.has('vantage6-beta-user-net')).toBe(false);
		expect(t.world.engine.volumes.has('vantage6-beta-user-4-tmpvol')).toBe(false);
		expect(t.world.engine.volumes.has('vantage6-alpha-user-3-tmpvol')).toBe(true);
	});

	it('n, Esc and Enter remove nothing; a node with nothing left over says so', async () => {
		await arrange();
		t.world.writeConfig('delta');
		t.ui = t.world.render(200, 60);
		await t.ui.waitFor(text => rowOf(text, 'beta').includes('4 left '), 15_000);
		await select('beta');
		for (const key of ['n', keys.escape, keys.enter]) {
			await t.ui.press('c');
			await t.ui.waitFor('Clean up after beta');
			await t.ui.press(key);
			await t.ui.waitFor(text => !text.includes('Clean up after beta'));
		}

		expect(names()).toContain('vantage6-beta-run-9');
		await select('delta');
		await t.ui.press('c');
		await t.ui.waitFor('delta: nothing left over to clean.');
		expect(t.ui.frame()).not.toContain('Clean up after');
	});
});
