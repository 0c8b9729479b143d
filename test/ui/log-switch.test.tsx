/**
 * Moving the selection to the next node shows that node's log in the same
 * frame as the moved selection (its stream was opened ahead), never the lines
 * of the node before, and the lines that follow arrive once each.
 */
import {afterEach, expect, it} from 'vitest';
import type {Rendered} from '../helpers/render-ink.js';
import {rowOf, UiWorld} from '../helpers/ui-world.js';

let world: UiWorld | undefined;
let ui: Rendered | undefined;

afterEach(() => {
	ui?.unmount();
	ui = undefined;
	world?.cleanup();
});

/** Waits (bounded) until `condition` holds; polls, no fixed sleep. */
async function until(condition: () => boolean, what: string): Promise<void> {
	const deadline = Date.now() + 4000;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}`);
		}

		await new Promise(resolve => setTimeout(resolve, 5));
	}
}

const logBody = (frame: string) => frame.slice(frame.indexOf('─ Log '));

it('j and k show the other node’s log in the frame that moves the selection; no line lost or shown twice', async () => {
	world = new UiWorld();
	const w = world;
	w.writeConfig('alpha');
	w.writeConfig('beta');
	await w.service.start({name: 'alpha', scope: 'user'});
	await w.service.start({name: 'beta', scope: 'user'});
	w.engine.print('vantage6-alpha-user', 'alpha says one');
	w.engine.print('vantage6-beta-user', 'beta says one');
	ui = w.render(120, 30);
	const screen = ui;
	await screen.waitFor(frame => rowOf(frame, 'alpha').startsWith('▸') && rowOf(frame, 'beta').includes('running'));
	await screen.press('l');
	await screen.waitFor(frame => logBody(frame).includes('alpha says one'));
	const logCalls = () => w.engine.calls.filter(call => call === 'logs').length;
	// alpha's stream, and beta's opened ahead.
	await until(() => logCalls() === 2, 'the stream of the next node to open');

	const selectionOn = (name: string) => (frame: string) => rowOf(frame, name).startsWith('▸');
	const firstFrameWith = async (name: string, from: number) => {
		await screen.waitFor(selectionOn(name));
		return screen.stdout.frames.slice(from).map(frame => frame.replaceAll(/\u001B\[[\d;?]*[A-Za-z]/g, '')).find(selectionOn(name))!;
	};

	let from = screen.stdout.frames.length;
	await screen.press('j');
	let frame = await firstFrameWith('beta', from);
	expect(logBody(frame)).toContain('beta says one');
	expect(logBody(frame)).not.toContain('alpha says one');

	// The stream shown is the one opened ahead: what follows comes on it, once.
	w.engine.print('vantage6-beta-user', 'beta says two');
	frame = await screen.waitFor(text => logBody(text).includes('beta says two'));
	expect(logBody(frame).split('beta says one').length - 1).toBe(1);
	expect(logBody(frame).indexOf('beta says one')).toBeLessThan(logBody(frame).indexOf('beta says two'));
	// alpha (now the row above) is opened ahead again.
	await until(() => logCalls() === 3, 'the stream of the node above to open');
	w.engine.print('vantage6-alpha-user', 'alpha says two');

	from = screen.stdout.frames.length;
	await screen.press('k');
	frame = await firstFrameWith('alpha', from);
	expect(logBody(frame)).toContain('alpha says one');
	expect(logBody(frame)).not.toContain('beta says');
	frame = await screen.waitFor(text => logBody(text).includes('alpha says two'));
	expect(logBody(frame).split('alpha says one').length - 1).toBe(1);
	expect(logBody(frame).split('alpha says two').length - 1).toBe(1);
});
