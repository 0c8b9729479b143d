/** How the screen is split for a terminal size. Pure, so it is tested without rendering. */
import {minimumSize} from './chrome/too-small.js';

export type Layout = {
	tooSmall: boolean;
	width: number;
	/** One row less than the terminal: a full-height frame makes Ink 6 clear the screen on every render. */
	height: number;
	tableHeight: number;
	detailHeight: number;
	/** Inspector and log side by side (wide terminals), or one at a time. */
	sideBySide: boolean;
	inspectorWidth: number;
	logWidth: number;
};

export const sideBySideColumns = 160;

/**
 * @param banner rows of the engine banner (true: one)
 * @param tableRows rows the table has to show; the table takes no more room than they need.
 */
export function computeLayout(columns: number, rows: number, banner: boolean | number, tableRows = Number.POSITIVE_INFINITY): Layout {
	const width = columns;
	const height = rows - 1;
	const tooSmall = columns < minimumSize.columns || rows < minimumSize.rows;
	const bannerRows = typeof banner === 'number' ? banner : banner ? 1 : 0;
	const body = Math.max(0, height - 3 - bannerRows);
	const sideBySide = columns >= sideBySideColumns;
	// Title, header, the rows, and one spare line for the empty or "more" text.
	const tableHeight = Math.max(5, Math.min(tableRows + 3, Math.floor(body * (sideBySide ? 0.45 : 0.4))));
	const detailHeight = Math.max(3, body - tableHeight);
	const inspectorWidth = sideBySide ? Math.floor((width - 1) * 0.5) : width;
	return {tooSmall, width, height, tableHeight, detailHeight, sideBySide, inspectorWidth, logWidth: sideBySide ? width - 1 - inspectorWidth : width};
}
