/**
 * The log pane as pure functions over the buffered entries: which entries
 * show (all, or only matches), how they become screen rows (timestamps, wrap,
 * highlighted matches), and which window of rows is visible. Only the rows on
 * screen are computed, so a 10,000-line buffer costs what one screen costs.
 */
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';

export type LogEntry = {
	/** Sanitized text; may hold SGR colour codes unless colours are stripped. */
	text: string;
	/** Docker's RFC 3339 timestamp of the line. */
	time?: string;
	/** A line vnode-tui adds (restart, stop, dropped lines), not the container. */
	marker?: boolean;
};

export type LogViewOptions = {
	/** Case-insensitive search text; empty for none. */
	query: string;
	/** Show only entries that match the query. */
	filterOnly: boolean;
	timestamps: boolean;
	wrap: boolean;
	width: number;
};

/** A segment of a screen row; `match` segments are highlighted. */
export type RowSegment = {text: string; match?: boolean};

export type LogRow = {entry: number; segments: RowSegment[]; marker?: boolean};

const sgr = /\u001B\[[\d;:]*m/g;

export function plainText(text: string): string {
	return text.replace(sgr, '');
}

export function entryMatches(entry: LogEntry, query: string): boolean {
	return query.length > 0 && !entry.marker && plainText(entry.text).toLowerCase().includes(query.toLowerCase());
}

/** Indices of the entries that match the query, in order. */
export function matchingEntries(entries: readonly LogEntry[], query: string): number[] {
	if (!query) {
		return [];
	}

	const needle = query.toLowerCase();
	const out: number[] = [];
	for (const [index, entry] of entries.entries()) {
		if (!entry.marker && plainText(entry.text).toLowerCase().includes(needle)) {
			out.push(index);
		}
	}

	return out;
}

/** Entry indices that are shown: every entry, or the matches (and markers) in filter mode. */
export function shownEntries(entries: readonly LogEntry[], options: Pick<LogViewOptions, 'query' | 'filterOnly'>): number[] {
	if (!options.filterOnly || !options.query) {
		return entries.map((_, index) => index);
	}

	return entries.flatMap((entry, index) => (entry.marker || entryMatches(entry, options.query) ? [index] : []));
}

/** `01:27:48.123` from `2026-11-26T01:27:48.123456789Z`. */
export function shortTime(time: string | undefined): string {
	return time && time.length >= 23 ? time.slice(11, 23) : (time ?? '').padEnd(12).slice(0, 12);
}

/** One entry as screen rows: prefixed, highlighted, and cut or wrapped to the width. */
export function entryRows(entry: LogEntry, index: number, options: LogViewOptions): LogRow[] {
	const prefix = options.timestamps && !entry.marker ? `${shortTime(entry.time)} ` : '';
	const highlight = options.query.length > 0 && entryMatches(entry, options.query);
	// A highlighted line is shown without its own colours, so the match stands out.
	const text = prefix + (highlight ? plainText(entry.text) : entry.text);
	const pieces = options.wrap ? wrapAnsi(text, options.width) : [sliceAnsi(text, 0, options.width)];
	return pieces.map(piece => ({
		entry: index,
		segments: highlight ? highlightSegments(piece, options.query) : [{text: piece}],
		...(entry.marker ? {marker: true} : {}),
	}));
}

function wrapAnsi(text: string, width: number): string[] {
	const total = stringWidth(text);
	if (total <= width || width <= 0) {
		return [text];
	}

	const out: string[] = [];
	for (let start = 0; start < total; start += width) {
		out.push(sliceAnsi(text, start, start + width));
	}

	return out;
}

function highlightSegments(text: string, query: string): RowSegment[] {
	const lower = text.toLowerCase();
	const needle = query.toLowerCase();
	const segments: RowSegment[] = [];
	let at = 0;
	let found = lower.indexOf(needle, at);
	while (found >= 0 && needle.length > 0) {
		if (found > at) {
			segments.push({text: text.slice(at, found)});
		}

		segments.push({text: text.slice(found, found + needle.length), match: true});
		at = found + needle.length;
		found = lower.indexOf(needle, at);
	}

	if (at < text.length) {
		segments.push({text: text.slice(at)});
	}

	return segments;
}

/**
 * The rows on screen. Following: the last `height` rows. Otherwise the rows
 * from the entry at position `top` of the shown entries.
 */
export function visibleRows(entries: readonly LogEntry[], shown: readonly number[], top: number | 'end', height: number, options: LogViewOptions): LogRow[] {
	if (top === 'end') {
		const rows: LogRow[] = [];
		for (let position = shown.length - 1; position >= 0 && rows.length < height; position--) {
			const index = shown[position]!;
			rows.unshift(...entryRows(entries[index]!, index, options));
		}

		return rows.slice(-height);
	}

	const rows: LogRow[] = [];
	for (let position = Math.max(0, top); position < shown.length && rows.length < height; position++) {
		const index = shown[position]!;
		rows.push(...entryRows(entries[index]!, index, options));
	}

	return rows.slice(0, height);
}
