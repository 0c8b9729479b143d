/**
 * The log pane through real Ink with the in-memory engine: follow, scroll,
 * search, filter, timestamps, wrap, ranges, save, full screen, restarts, the
 * buffer cap, and hostile text.
 */
import {readFileSync} from 'node:fs';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {keys, type Rendered} from '../helpers/render-ink.js';
import {UiWorld} from '../helpers/ui-world.js';

let world: UiWorld;
let ui: Rendered | undefined;

beforeEach(() => {
	world = new UiWorld();
	world.writeConfig('alpha');
});

afterEach(() => {
	ui?.unmount();
	ui = undefined;
	world.cleanup();
});

const container = 'vantage6-alpha-user';

async function openLog(columns = 80, rows = 24, lines = 0): Promise<Rendered> {
	await world.service.start({name: 'alpha', scope: 'user'});
	for (let index = 1; index <= lines; index++) {
		world.engine.print(container, `line ${index} ${index % 10 === 0 ? 'ERROR disk full' : 'ok'}`);
	}

	const rendered = world.render(columns, rows);
	await rendered.waitFor('alpha');
	await rendered.press('l');
	await rendered.press(keys.tab);
	await rendered.waitFor('─ Log alpha (user)');
	return rendered;
}

const logTitle = (frame: string) => frame.split('\n').find(line => line.startsWith('─ Log')) ?? '';

