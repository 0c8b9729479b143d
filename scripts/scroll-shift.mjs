/**
 * Put into Ink's incremental writer (scripts/source-patches.mjs): when a block
 * of rows moved up between two frames (a followed log), move it on the
 * terminal with delete-line/insert-line instead of rewriting every row.
 * At 100 lines/s a log pane repaints ~30 rows 10 times a second, ~112 bytes a
 * row; shifted, only the rows that arrived are written.
 *
 * Only relative cursor moves and VT100 DL/IL, so it needs neither absolute
 * coordinates nor a scroll region, and the rows below the block come back
 * where they were: DL at the block's top pulls everything below up by k
 * (blank rows enter at the bottom of the screen), IL under the moved block
 * pushes it back down by k (those blank rows fall off again).
 */

// Never equal to a rendered line: marks the rows the shift left blank, so they are written.
const blank = '\u0000vnode-blank';
// Fewer rows saved than this and the escape sequences are not worth it.
const minimumSaved = 3;

/**
 * The best upward shift of a block of rows from `previous` to `next` (both
 * `count` visible rows), or undefined. A shift by `k` of rows top..bottom
 * means next[i] === previous[i + k] for i in top..bottom; `saved` is the rows
 * it spares writing, less the rows it empties that had not changed.
 */
export function planShift(previous, next, count) {
	let best;
	for (let k = 1; k < count - minimumSaved; k++) {
		let runStart = -1;
		let saved = 0;
		for (let i = 0; i <= count - k; i++) {
			const same = i < count - k && next[i] === previous[i + k];
			if (same) {
				if (runStart < 0) {
					runStart = i;
					saved = 0;
				}

				// A row that did not change is skipped anyway; only rows that would be rewritten count.
				if (next[i] !== previous[i]) {
					saved++;
				}
			} else if (runStart >= 0) {
				// The k rows the shift empties must be written, also those that had not changed in place.
				let emptied = 0;
				for (let row = i; row < i + k; row++) {
					if (next[row] === previous[row]) {
						emptied++;
					}
				}

				const net = saved - emptied;
				if (net >= minimumSaved && (!best || net > best.saved)) {
					best = {k, top: runStart, bottom: i - 1, saved: net};
				}

				runStart = -1;
			}
		}
	}

	return best;
}

/**
 * Applies a planned shift: the escape sequence to write with the cursor on the
 * frame's first row (it ends there again), and the previous rows as they are
 * on the terminal afterwards.
 */
export function applyShift(previous, {k, top, bottom}) {
	const down = rows => (rows > 0 ? `\u001B[${rows}B` : '');
	// From the frame's top row: to the block's top, delete k rows, to the row under the moved
	// block, insert k rows, back to the frame's top.
	const sequence = `${down(top)}\u001B[${k}M${down(bottom + 1 - top)}\u001B[${k}L\u001B[${bottom + 1}A`;
	const shifted = previous.slice();
	for (let i = top; i <= bottom; i++) {
		shifted[i] = previous[i + k];
	}

	for (let i = bottom + 1; i <= bottom + k; i++) {
		shifted[i] = blank;
	}

	return {sequence, previous: shifted};
}
