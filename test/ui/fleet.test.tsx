/**
 * The TUI over a fleet of two hosts (each a world of its own: configs and an
 * in-memory engine), through services/fleet.ts: a HOST column and a hosts line,
 * actions on the row's own host, a host that goes away greyed with its actions
 * refused while the other host's node still stops, and back by itself.
 */
import {join} from 'node:path';
import React from 'react';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {App} from '../../source/app.js';
import {saveLogFile} from '../../source/config/log-file.js';
import {Fleet} from '../../source/services/fleet.js';
import {StatsWatch, type StatsSnapshot} from '../../source/services/stats-watch.js';
import {createTheme} from '../../source/ui/theme.js';
import {keys, renderAt, type Rendered} from '../helpers/render-ink.js';
import {UiWorld} from '../helpers/ui-world.js';

const hostRow = (frame: string, host: string, name: string) => frame.split('\n').find(line => new RegExp(`^[▸ ] ${host} +${name} `).test(line)) ?? '';

describe('the TUI over a fleet', () => {
	let pi: UiWorld;
	let vps: UiWorld;
	let fleet: Fleet;
	let ui: Rendered | undefined;

	beforeEach(async () => {
		pi = new UiWorld();
		vps = new UiWorld();
		pi.writeConfig('alpha');
		vps.writeConfig('beta');
		await pi.service.start({name: 'alpha', scope: 'user'});
		await vps.service.start({name: 'beta', scope: 'user'});
		fleet = new Fleet(
			[
				{name: 'pi-1', address: 'ssh://vt@pi-1', nodes: pi.service, engine: pi.engine, configs: pi.configs},
				{name: 'vps', address: 'ssh://vps', nodes: vps.service, engine: vps.engine, configs: vps.configs},
			],
			{connectTimeoutMs: 1000, listTimeoutMs: 1000, downWaitMs: 50, retryMs: 200},
		);
	});

	afterEach(() => {
		ui?.unmount();
		ui = undefined;
		fleet.close();
		pi.cleanup();
		vps.cleanup();
	});

	const render = (columns = 100, rows = 24) =>
		renderAt(
			<App
				services={{
					nodes: fleet.nodes,
					engine: fleet.engine,
					configs: fleet.configs,
					hostEnv: {},
					watchStats: (onFlush: (cells: StatsSnapshot) => void) => new StatsWatch(fleet.engine, onFlush),
					saveLog: async (name, lines) => saveLogFile(join(pi.root, 'saved'), name, lines),
					shell: async () => ({exitCode: 0}) as never,
				}}
				theme={createTheme({})}
			/>,
			columns,
			rows,
		);

	it('shows both hosts\' nodes with HOST, a hosts line with counts per host, and `/` filters by host', async () => {
		ui = render();
		const frame = await ui.waitFor(text => hostRow(text, 'pi-1', 'alpha').includes('● running') && hostRow(text, 'vps', 'beta').includes('● running'));
		expect(frame).toMatch(/ HOST +NAME +SCOPE +STATUS/);
		expect(frame).toContain('● pi-1 1/1 running · ● vps 1/1 running');
		expect(frame).toContain('2 hosts · 2 connected');
		await ui.press('/');
		for (const char of 'vps') {
			// eslint-disable-next-line no-await-in-loop
			await ui.press(char);
		}

		await ui.press(keys.enter);
		const filtered = await ui.waitFor(text => hostRow(text, 'pi-1', 'alpha') === '' && hostRow(text, 'vps', 'beta') !== '');
		expect(filtered).toContain('filter: vps');
	});

	it('a host that goes away: its rows say unreachable and refuse actions, the other host\'s node still stops; back by itself', async () => {
		ui = render(120, 24);
		await ui.waitFor(text => hostRow(text, 'vps', 'beta').includes('● running'));
		vps.engine.goDown('ssh: connection to 127.0.0.3 refused');
		const down = await ui.waitFor(text => hostRow(text, 'vps', 'beta').includes('? unreachable'));
		expect(down).toContain('2 nodes · 1 running · 0 stopped · 0 invalid · 1 unknown');
		expect(down).toMatch(/✗ vps (unreachable|reconnecting) \(ssh: connection to 127\.0\.0\.3 refused\)/);
		// beta is the second row: its stop is refused with the reason, nothing asked of its engine.
		await ui.press(keys.down);
		await ui.waitFor(text => hostRow(text, 'vps', 'beta').startsWith('▸'));
		await ui.press('x');
		await ui.waitFor('vps is unreachable');
		// alpha on pi-1 still stops.
		await ui.press(keys.up);
		await ui.waitFor(text => hostRow(text, 'pi-1', 'alpha').startsWith('▸'));
		await ui.press('x');
		await ui.waitFor('Stop alpha (user)?');
		await ui.press('y');
		await ui.waitFor(text => hostRow(text, 'pi-1', 'alpha').includes('not created'));
		expect(await pi.engine.listNodeContainers()).toEqual([]);
		vps.engine.comeBack();
		const back = await ui.waitFor(text => hostRow(text, 'vps', 'beta').includes('● running') && text.includes('● vps 1/1 running'));
		expect(hostRow(back, 'vps', 'beta')).not.toContain('unreachable');
	});
	it('n names the host the new config is written on: the selected row\'s', async () => {
		ui = render(120, 30);
		await ui.waitFor(text => hostRow(text, 'vps', 'beta').includes('● running'));
		await ui.press('n');
		await ui.waitFor('New node config on pi-1');
		await ui.press(keys.escape);
		await ui.waitFor(text => !text.includes('New node config'));
		await ui.press(keys.down);
		await ui.waitFor(text => hostRow(text, 'vps', 'beta').startsWith('▸'));
		await ui.press('n');
		await ui.waitFor('New node config on vps');
	});
});
