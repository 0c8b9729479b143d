/**
 * Live resource use in the TUI: CPU and MEM columns on a wide table, stats
 * streams open only for the running rows on screen (scrolling opens and closes
 * them), a failed stream shows `-` and comes back by itself.
 */
import {describe, expect, it} from 'vitest';
import {tableColumns} from '../../source/ui/panes/node-table/table-layout.js';
import {keys} from '../helpers/render-ink.js';
import {perTestWorld, rowOf} from '../helpers/ui-world.js';

const t = perTestWorld();

/** Running containers without config, named s00..s{count-1}: rows in that order. */
function plantMany(count: number): Map<string, string> {
	const ids = new Map<string, string>();
	for (let index = 0; index < count; index++) {
		const name = `s${String(index).padStart(2, '0')}`;
		ids.set(name, t.world.engine.plant(`vantage6-${name}-user`, {system: 'False', name}));
	}

	return ids;
}

function quick(): void {
	t.world.engine.statsIntervalMs = 50;
	t.world.statsOptions = {flushMs: 50, retryMs: 100};
}

/** Names of the rows the table shows now. */
const shownNames = (frame: string, ids: Map<string, string>) => [...ids.keys()].filter(name => rowOf(frame, name) !== '');
const openNames = (ids: Map<string, string>) => [...ids].filter(([, id]) => t.world.engine.statsStreams.has(id)).map(([name]) => name);

describe('live resource use', () => {
	it('CPU and MEM come from 120 columns on, taken from the image alone: no other column is lost or narrowed at 80 or 120', () => {
		const widths = (width: number) => Object.fromEntries(tableColumns(width).map(column => [column.id, column.width]));
		expect(widths(80)).toEqual({name: 20, scope: 7, status: 22, uptime: 9, image: 20});
		expect(widths(119)).not.toHaveProperty('cpu');
		const at120 = widths(120);
		const {image: _image, ...others} = widths(119);
		expect(at120).toEqual({...others, name: 32, image: 21, cpu: 7, mem: 10});
		expect(tableColumns(120).map(column => column.id)).toEqual(['name', 'scope', 'status', 'health', 'uptime', 'cpu', 'mem', 'image']);
		expect(tableColumns(120).reduce((sum, column) => sum + column.width, 2)).toBe(120);
	});


	it('a wide table has CPU and MEM columns filled from the stats streams', async () => {
		quick();
		t.world.engine.usage = () => ({cpuPercent: 42.25, memoryUsed: 45 * 1024 * 1024, memoryLimit: 2 * 1024 ** 3});
		plantMany(2);
		t.ui = t.world.render(120, 30);
		const frame = await t.ui.waitFor(current => rowOf(current, 's01').includes('42.3%'));
		expect(frame).toMatch(/NAME.*UPTIME\s+CPU\s+MEM\s+IMAGE/);
		expect(rowOf(frame, 's00')).toMatch(/42\.3%\s+45M\/2\.0G\s+vnode-fixture:latest/);
	});

	it('opens streams only for the running rows on screen: scrolling down closes the ones that left and opens the ones that came', async () => {
		quick();
		const ids = plantMany(20);
		t.ui = t.world.render(120, 24);
		const first = await t.ui.waitFor(frame => rowOf(frame, 's00').includes('0.5%'));
		const shown = shownNames(first, ids);
		expect(shown.length).toBeGreaterThan(2);
		expect(shown.length).toBeLessThan(20);
		await expect.poll(() => openNames(ids)).toEqual(shown);

		await t.ui.press('G');
		const last = await t.ui.waitFor(frame => rowOf(frame, 's19').startsWith('▸') && rowOf(frame, 's19').includes('0.5%'));
		const shownAfter = shownNames(last, ids);
		expect(shownAfter).not.toContain('s00');
		await expect.poll(() => openNames(ids)).toEqual(shownAfter);
		// Never more than a screenful at once, and never two streams of one container.
		expect(Math.max(...t.world.engine.statsStreams.values())).toBe(1);
	});

	it('a stopped row closes its stream and shows -; nothing is streamed for a narrow table until the inspector shows the container tab', async () => {
		quick();
		const ids = plantMany(3);
		t.ui = t.world.render(80, 24);
		await t.ui.waitFor(frame => rowOf(frame, 's02') !== '');
		expect(t.world.engine.statsOpened).toEqual([]);
		expect(t.ui.frame()).not.toMatch(/CPU/);

		// The inspector's container tab shows the selected container's use: one stream, its own.
		await t.ui.press(keys.tab);
		for (let index = 0; index < 6 && !t.ui.frame().includes('[Container]'); index++) {
			await t.ui.press(']');
		}

		await t.ui.waitFor(/usage\s+CPU 0\.5%\s+memory 24M of 1\.0G \(2%\)/);
		expect(openNames(ids)).toEqual(['s00']);
		await t.world.engine.stopFromOutside(ids.get('s00')!);
		await t.ui.waitFor(frame => !frame.includes('usage '));
		await expect.poll(() => openNames(ids)).toEqual([]);
	});

	it('a stream that fails shows - and comes back quietly when the engine answers again', async () => {
		quick();
		plantMany(1);
		t.ui = t.world.render(120, 24);
		await t.ui.waitFor(frame => rowOf(frame, 's00').includes('0.5%'));
		t.world.engine.goDown();
		await t.ui.waitFor(frame => /s00/.test(frame) && !rowOf(frame, 's00').includes('0.5%'));
		expect(rowOf(t.ui.frame(), 's00')).toMatch(/<1m\s+-\s+-\s+vnode-fixture/);
		t.world.engine.comeBack();
		await t.ui.waitFor(frame => rowOf(frame, 's00').includes('0.5%'));
		expect(t.ui.frame()).not.toMatch(/stats/i);
	});
});
