/**
 * When the node table is listed again, against the in-memory engine: events
 * that never pause still bring a listing, events Docker dropped are caught by
 * the slow resync, and a resync that finds nothing new renders nothing.
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {nodeListTiming} from '../../source/ui/hooks/use-node-list.js';
import type {Rendered} from '../helpers/render-ink.js';
import {rowOf, UiWorld} from '../helpers/ui-world.js';

const timing = {...nodeListTiming};
let world: UiWorld;
let ui: Rendered | undefined;
let storm: NodeJS.Timeout | undefined;

beforeEach(() => {
	world = new UiWorld();
	world.writeConfig('alpha');
	world.writeConfig('beta');
});

afterEach(() => {
	clearInterval(storm);
	ui?.unmount();
	ui = undefined;
	world.cleanup();
	Object.assign(nodeListTiming, timing);
});

const listings = () => world.engine.calls.filter(call => call === 'listNodeContainers').length;

describe('the node table listed again', () => {
	it('shows a change while events keep coming closer together than the debounce', async () => {
		await world.service.start({name: 'alpha', scope: 'user'});
		ui = world.render(100, 24);
		await ui.waitFor(frame => rowOf(frame, 'alpha').includes('running') && rowOf(frame, 'beta').includes('not created'));
		// Another tool busy on the engine: an event every 20 ms (health-check execs of many containers), for 6 s.
		const stormEnds = Date.now() + 6000;
		storm = setInterval(() => {
			world.engine.emitFor('vantage6-alpha-user', 'exec_start: true');
		}, 20);
		await world.service.start({name: 'beta', scope: 'user'});
		const startedAt = Date.now();
		await ui.waitFor(frame => rowOf(frame, 'beta').includes('running'), 3000);
		expect(Date.now(), 'shown while the events still come').toBeLessThan(stormEnds);
		expect(Date.now() - startedAt).toBeLessThan(nodeListTiming.maxWaitMs + 1500);
	});

	it('shows a container whose events Docker dropped, at the next resync', async () => {
		nodeListTiming.resyncMs = 300;
		ui = world.render(100, 24);
		await ui.waitFor(frame => rowOf(frame, 'beta').includes('not created'));
		// The first listing and the one after the stream started listening are done.
		await expect.poll(listings, {timeout: 3000}).toBeGreaterThanOrEqual(2);
		world.engine.dropEvents = true;
		await world.service.start({name: 'beta', scope: 'user'});
		await ui.waitFor(frame => rowOf(frame, 'beta').includes('running'), 3000);
	});

	it('renders nothing when a resync finds what is shown', async () => {
		nodeListTiming.resyncMs = 30;
		await world.service.start({name: 'alpha', scope: 'user'});
		ui = world.render(100, 24);
		// The inspector beside the table has loaded too: nothing else is left to draw.
		await ui.waitFor(frame => rowOf(frame, 'alpha').includes('running') && frame.includes('Matches v6 node start'));
		// The listing after the stream starts listening, then quiet.
		const settled = listings() + 2;
		await expect.poll(listings, {timeout: 3000}).toBeGreaterThanOrEqual(settled);
		const frames = ui.stdout.frames.length;
		const before = listings();
		await expect.poll(listings, {timeout: 5000}).toBeGreaterThanOrEqual(before + 10);
		expect(ui.stdout.frames.length - frames, 'frames rendered by ten resyncs of an unchanged table').toBe(0);
	});
});
