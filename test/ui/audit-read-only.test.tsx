/**
 * Read-only mode and the audit list in the UI, rendered through real Ink on the
 * real services and the in-memory engine.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {keys, type Rendered} from '../helpers/render-ink.js';
import {rowOf, UiWorld} from '../helpers/ui-world.js';

let world: UiWorld;
let ui: Rendered | undefined;

afterEach(() => {
	ui?.unmount();
	ui = undefined;
	world.cleanup();
});

describe.each([
	[80, 24],
	[200, 60],
])('at %ix%i', (columns, rows) => {
	it('read-only: the header says READ-ONLY; s, x, n, e, D and K are refused and say why; nothing changes', async () => {
		world = new UiWorld({readOnly: '--read-only'});
		world.writeConfig('alpha');
		ui = world.render(columns, rows);
		const frame = await ui.waitFor(current => rowOf(current, 'alpha').startsWith('▸'));
		expect(frame.split('\n')[0]).toContain('READ-ONLY');
		await ui.press('s');
		await ui.waitFor("read-only (--read-only): start is turned off; nothing was changed.");
		for (const [key, what] of [['x', 'stop'], ['n', 'new'], ['e', 'edit'], ['D', 'delete-config'], ['K', 'rotate-key']] as const) {
			await ui.press(key);
			const refused = await ui.waitFor(`read-only (--read-only): ${what} is turned off`);
			// No confirmation, form or key dialog opened.
			expect(refused).not.toMatch(/Stop alpha|New node|Delete the config|New API key/);
		}

		await ui.press('r');
		await ui.waitFor('read-only (--read-only): restart is turned off');
		expect(rowOf(ui.frame(), 'alpha')).toMatch(/not created/);
		expect(await world.engine.listNodeContainers()).toEqual([]);
		expect(world.audit).toEqual([]);
	});

	it('A lists the audit entries newest first; / filters them; Esc closes', async () => {
		world = new UiWorld();
		world.writeConfig('alpha');
		world.writeConfig('beta');
		await world.service.start({name: 'alpha'});
		await world.service.stop({name: 'alpha'});
		await world.service.start({name: 'beta'});
		ui = world.render(columns, rows);
		await ui.waitFor(current => rowOf(current, 'alpha').startsWith('▸'));
		await ui.press('A');
		const list = await ui.waitFor('Audit log · 3 entries, newest first');
		const lines = list.split('\n').filter(line => / (start|stop) (alpha|beta) \(user\)/.test(line));
		expect(lines.map(line => / (start|stop) (alpha|beta)/.exec(line)![0])).toEqual([' start beta', ' stop alpha', ' start alpha']);
		expect(lines[0]).toContain('by tester@testhost');
		await ui.press('/');
		await ui.press('alpha');
		const filtered = await ui.waitFor('2 of 3 entries');
		expect(filtered).not.toMatch(/start beta/);
		await ui.press(keys.enter);
		await ui.waitFor('filter: alpha  (/ changes it)');
		await ui.press(keys.escape);
		await ui.waitFor(current => !current.includes('Audit log ·') && rowOf(current, 'beta') !== '');
	});
});

describe('audit log failures in the UI', () => {
	it('a failed audit write is said in the status line and marked in the header; the action still says it happened', async () => {
		world = new UiWorld();
		world.writeConfig('alpha');
		world.auditFailure = 'disk full';
		ui = world.render(80, 24);
		await ui.waitFor(current => rowOf(current, 'alpha').startsWith('▸'));
		expect(world.auditErrors).toEqual([]);
		await ui.press('s');
		const frame = await ui.waitFor(current => rowOf(current, 'alpha').includes('● running') && current.includes('Started alpha'));
		expect(frame.split('\n')[0]).toContain('AUDIT LOG FAILING');
		expect(world.auditErrors).toEqual(['disk full']);
	});
});