describe('log pane', () => {
	it('follows new lines, stops following when scrolled up, and G resumes', async () => {
		ui = await openLog(80, 24, 60);
		await ui.waitFor('line 60 ');
		await ui.press('k');
		await ui.press('k');
		let frame = await ui.waitFor(text => logTitle(text).includes('paused at'));
		world.engine.print(container, 'fresh line while paused');
		await new Promise(resolve => setTimeout(resolve, 250));
		frame = ui.frame();
		expect(frame).not.toContain('fresh line while paused');
		await ui.press('G');
		await ui.waitFor(text => logTitle(text).includes('following') && text.includes('fresh line while paused'));
	});

	it('/ searches case-insensitively, counts and highlights matches; n jumps; F shows only matches; Esc clears', async () => {
		ui = await openLog(140, 30, 100);
		await ui.waitFor('line 100 ');
		await ui.press('/');
		for (const char of 'error') {
			await ui.press(char);
		}

		await ui.press(keys.enter);
		let frame = await ui.waitFor(text => logTitle(text).includes('"error": 10 matches'));
		const raw = ui.stdout.frames.at(-1)!;
		expect(raw).toMatch(/\u001B\[7m(\u001B\[\d+m)*ERROR/);
		await ui.press('g');
		await ui.press('n');
		frame = await ui.waitFor(text => logTitle(text).includes('paused at'));
		expect(frame).toContain('ERROR disk full');
		await ui.press('F');
		frame = await ui.waitFor(text => logTitle(text).includes('only matches shown'));
		const body = frame.split('\n').filter(line => line.startsWith('line '));
		expect(body.length).toBeGreaterThan(3);
		expect(body.every(line => line.includes('ERROR'))).toBe(true);
		await ui.press(keys.escape);
		frame = await ui.waitFor(text => !logTitle(text).includes('"error"'));
		expect(frame.split('\n').some(line => /^line \d+ ok/.test(line))).toBe(true);
	});

	it('t shows timestamps; w wraps long lines', async () => {
		ui = await openLog(80, 24);
		world.engine.print(container, `long ${'x'.repeat(150)} END`);
		await ui.waitFor('long xxx');
		expect(ui.frame()).not.toContain('END');
		await ui.press('w');
		await ui.waitFor('END');
		await ui.press('t');
		await ui.waitFor(/^\d\d:\d\d:\d\d\.\d{3} /m);
	});

	it('number keys choose the range asked of Docker', async () => {
		ui = await openLog(80, 24, 5);
		expect(logTitle(ui.frame())).toContain('last 200 lines');
		await ui.press('3');
		await ui.waitFor(text => logTitle(text).includes('last 5 minutes'));
		await ui.press('0');
		await ui.waitFor(text => logTitle(text).includes('all lines') && text.includes('line 5 ok'));
	});

	it('S saves the lines held to a file and says where', async () => {
		ui = await openLog(200, 30, 20);
		await ui.waitFor('line 20 ');
		await ui.press('S');
		const frame = await ui.waitFor(/Saved \d+ lines of alpha to \S+\.log/);
		const path = /to (\S+\.log)/.exec(frame)![1]!;
		const saved = readFileSync(path, 'utf8');
		expect(saved).toContain('line 20 ERROR disk full');
		expect(saved).toContain('line 1 ok');
	});

	it('z shows the log full screen; Esc goes back', async () => {
		ui = await openLog(80, 24, 3);
		await ui.waitFor('line 3 ok');
		await ui.press('z');
		let frame = await ui.waitFor(text => !text.includes('─ Nodes') && text.includes('─ Log alpha'));
		expect(frame).toContain('line 3 ok');
		await ui.press(keys.escape);
		frame = await ui.waitFor('─ Nodes');
	});

	it('keeps at most the cap, and says how many older lines were dropped', async () => {
		world.options = {logCapacity: 50};
		ui = await openLog(80, 24, 180);
		// 180 lines plus the two the fake node prints when it starts.
		const frame = await ui.waitFor(text => logTitle(text).includes('older lines dropped'));
		expect(logTitle(frame)).toContain('132 older lines dropped');
		await ui.press('g');
		const top = await ui.waitFor('… 132 older lines dropped');
		expect(top).toContain('line 133 ok');
	});

	it('once the cap drops lines at every flush, the followed rows are still the newest, in order, each once', async () => {
		world.options = {logCapacity: 50};
		ui = await openLog(80, 24, 120);
		await ui.waitFor('line 120 ');
		for (let batch = 0; batch < 4; batch++) {
			for (let index = 1; index <= 7; index++) {
				world.engine.print(container, `line ${120 + batch * 7 + index} ok`);
			}

			const last = 120 + (batch + 1) * 7;
			// eslint-disable-next-line no-await-in-loop
			const frame = await ui.waitFor(`line ${last} ok`);
			const numbers = frame.split('\n').flatMap(line => /^line (\d+) /.exec(line)?.slice(1).map(Number) ?? []);
			expect(numbers.at(-1)).toBe(last);
			expect(numbers).toEqual(Array.from({length: numbers.length}, (_, index) => last - numbers.length + 1 + index));
		}
	});

	it('goes on across a restart of the node, with a marker; says when the node is down', async () => {
		ui = await openLog(80, 24, 3);
		await world.engine.stopFromOutside(container);
		await ui.waitFor('the container stopped; waiting for the node to start again');
		world.engine.behaviour = () => ({lines: ['second life begins']});
		await world.service.start({name: 'alpha', scope: 'user'});
		const frame = await ui.waitFor('second life begins');
		expect(frame).toMatch(/the node was restarted: new container [\da-f]{12}/);
		expect(frame.indexOf('the container stopped')).toBeLessThan(frame.indexOf('second life begins'));
	});

	it('hostile text changes nothing outside the pane: cursor moves, clear screen, titles, bell are removed; colours stay unless turned off', async () => {
		ui = await openLog(80, 24);
		world.engine.print(container, 'a\u001B[2J\u001B[Hb\u001B]0;pwned\u0007c\u0007d\u001B[31mred\u001B[0m\u001B[10;10Hend\u009B2J');
		await ui.waitFor('abcdredend');
		const raw = ui.stdout.frames.at(-1)!;
		expect(raw).not.toMatch(/\u001B\[2J|\u001B\]0;|\u0007|\u001B\[10;10H|\u009B/);
		expect(raw).toContain('\u001B[31mred');
		expect(ui.frame().split('\n')[0]).toMatch(/^1 nodes/);
	});

	it('--no-log-colors strips colours too', async () => {
		world.options = {logColors: false};
		ui = await openLog(80, 24);
		world.engine.print(container, 'plain \u001B[31mred\u001B[0m text');
		await ui.waitFor('plain red text');
		expect(ui.stdout.frames.at(-1)).not.toContain('\u001B[31mred');
	});
});

describe('log pane across a long outage', () => {
	it('still marks the restart when the list saw the node down in between', async () => {
		world = new UiWorld();
		world.writeConfig('alpha');
		await world.service.start({name: 'alpha', scope: 'user'});
		ui = world.render(80, 24);
		await ui.waitFor('alpha');
		await ui.press('l');
		await ui.waitFor('heartbeat seq=1');
		await world.engine.stopFromOutside(container);
		await ui.waitFor(frame => frame.includes('not created') && frame.includes('the container stopped'));
		world.engine.behaviour = () => ({lines: ['back again']});
		await world.service.start({name: 'alpha', scope: 'user'});
		const frame = await ui.waitFor('back again');
		expect(frame).toMatch(/the node was restarted: new container [\da-f]{12}/);
	});
});
