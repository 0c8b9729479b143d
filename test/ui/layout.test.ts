import {describe, expect, it} from 'vitest';
import {computeLayout} from '../../source/ui/layout.js';
import {rowCells, rowText, tableColumns} from '../../source/ui/panes/node-table/table-layout.js';
import type {NodeRow} from '../../source/domain/node-row.js';

describe('computeLayout', () => {
	it('80x24: one row short of the terminal, table on top, detail below, one at a time', () => {
		const layout = computeLayout(80, 24, false);
		expect(layout).toMatchObject({tooSmall: false, width: 80, height: 23, sideBySide: false, inspectorWidth: 80});
		expect(layout.tableHeight + layout.detailHeight + 3).toBe(23);
	});

	it('the table takes no more rows than it needs, and at least five', () => {
		expect(computeLayout(200, 60, false, 4).tableHeight).toBe(7);
		expect(computeLayout(200, 60, false, 0).tableHeight).toBe(5);
		expect(computeLayout(200, 60, false, 500).tableHeight).toBe(Math.floor(56 * 0.45));
	});

	it('a banner takes a row from the body', () => {
		const plain = computeLayout(80, 24, false);
		const banner = computeLayout(80, 24, true);
		expect(banner.tableHeight + banner.detailHeight).toBe(plain.tableHeight + plain.detailHeight - 1);
	});

	it('160 columns and wider: inspector and log side by side', () => {
		const layout = computeLayout(200, 60, false);
		expect(layout.sideBySide).toBe(true);
		expect(layout.inspectorWidth + 1 + layout.logWidth).toBe(200);
		expect(computeLayout(159, 40, false).sideBySide).toBe(false);
	});

	it('below 60x16 it is too small', () => {
		expect(computeLayout(59, 24, false).tooSmall).toBe(true);
		expect(computeLayout(80, 15, false).tooSmall).toBe(true);
		expect(computeLayout(60, 16, false).tooSmall).toBe(false);
	});
});

describe('table rows', () => {
	const row: NodeRow = {
		key: 'user/alpha',
		name: 'alpha',
		scope: 'user',
		configPath: '/c/alpha.yaml',
		problems: [],
		status: 'running',
		health: 'healthy',
		container: {id: 'x', name: 'vantage6-alpha-user', image: 'img:1', state: 'running', status: 'Up 2 hours (healthy)', created: 1000, labels: {}},
	};

	it('every row is exactly the terminal width, whatever the name', () => {
		for (const width of [60, 80, 120, 200]) {
			const columns = tableColumns(width);
			const long = {...row, name: 'a'.repeat(80)};
			const text = rowText(rowCells(long, undefined, 1_000_000, columns.some(column => column.id === 'health')), columns, true);
			expect(text.length).toBeLessThanOrEqual(width);
		}
	});

	it('narrow tables fold health into the status; a pending action wins', () => {
		expect(tableColumns(80).map(column => column.id)).not.toContain('health');
		expect(rowCells(row, undefined, 1_000_000 * 1000, false).status).toBe('● running, healthy');
		expect(rowCells(row, 'stopping', 1_000_000 * 1000, false).status).toBe('… stopping');
		expect(rowCells(row, undefined, (1000 + 30) * 1000, true).uptime).toBe('<1m');
		expect(rowCells(row, undefined, (1000 + 7260) * 1000, true).uptime).toBe('2h 1m');
	});

	it('names from container labels cannot break the row', () => {
		const hostile = {...row, configPath: undefined, name: 'evil\u001B[2J\nname\u202E'} as NodeRow;
		const cells = rowCells(hostile, undefined, 0, true);
		expect(cells.name).not.toMatch(/[\u001B\n\u202E]/);
		expect(cells.name).toContain('(no config)');
	});
});
