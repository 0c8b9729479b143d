/**
 * Turns Docker's log byte stream into lines. A container with a TTY sends raw
 * bytes; one without sends frames of `[stream, 0, 0, 0, size(4, BE)] payload`.
 * Chunks may split anywhere: inside a frame header, a UTF-8 sequence or a line.
 */
import type {LogLine} from './engine.js';

/** Longer lines are cut into pieces so one runaway line cannot eat memory. */
export const maxLineLength = 16 * 1024;

type StreamName = LogLine['stream'];

class LineSplitter {
	private readonly decoder = new TextDecoder('utf-8');
	private partial = '';

	constructor(private readonly stream: StreamName) {}

	push(bytes: Uint8Array, out: LogLine[]): void {
		this.split(this.decoder.decode(bytes, {stream: true}), out);
	}

	end(out: LogLine[]): void {
		this.split(this.decoder.decode(), out);
		if (this.partial.length > 0) {
			out.push({text: this.partial, stream: this.stream});
			this.partial = '';
		}
	}

	private split(text: string, out: LogLine[]): void {
		let rest = this.partial + text;
		let newline = rest.indexOf('\n');
		while (newline >= 0) {
			this.emit(rest.slice(0, rest[newline - 1] === '\r' ? newline - 1 : newline), out);
			rest = rest.slice(newline + 1);
			newline = rest.indexOf('\n');
		}

		// A trailing \r may be half of a \r\n split across chunks: keep it with the partial line.
		while (rest.length > maxLineLength && !(rest.length === maxLineLength + 1 && rest.endsWith('\r'))) {
			const cut = cutIndex(rest);
			out.push({text: rest.slice(0, cut), stream: this.stream});
			rest = rest.slice(cut);
		}

		this.partial = rest;
	}

	private emit(line: string, out: LogLine[]): void {
		let rest = line;
		while (rest.length > maxLineLength) {
			const cut = cutIndex(rest);
			out.push({text: rest.slice(0, cut), stream: this.stream});
			rest = rest.slice(cut);
		}

		out.push({text: rest, stream: this.stream});
	}
}

/** Where to cut a long line: at the limit, but never between the halves of a surrogate pair. */
function cutIndex(text: string): number {
	const code = text.charCodeAt(maxLineLength - 1);
	return code >= 0xd8_00 && code <= 0xdb_ff ? maxLineLength - 1 : maxLineLength;
}

export class LogDecoder {
	private readonly stdout = new LineSplitter('stdout');
	private readonly stderr = new LineSplitter('stderr');
	private pending = new Uint8Array(0);

	/** @param tty whether the container has a TTY (raw stream) */
	constructor(private readonly tty: boolean) {}

	push(chunk: Uint8Array): LogLine[] {
		const out: LogLine[] = [];
		if (this.tty) {
			this.stdout.push(chunk, out);
			return out;
		}

		let buffer = this.pending.length > 0 ? concat(this.pending, chunk) : chunk;
		while (buffer.length >= 8) {
			const size = ((buffer[4]! << 24) >>> 0) + (buffer[5]! << 16) + (buffer[6]! << 8) + buffer[7]!;
			if (buffer.length < 8 + size) {
				break;
			}

			const payload = buffer.subarray(8, 8 + size);
			(buffer[0] === 2 ? this.stderr : this.stdout).push(payload, out);
			buffer = buffer.subarray(8 + size);
		}

		this.pending = buffer.slice();
		return out;
	}

	end(): LogLine[] {
		const out: LogLine[] = [];
		this.stdout.end(out);
		this.stderr.end(out);
		return out;
	}
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	const joined = new Uint8Array(a.length + b.length);
	joined.set(a);
	joined.set(b, a.length);
	return joined;
}
