/** Docker's multiplexed exec stream, cut anywhere by the chunks, comes out as the bytes of each stream in order. */
import {describe, expect, it} from 'vitest';
import {ExecDemuxer} from '../../source/docker/exec-stream.js';

function frame(stream: 1 | 2, text: string): Buffer {
	const payload = Buffer.from(text);
	const header = Buffer.alloc(8);
	header[0] = stream;
	header.writeUInt32BE(payload.length, 4);
	return Buffer.concat([header, payload]);
}

function demux(chunks: Buffer[]): {stdout: string; stderr: string} {
	const demuxer = new ExecDemuxer();
	const out = {stdout: '', stderr: ''};
	for (const chunk of chunks) {
		for (const piece of demuxer.push(chunk)) {
			out[piece.stream] += Buffer.from(piece.data).toString();
		}
	}

	return out;
}

describe('ExecDemuxer', () => {
	const whole = Buffer.concat([frame(1, 'hello '), frame(2, 'oops\n'), frame(1, 'world\n'), frame(1, '')]);

	it('splits frames into stdout and stderr', () => {
		expect(demux([whole])).toEqual({stdout: 'hello world\n', stderr: 'oops\n'});
	});

	it('gives the same bytes however the stream is cut (inside headers and payloads, byte by byte)', () => {
		for (let cut = 1; cut < whole.length; cut++) {
			expect(demux([whole.subarray(0, cut), whole.subarray(cut)]), `cut at ${cut}`).toEqual({stdout: 'hello world\n', stderr: 'oops\n'});
		}

		expect(demux([...whole].map(byte => Buffer.from([byte])))).toEqual({stdout: 'hello world\n', stderr: 'oops\n'});
	});

	it('passes a huge announced frame on as it comes instead of holding it', () => {
		const header = Buffer.alloc(8);
		header[0] = 1;
		header.writeUInt32BE(0xff_ff_ff_ff, 4);
		const demuxer = new ExecDemuxer();
		const pieces = [...demuxer.push(Buffer.concat([header, Buffer.from('abc')]))];
		expect(pieces.map(piece => Buffer.from(piece.data).toString())).toEqual(['abc']);
	});
});
