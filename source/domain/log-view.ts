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

/** Entries by position: an array, or a view onto the ring buffer (no copy per flush). */
export type Entries = {readonly length: number; at(index: number): LogEntry | undefined};

/** Which entries are on show, by position: every one, or a list (filter mode). */
export type Shown = {readonly length: number; at(position: number): number | undefined};

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

/** Entries on show: every entry (no list is built), or the matches and markers in filter mode. */
export function shownEntries(entries: Entries, options: Pick<LogViewOptions, 'query' | 'filterOnly'>): Shown {
	if (!options.filterOnly || !options.query) {
		return {length: entries.length, at: position => (position >= 0 && position < entries.length ? position : undefined)};
	}

	const list: number[] = [];
	for (let index = 0; index < entries.length; index++) {
		const entry = entries.at(index);
		if (entry && (entry.marker || entryMatches(entry, options.query))) {
			list.push(index);
		}
	}

	return list;
}

/** Positions (in `shown`) of the entries that match the query. */
export function matchPositions(entries: Entries, shown: Shown, query: string): number[] {
	if (!query) {
		return [];
	}

	const out: number[] = [];
	for (let position = 0; position < shown.length; position++) {
		const entry = entries.at(shown.at(position) ?? -1);
		if (entry && entryMatches(entry, query)) {
			out.push(position);
		}
	}

	return out;
}

/** `01:27:48.123` from `2026-11-26T01:27:48.123456789Z`. */
export function shortTime(time: string | undefined): string {
	return time && time.length >= 23 ? time.slice(11, 23) : (time ?? '').padEnd(12).slice(0, 12);
}

/**
 * The cut pieces of each entry for the options they were cut for. A followed log draws the same
 * entries again, one row higher, on every flush: cutting each line once (not once per frame) is most
 * of what a flush costs here. Held by the entry itself, so it goes when the buffer drops the entry.
 */
const cutCache = new WeakMap<LogEntry, {key: string; segments: RowSegment[][]}>();

/** One entry as screen rows: prefixed, highlighted, and cut or wrapped to the width. */
export function entryRows(entry: LogEntry, index: number, options: LogViewOptions): LogRow[] {
	const key = `${options.width}:${options.wrap ? 1 : 0}${options.timestamps ? 1 : 0}:${options.query}`;
	let cut = cutCache.get(entry);
	if (cut?.key !== key) {
		cut = {key, segments: cutEntry(entry, options)};
		cutCache.set(entry, cut);
	}

	return cut.segments.map(segments => ({entry: index, segments, ...(entry.marker ? {marker: true} : {})}));
}

function cutEntry(entry: LogEntry, options: LogViewOptions): RowSegment[][] {
	const prefix = options.timestamps && !entry.marker ? `${shortTime(entry.time)} ` : '';
	const highlight = options.query.length > 0 && entryMatches(entry, options.query);
	// A highlighted line is shown without its own colours, so the match stands out.
	const text = prefix + (highlight ? plainText(entry.text) : entry.text);
	const pieces = options.wrap ? wrapAnsi(text, options.width) : [sliceAnsi(text, 0, options.width)];
	return pieces.map(piece => (highlight ? highlightSegments(piece, options.query) : [{text: piece}]));
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
export function visibleRows(entries: Entries, shown: Shown, top: number | 'end', height: number, options: LogViewOptions): LogRow[] {
	if (top === 'end') {
		const rows: LogRow[] = [];
		for (let position = shown.length - 1; position >= 0 && rows.length < height; position--) {
			const index = shown.at(position) ?? -1;
			const entry = entries.at(index);
			if (entry) {
				rows.unshift(...entryRows(entry, index, options));
			}
		}

		return rows.slice(-height);
	}

	const rows: LogRow[] = [];
	for (let position = Math.max(0, top); position < shown.length && rows.length < height; position++) {
		const index = shown.at(position) ?? -1;
		const entry = entries.at(index);
		if (entry) {
			rows.push(...entryRows(entry, index, options));
		}
	}

	return rows.slice(0, height);
}
