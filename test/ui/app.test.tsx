/**
 * The app rendered through real Ink at 80x24 and 200x60 against the real node
 * service and the in-memory engine: what an operator sees and can do.
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {commands} from '../../source/ui/keymap/commands.js';
import {keys, type Rendered} from '../helpers/render-ink.js';
import {rowOf, UiWorld} from '../helpers/ui-world.js';

let world: UiWorld;
let ui: Rendered | undefined;

beforeEach(() => {
	world = new UiWorld();
});

afterEach(() => {
	ui?.unmount();
	ui = undefined;
	world.cleanup();
});

describe.each([
	[80, 24],
	[200, 60],
])('at %ix%i', (columns, rows) => {
	it('shows every config joined with its container, with counts; a broken file is an invalid row', async () => {
		world.writeConfig('alpha');
		world.writeConfig('beta');
		world.writeConfig('broken', 'api_key: [\n');
		ui = world.render(columns, rows);
		const frame = await ui.waitFor('broken');
		expect(frame).toMatch(/3 nodes · 0 running · 2 stopped · 1 invalid/);
		expect(rowOf(frame, 'alpha')).toMatch(/user\s+· not created/);
		expect(rowOf(frame, 'broken')).toMatch(/! invalid config/);
		expect(frame).toContain('Docker 99.0.0-fake');
	});

	it('starts a node with s, shows it starting then running, and its log with l', async () => {
		world.writeConfig('alpha');
		ui = world.render(columns, rows);
		await ui.waitFor(frame => rowOf(frame, 'alpha').startsWith('▸'));
		await ui.press('s');
		await ui.waitFor(frame => rowOf(frame, 'alpha').includes('starting'));
		const running = await ui.waitFor(frame => rowOf(frame, 'alpha').includes('● running'));
		expect(running).toMatch(/1 running/);
		await ui.waitFor('Started alpha');
		await ui.press('l');
		await ui.waitFor('heartbeat seq=1');
		world.engine.print('vantage6-alpha-user', 'a brand new line');
		await ui.waitFor('a brand new line');
	});

	it('stop asks first; Enter keeps the node running, y stops it', async () => {
		world.writeConfig('alpha');
		await world.service.start({name: 'alpha', scope: 'user'});
		ui = world.render(columns, rows);
		await ui.waitFor(frame => rowOf(frame, 'alpha').includes('● running'));
		await ui.press('x');
		const dialog = await ui.waitFor('Stop alpha (user)?');
		expect(dialog).toContain('Same as: v6 node stop --name alpha --user');
		expect(dialog).toContain('[N] no (Enter, Esc)');
		// The dialog is shorter than the detail area; the hint line stays on the frame's last row.
		expect(dialog.split('\n')).toHaveLength(rows - 1);
		expect(dialog.split('\n').at(-1)).toMatch(/^y yes/);
		await ui.press(keys.enter);
		await ui.waitFor(frame => !frame.includes('Stop alpha (user)?'));
		expect(rowOf(ui.frame(), 'alpha')).toContain('● running');
		await ui.press('x');
		await ui.waitFor('Stop alpha (user)?');
		await ui.press('y');
		await ui.waitFor(frame => rowOf(frame, 'alpha').includes('not created'));
		await ui.waitFor('Stopped alpha; removed 4 volumes');
		expect(world.engine.volumes.size).toBe(0);
	});

	it('a container stopped from outside updates its row by itself', async () => {
		world.writeConfig('alpha');
		await world.service.start({name: 'alpha', scope: 'user'});
		ui = world.render(columns, rows);
		await ui.waitFor(frame => rowOf(frame, 'alpha').includes('● running'));
		await world.engine.stopFromOutside('vantage6-alpha-user');
		await ui.waitFor(frame => rowOf(frame, 'alpha').includes('not created'));
	});

	it('the spec check of a node it started shows no difference', async () => {
		world.writeConfig('alpha');
		await world.service.start({name: 'alpha', scope: 'user'});
		ui = world.render(columns, rows);
		await ui.waitFor(/✓ Matches v6 node start on all \d+ fields/);
	});
});

describe('at 80x24', () => {
	it('says it is loading, then that there are no nodes and where configs live', async () => {
		ui = world.render();
		expect(ui.frame()).toMatch(/Loading node configs|No node configs/);
		await ui.waitFor('No node configs or node containers yet');
	});

	it('a node that dies right after start shows its exit code and last lines', async () => {
		world.writeConfig('crashy');
		world.engine.behaviour = () => ({lines: ['booting', 'FATAL: bad private key'], exitAfterMs: 30, exitCode: 3});
		ui = world.render();
		await ui.waitFor('crashy');
		await ui.press('s');
		const frame = await ui.waitFor('exited with code 3');
		expect(frame).toContain('FATAL: bad private key');
		await ui.press(keys.escape);
		await ui.waitFor(frame => rowOf(frame, 'crashy').includes('not created'));
	});

	it('the inspector masks secrets until v, and hides them again on another node', async () => {
		world.writeConfig('alpha', {api_key: 'very-secret-key-123', node_extra_env: {DB_PASSWORD: 'hunter2'}});
		world.writeConfig('beta');
		await world.service.start({name: 'alpha', scope: 'user'});
		ui = world.render();
		await ui.waitFor('Matches v6 node start');
		await ui.press(keys.tab);
		await ui.press(']');
		let frame = await ui.waitFor('[Config]');
		expect(frame).toContain('api_key: ••••••••');
		expect(frame).not.toContain('very-secret-key-123');
		await ui.press('v');
		await ui.waitFor('very-secret-key-123');
		for (let index = 0; index < 3; index++) {
			await ui.press(']');
		}

		frame = await ui.waitFor('[Env]');
		expect(frame).toContain('DB_PASSWORD=hunter2');
		await ui.press(keys.tab);
		await ui.press('j');
		await ui.waitFor(frame => rowOf(frame, 'beta').startsWith('▸'));
		await ui.press('k');
		frame = await ui.waitFor(frame => rowOf(frame, 'alpha').startsWith('▸') && frame.includes('DB_PASSWORD='));
		expect(frame).toContain('DB_PASSWORD=••••••••');
		expect(frame).not.toContain('hunter2');
	});

	it('an invalid config explains itself in the inspector, with line and column', async () => {
		world.writeConfig('broken', 'api_key: [\n');
		ui = world.render();
		const frame = await ui.waitFor('config is not valid');
		expect(frame).toMatch(/line \d+, column \d+/);
		await ui.press('s');
		await ui.waitFor('the config is not valid');
	});

	it('a node container without a config shows, marked as such', async () => {
		world.writeConfig('alpha');
		await world.service.start({name: 'alpha', scope: 'user'});
		const {rmSync} = await import('node:fs');
		rmSync(`${world.root}/configs/user/alpha.yaml`);
		ui = world.render();
		const frame = await ui.waitFor('(no config)');
		expect(rowOf(frame, 'alpha \\(no config\\)')).toContain('● running');
	});

	it('removes a stopped container and, on v, its volumes', async () => {
		world.writeConfig('kept');
		await world.service.start({name: 'kept', scope: 'user'}, {keep: true});
		await world.engine.stopFromOutside('vantage6-kept-user');
		ui = world.render();
		await ui.waitFor(frame => rowOf(frame, 'kept').includes('exited (0)'));
		await ui.press('d');
		const dialog = await ui.waitFor('Remove the stopped container of kept (user)?');
		expect(dialog).toContain('vantage6-kept-user-vol');
		await ui.press('v');
		await ui.waitFor(frame => rowOf(frame, 'kept').includes('not created'));
		expect(world.engine.volumes.size).toBe(0);
	});

	it('says when the engine is unreachable, keeps the rows, and recovers by itself', async () => {
		world.writeConfig('alpha');
		ui = world.render();
		await ui.waitFor('alpha');
		world.engine.goDown();
		const down = await ui.waitFor('Docker unreachable');
		expect(down).toContain('Retrying');
		expect(rowOf(down, 'alpha')).toContain('not created');
		world.engine.comeBack();
		await ui.waitFor(frame => !frame.includes('Docker unreachable') && frame.includes('Docker 99.0.0-fake'));
	});

	it('starts with the engine down and fills in when it comes back', async () => {
		world.writeConfig('alpha');
		world.engine.goDown();
		ui = world.render();
		await ui.waitFor('Docker unreachable');
		world.engine.comeBack();
		await ui.waitFor(frame => rowOf(frame, 'alpha').includes('not created') && frame.includes('1 nodes'));
	});

	it('with the engine down at start, the configs are listed under the engine banner', async () => {
		world.writeConfig('alpha');
		world.writeConfig('beta');
		world.engine.goDown();
		ui = world.render(100, 30);
		const frame = await ui.waitFor(screen => screen.includes('Docker unreachable') && rowOf(screen, 'beta') !== '');
		expect(frame).toContain('Retrying');
		expect(rowOf(frame, 'alpha')).not.toBe('');
	});
	it('keys that arrive as one chunk (fast typing over SSH) are taken one by one', async () => {
		world.writeConfig('alpha');
		world.writeConfig('beta');
		world.writeConfig('gamma');
		await world.service.start({name: 'gamma', scope: 'user'});
		ui = world.render();
		await ui.waitFor(frame => rowOf(frame, 'alpha').startsWith('▸'));
		await ui.press('jj');
		await ui.waitFor(frame => rowOf(frame, 'gamma').startsWith('▸'));
		await ui.press('l\t');
		await ui.waitFor(frame => frame.includes('─ Log gamma (user)'));
		// f is bound in the log pane only: it works if the Tab of the chunk moved the focus there.
		await ui.press('f');
		await ui.waitFor(frame => frame.includes('paused at'));
		await ui.press('/err\r');
		await ui.waitFor(frame => frame.includes('"err": 0 matc'));
	});

	it('the keys after the Enter that ends the filter, in the same chunk, are keys again: "bet\re" filters, then edits beta', async () => {
		world.writeConfig('alpha');
		world.writeConfig('beta');
		ui = world.render(100, 30);
		await ui.waitFor('beta');
		await ui.press('/');
		await ui.waitFor('Enter keeps');
		await ui.press('bet\re');
		const frame = await ui.waitFor('Edit beta (user)');
		expect(frame).not.toContain('Edit alpha');
	});

	it('a whole chunk "/bet\re" opens the filter, types it, ends it and takes the e as a key', async () => {
		world.writeConfig('alpha');
		world.writeConfig('beta');
		ui = world.render(100, 30);
		await ui.waitFor('beta');
		await ui.press('/bet\re');
		await ui.waitFor('Edit beta (user)');
	});

	it('the keys after the Enter that ends the log search, in the same chunk, are keys again', async () => {
		world.writeConfig('alpha');
		await world.service.start({name: 'alpha', scope: 'user'});
		ui = world.render(100, 30);
		await ui.waitFor(frame => rowOf(frame, 'alpha').includes('● running'));
		await ui.press('l\t');
		await ui.waitFor(frame => frame.includes('─ Log alpha (user)'));
		await ui.press('/');
		await ui.press('err\rf');
		await ui.waitFor(frame => frame.includes('paused at'));
	});

	it('/ filters rows by name; Esc clears the filter', async () => {
		world.writeConfig('alpha');
		world.writeConfig('beta');
		ui = world.render();
		await ui.waitFor('beta');
		await ui.press('/');
		for (const char of 'bet') {
			await ui.press(char);
		}

		await ui.press(keys.enter);
		let frame = await ui.waitFor('filter: bet');
		expect(rowOf(frame, 'alpha')).toBe('');
		expect(rowOf(frame, 'beta')).not.toBe('');
		await ui.press(keys.escape);
		frame = await ui.waitFor(text => rowOf(text, 'alpha') !== '');
		expect(frame).not.toContain('filter:');
	});

	it('? lists the keys from the keymap; Esc closes it', async () => {
		ui = world.render(200, 60);
		await ui.waitFor('No node configs');
		await ui.press('?');
		const frame = await ui.waitFor('Keys (Esc or ? closes');
		for (const info of Object.values(commands)) {
			expect(frame).toContain(info.description.slice(0, 40));
		}

		await ui.press(keys.escape);
		await ui.waitFor(text => !text.includes('Keys (Esc'));
	});

	it('a terminal below the minimum says so and recovers when it grows', async () => {
		world.writeConfig('alpha');
		ui = world.render(50, 12);
		const small = await ui.waitFor('Too small: 50x12');
		expect(small).toContain('Need 60x16.');
		ui.resize(80, 24);
		await ui.waitFor(frame => rowOf(frame, 'alpha') !== '');
	});

	it('with NO_COLOR, no colour codes are written and status is still in words', async () => {
		world.writeConfig('alpha');
		world.writeConfig('broken', 'x: [\n');
		ui = world.render(80, 24, {NO_COLOR: '1'});
		await ui.waitFor('invalid config');
		const raw = ui.stdout.frames.at(-1) ?? '';
		expect(raw).not.toMatch(/\u001B\[(3[0-7]|9[0-7]|38;)/);
		expect(ui.frame()).toContain('not created');
	});
});

describe('at 200x60', () => {
	/** alpha running, rendered at 200x60. */
	async function runningAlpha(): Promise<Rendered> {
		world.writeConfig('alpha');
		await world.service.start({name: 'alpha', scope: 'user'});
		const rendered = world.render(200, 60);
		await rendered.waitFor(frame => rowOf(frame, 'alpha').includes('● running'));
		return rendered;
	}

	it('a chunk typed into a dialog stays there: "/ab" while stop asks does not become a node filter', async () => {
		ui = await runningAlpha();
		await ui.press('x');
		await ui.waitFor('Stop alpha (user)?');
		await ui.press('/ab');
		await ui.press(keys.escape);
		const frame = await ui.waitFor(text => !text.includes('Stop alpha (user)?'));
		expect(frame).not.toContain('filter:');
		expect(rowOf(frame, 'alpha')).toContain('● running');
	});

	it('the hint line is the keymap of where keys go: n new in the table, n next (not new) in the log, the answers in a dialog', async () => {
		ui = await runningAlpha();
		const hints = () => ui!.frame().trimEnd().split('\n').at(-1) ?? '';
		expect(hints()).toMatch(/^q quit {2}\? help/);
		expect(hints()).toContain('n new');
		await ui.press(keys.tab);
		await ui.press('l');
		await ui.waitFor(() => hints().includes('n next'));
		expect(hints()).not.toContain('n new');
		await ui.press('x');
		await ui.waitFor('Stop alpha (user)?');
		expect(hints()).toBe('y yes  n/Esc no');
		await ui.press(keys.escape);
		await ui.waitFor(() => hints().includes('n next'));
	});

	it('shows the inspector and the log side by side', async () => {
		world.writeConfig('alpha');
		await world.service.start({name: 'alpha', scope: 'user'});
		ui = world.render(200, 60);
		const frame = await ui.waitFor(text => text.includes('[Spec check]') && text.includes('heartbeat seq=1'));
		const titleLine = frame.split('\n').find(line => line.includes('[Spec check]'))!;
		expect(titleLine).toContain('─ Log alpha (user)');
	});
});
