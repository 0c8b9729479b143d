import {describe, expect, it} from 'vitest';
import {LineBuffer} from '../../source/domain/line-buffer.js';
import {entryRows, matchPositions, plainText, shortTime, shownEntries, visibleRows, type LogEntry} from '../../source/domain/log-view.js';

const entries: LogEntry[] = Array.from({length: 30}, (_, index) => ({text: `line ${index} ${index % 7 === 0 ? 'ERROR' : 'ok'}`, time: `2026-11-26T01:02:${String(index).padStart(2, '0')}.123456789Z`}));
const options = {query: '', filterOnly: false, timestamps: false, wrap: false, width: 40};
const texts = (rows: ReturnType<typeof visibleRows>) => rows.map(row => row.segments.map(segment => segment.text).join(''));

describe('log view', () => {
	it('following shows the last rows; a top position shows rows from there', () => {
		const shown = shownEntries(entries, options);
		expect(texts(visibleRows(entries, shown, 'end', 3, options))).toEqual(['line 27 ok', 'line 28 ERROR', 'line 29 ok']);
		expect(texts(visibleRows(entries, shown, 10, 2, options))).toEqual(['line 10 ok', 'line 11 ok']);
	});

	it('filter mode shows only matches (case-insensitive), and positions of matches are counted in what is shown', () => {
		const filtered = {...options, query: 'error', filterOnly: true};
		const shown = shownEntries(entries, filtered);
		expect(shown.length).toBe(5);
		expect(texts(visibleRows(entries, shown, 0, 10, filtered))).toEqual(['line 0 ERROR', 'line 7 ERROR', 'line 14 ERROR', 'line 21 ERROR', 'line 28 ERROR']);
		expect(matchPositions(entries, shownEntries(entries, options), 'error')).toEqual([0, 7, 14, 21, 28]);
	});

	it('matches are segments of their own; timestamps are a short prefix', () => {
		const [row] = entryRows(entries[7]!, 7, {...options, query: 'err', timestamps: true});
		expect(row!.segments).toEqual([{text: '01:02:07.123 line 7 '}, {text: 'ERR', match: true}, {text: 'OR'}]);
		expect(shortTime(undefined)).toBe('            ');
	});

	it('cuts long lines to the width, or wraps them; colour codes do not count as width', () => {
		const long: LogEntry = {text: `\u001B[31m${'x'.repeat(50)}\u001B[0m`};
		const [cut] = entryRows(long, 0, options);
		expect(plainText(cut!.segments[0]!.text)).toHaveLength(40);
		const wrapped = entryRows(long, 0, {...options, wrap: true});
		expect(wrapped.map(row => plainText(row.segments[0]!.text).length)).toEqual([40, 10]);
	});

	it('cuts an entry once for all the frames that show it, and again when the width, wrap, timestamps or search change', () => {
		const entry: LogEntry = {text: `\u001B[32m${'x'.repeat(60)}\u001B[39m`, time: '2026-11-26T01:02:03.123456789Z'};
		const first = entryRows(entry, 5, options);
		// The next flush shows the entry one row higher (another position): the same cut pieces.
		const next = entryRows(entry, 4, options);
		expect(next[0]!.entry).toBe(4);
		expect(next[0]!.segments).toBe(first[0]!.segments);
		for (const changed of [{width: 20}, {wrap: true}, {timestamps: true}, {query: 'xx'}]) {
			const rows = entryRows(entry, 4, {...options, ...changed});
			expect(rows[0]!.segments).not.toBe(first[0]!.segments);
			expect(rows).toEqual(entryRows({...entry}, 4, {...options, ...changed}));
		}

		expect(entryRows(entry, 4, {...options, width: 20}).map(row => row.segments)).toEqual([[{text: `\u001B[32m${'x'.repeat(20)}\u001B[39m`}]]);
	});

	it('reads straight from the ring buffer, with no copy', () => {
		const ring = new LineBuffer<LogEntry>(5);
		for (const entry of entries) {
			ring.push(entry);
		}

		expect(ring.dropped).toBe(25);
		expect(texts(visibleRows(ring, shownEntries(ring, options), 'end', 2, options))).toEqual(['line 28 ERROR', 'line 29 ok']);
		expect(ring.at(5)).toBeUndefined();
	});
});

describe('LineBuffer', () => {
	it('holds at most the capacity, counts what it dropped, and keeps order across compactions', () => {
		const ring = new LineBuffer<number>(8);
		for (let value = 0; value < 100; value++) {
			ring.push(value);
			expect(ring.length).toBe(Math.min(value + 1, 8));
		}

		expect(ring.dropped).toBe(92);
		expect(ring.slice()).toEqual([92, 93, 94, 95, 96, 97, 98, 99]);
		expect([ring.at(0), ring.at(7), ring.at(8)]).toEqual([92, 99, undefined]);
	});
});
