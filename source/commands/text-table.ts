import {sanitizeLine} from '../domain/sanitize.js';

/** Plain fixed-width columns for the shell commands (the TUI draws its own). Every cell is one line: no control byte, no line break. */
export function textTable(header: readonly string[], dirtyRows: ReadonlyArray<readonly string[]>): string {
	const rows = dirtyRows.map(row => row.map(cell => sanitizeLine(cell)));
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => (row[column] ?? '').length)));
	const line = (cells: readonly string[]) =>
		cells
			.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
			.join('  ')
			.trimEnd();
	return [line(header), ...rows.map(row => line(row))].join('\n');
}
