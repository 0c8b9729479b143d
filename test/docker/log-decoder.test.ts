import {describe, expect, it} from 'vitest';
import {LogDecoder, maxLineLength} from '../../source/docker/log-decoder.js';
import type {LogLine} from '../../source/docker/engine.js';

const bytes = (text: string) => new TextEncoder().encode(text);

/** One frame of Docker's multiplexed stream: `[stream, 0, 0, 0, size (BE32)] payload`. */
function frame(stream: 0 | 1 | 2, payload: string | Uint8Array): Uint8Array {
	const body = typeof payload === 'string' ? bytes(payload) : payload;
	const out = new Uint8Array(8 + body.length);
	out[0] = stream;
	new DataView(out.buffer).setUint32(4, body.length, false);
	out.set(body, 8);
	return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}

	return out;
}

/** Pushes every chunk, then ends, and returns all lines in order. */
function decode(tty: boolean, chunks: Uint8Array[]): LogLine[] {
	const decoder = new LogDecoder(tty);
	return [...chunks.flatMap(chunk => decoder.push(chunk)), ...decoder.end()];
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const out = (...texts: string[]): LogLine[] => texts.map(text => ({text, stream: 'stdout'}));
const err = (...texts: string[]): LogLine[] => texts.map(text => ({text, stream: 'stderr'}));

describe('LogDecoder, TTY (raw stream)', () => {
	it('splits on newlines, all on stdout', () => {
		const decoder = new LogDecoder(true);
		expect(decoder.push(bytes('one\ntwo\nthree\n'))).toEqual(out('one', 'two', 'three'));
		expect(decoder.end()).toEqual([]);
	});

	it('strips \\r before \\n, keeps a lone \\r inside a line', () => {
		expect(decode(true, [bytes('one\r\ntwo\r\nprogress\r50%\n')])).toEqual(out('one', 'two', 'progress\r50%'));
	});

	it('strips \\r\\n split between chunks', () => {
		expect(decode(true, [bytes('one\r'), bytes('\ntwo\n')])).toEqual(out('one', 'two'));
	});

	it('keeps empty lines', () => {
		expect(decode(true, [bytes('a\n\n\r\nb\n')])).toEqual(out('a', '', '', 'b'));
	});

	it('holds a partial line until its newline arrives', () => {
		const decoder = new LogDecoder(true);
		expect(decoder.push(bytes('hel'))).toEqual([]);
		expect(decoder.push(bytes('lo wo'))).toEqual([]);
		expect(decoder.push(bytes('rld\nnext'))).toEqual(out('hello world'));
		expect(decoder.push(bytes(' line\n'))).toEqual(out('next line'));
		expect(decoder.end()).toEqual([]);
	});

	it('end() flushes the last partial line', () => {
		const decoder = new LogDecoder(true);
		expect(decoder.push(bytes('done\nno newline'))).toEqual(out('done'));
		expect(decoder.end()).toEqual(out('no newline'));
	});

	it('decodes a multi-byte UTF-8 character split across chunks', () => {
		const encoded = bytes('€ 🙂 日\n');
		// '€' is e2 82 ac, '🙂' is f0 9f 99 82: cut inside each.
		const chunks = [encoded.subarray(0, 2), encoded.subarray(2, 6), encoded.subarray(6, 9), encoded.subarray(9)];
		const decoder = new LogDecoder(true);
		expect(decoder.push(chunks[0]!)).toEqual([]);
		expect(decoder.push(chunks[1]!)).toEqual([]);
		expect(decoder.push(chunks[2]!)).toEqual([]);
		expect(decoder.push(chunks[3]!)).toEqual(out('€ 🙂 日'));
	});

	it('decodes a stream cut into single bytes', () => {
		const encoded = bytes('naïve 日本語\nzwei\n');
		expect(decode(true, [...encoded].map(byte => Uint8Array.of(byte)))).toEqual(out('naïve 日本語', 'zwei'));
	});

	it('turns invalid UTF-8 into U+FFFD without breaking lines', () => {
		const input = Uint8Array.of(0x61, 0xff, 0x62, 0x0a, 0xe2, 0x82, 0x0a, 0x63, 0xc3, 0x0a);
		expect(decode(true, [input])).toEqual(out('a\uFFFDb', '\uFFFD', 'c\uFFFD'));
	});

	it('end() turns a truncated UTF-8 sequence into U+FFFD', () => {
		const decoder = new LogDecoder(true);
		expect(decoder.push(Uint8Array.of(0x6f, 0x6b, 0xf0, 0x9f))).toEqual([]);
		expect(decoder.end()).toEqual(out('ok\uFFFD'));
	});

	it('cuts a line longer than maxLineLength into pieces of at most maxLineLength', () => {
		const line = 'a'.repeat(maxLineLength) + 'b'.repeat(maxLineLength) + 'c'.repeat(5);
		const lines = decode(true, [bytes(`${line}\nshort\n`)]);
		expect(lines.map(item => item.text.length)).toEqual([maxLineLength, maxLineLength, 5, 5]);
		expect(lines.map(item => item.text[0])).toEqual(['a', 'b', 'c', 's']);
		expect(lines.map(item => item.text).join('')).toBe(`${line}short`);
	});

	it('cuts a runaway line without newline as it arrives, so memory stays bounded', () => {
		const decoder = new LogDecoder(true);
		const piece = 'x'.repeat(1000);
		const emitted: LogLine[] = [];
		for (let index = 0; index < 40; index++) {
			emitted.push(...decoder.push(bytes(piece)));
		}

		expect(emitted.map(item => item.text.length)).toEqual([maxLineLength, maxLineLength]);
		expect(decoder.end().map(item => item.text.length)).toEqual([40_000 - 2 * maxLineLength]);
	});

	it('a line of exactly maxLineLength stays one line', () => {
		expect(decode(true, [bytes(`${'z'.repeat(maxLineLength)}\n`)]).map(item => item.text.length)).toEqual([maxLineLength]);
	});

	// Regression (fixed): the length cut happens before the \r\n check, so a '\r' left over after a cut
	// becomes its own empty line when the '\n' arrives in the next chunk. The same bytes in
	// one chunk give one line: output depends on where chunks split.
	it('a \\r\\n right after a full-length piece gives no extra empty line', () => {
		const text = `${'z'.repeat(maxLineLength)}\r`;
		const lengths = (lines: LogLine[]) => lines.map(item => item.text.length);
		expect(lengths(decode(true, [bytes(text), bytes('\n')]))).toEqual(lengths(decode(true, [bytes(`${text}\n`)])));
	});

	// Regression (fixed): pieces are cut at UTF-16 code units, so an emoji across the cut is split into two
	// lone surrogates (each shown as U+FFFD or worse).
	it('does not split a surrogate pair when cutting a long line', () => {
		const line = `${'a'.repeat(maxLineLength - 1)}🙂b`;
		const lines = decode(true, [bytes(`${line}\n`)]);
		expect(lines.filter(item => loneSurrogate.test(item.text)).length).toBe(0);
	});
});

describe('LogDecoder, no TTY (multiplexed frames)', () => {
	it('routes stdout (1) and stderr (2) frames to their stream', () => {
		const decoder = new LogDecoder(false);
		expect(decoder.push(concat(frame(1, 'to stdout\n'), frame(2, 'to stderr\n')))).toEqual([...out('to stdout'), ...err('to stderr')]);
	});

	it('treats a stdin (0) frame as stdout', () => {
		expect(decode(false, [frame(0, 'typed\n')])).toEqual(out('typed'));
	});

	it('does not mistake the frame header for text', () => {
		const lines = decode(false, [frame(1, 'a\n'), frame(2, 'b\n')]);
		expect(lines.map(item => item.text)).toEqual(['a', 'b']);
	});

	it('waits for a frame header split across chunks', () => {
		const whole = frame(2, 'error line\n');
		const decoder = new LogDecoder(false);
		expect(decoder.push(whole.subarray(0, 3))).toEqual([]);
		expect(decoder.push(whole.subarray(3, 7))).toEqual([]);
		expect(decoder.push(whole.subarray(7))).toEqual(err('error line'));
	});

	it('waits for a payload split across chunks', () => {
		const whole = frame(1, 'a long enough payload\n');
		const decoder = new LogDecoder(false);
		expect(decoder.push(whole.subarray(0, 8))).toEqual([]);
		expect(decoder.push(whole.subarray(8, 15))).toEqual([]);
		expect(decoder.push(whole.subarray(15))).toEqual(out('a long enough payload'));
	});

	it('decodes a frame stream cut into single bytes', () => {
		const stream = concat(frame(1, 'one\n'), frame(2, 'två\n'), frame(1, 'three\n'));
		expect(decode(false, [...stream].map(byte => Uint8Array.of(byte)))).toEqual([...out('one'), ...err('två'), ...out('three')]);
	});

	it('decodes many frames in one chunk, in order', () => {
		const frames = Array.from({length: 50}, (_, index) => frame(index % 2 === 0 ? 1 : 2, `line ${index}\n`));
		const lines = decode(false, [concat(...frames)]);
		expect(lines).toHaveLength(50);
		expect(lines[0]).toEqual({text: 'line 0', stream: 'stdout'});
		expect(lines[1]).toEqual({text: 'line 1', stream: 'stderr'});
		expect(lines[49]).toEqual({text: 'line 49', stream: 'stderr'});
		expect(lines.every((line, index) => line.stream === (index % 2 === 0 ? 'stdout' : 'stderr'))).toBe(true);
	});

	it('several lines in one frame', () => {
		expect(decode(false, [frame(2, 'a\nb\r\nc\n')])).toEqual(err('a', 'b', 'c'));
	});

	it('joins a line spanning two frames of the same stream', () => {
		expect(decode(false, [concat(frame(1, 'first half, '), frame(1, 'second half\n'))])).toEqual(out('first half, second half'));
	});

	it('keeps a stdout partial line apart from stderr frames in between', () => {
		const stream = concat(frame(1, 'out begins '), frame(2, 'an error\n'), frame(1, 'and ends\n'));
		expect(decode(false, [stream])).toEqual([...err('an error'), ...out('out begins and ends')]);
	});

	it('decodes a UTF-8 character split across two frames', () => {
		const encoded = bytes('€\n');
		expect(decode(false, [frame(1, encoded.subarray(0, 1)), frame(1, encoded.subarray(1))])).toEqual(out('€'));
	});

	it('an empty frame yields nothing', () => {
		const decoder = new LogDecoder(false);
		expect(decoder.push(concat(frame(1, ''), frame(1, 'x\n')))).toEqual(out('x'));
	});

	it('end() flushes the partial lines of both streams, stdout first', () => {
		const decoder = new LogDecoder(false);
		expect(decoder.push(concat(frame(2, 'err tail'), frame(1, 'out tail')))).toEqual([]);
		expect(decoder.end()).toEqual([...out('out tail'), ...err('err tail')]);
	});

	it('reads a frame size above 2^24 (all four size bytes)', () => {
		const decoder = new LogDecoder(false);
		const header = Uint8Array.of(1, 0, 0, 0, 0x01, 0x00, 0x00, 0x02);
		// Size 0x01000002 bytes: only the header and two bytes arrive, nothing is decoded yet.
		expect(decoder.push(concat(header, bytes('ab')))).toEqual([]);
		expect(decoder.end()).toEqual([]);
	});
});
