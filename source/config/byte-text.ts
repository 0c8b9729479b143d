/**
 * A file's bytes as text for the parser, with the way back from text offsets
 * to byte offsets, so an edit replaces only the bytes of the changed value:
 * bytes that are not UTF-8 elsewhere in the file stay exactly as they were.
 */
import {Buffer, isAscii} from 'node:buffer';
import type {Splice} from './yaml-document.js';

export type DecodedBytes = {
	text: string;
	/** False when some bytes are not UTF-8 (each such byte reads as U+FFFD). */
	utf8: boolean;
	/** Byte offset of a UTF-16 offset into `text`. */
	byteOffset(index: number): number;
};

const fatal = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true});

export function decodeBytes(bytes: Uint8Array): DecodedBytes {
	// Most configs are ASCII: one byte a character, no decoder (the UTF-8 one costs ~30 ms to warm up for 300 files).
	if (isAscii(bytes)) {
		const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
		return {text, utf8: true, byteOffset: index => index};
	}

	try {
		const text = fatal.decode(bytes);
		return {text, utf8: true, byteOffset: index => Buffer.byteLength(text.slice(0, index), 'utf8')};
	} catch {
		return decodeLeniently(bytes);
	}
}

/** One U+FFFD per byte that does not start a valid UTF-8 sequence, with an offset table. */
function decodeLeniently(bytes: Uint8Array): DecodedBytes {
	const parts: string[] = [];
	const offsets: number[] = [];
	let index = 0;
	while (index < bytes.length) {
		const lead = bytes[index]!;
		const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
		let char = '\uFFFD';
		let used = 1;
		if (length > 0 && index + length <= bytes.length) {
			try {
				char = fatal.decode(bytes.subarray(index, index + length));
				used = length;
			} catch {
				// Not a valid sequence: this byte alone becomes U+FFFD.
			}
		}

		parts.push(char);
		for (let unit = 0; unit < char.length; unit++) {
			offsets.push(index);
		}

		index += used;
	}

	offsets.push(bytes.length);
	return {text: parts.join(''), utf8: false, byteOffset: position => offsets[position] ?? bytes.length};
}

/** The file's bytes with the splices (text offsets) applied; every other byte as it was. */
export function spliceBytes(bytes: Uint8Array, decoded: DecodedBytes, splices: readonly Splice[]): Buffer {
	const ordered = [...splices].sort((a, b) => a.start - b.start);
	const chunks: Uint8Array[] = [];
	let from = 0;
	for (const splice of ordered) {
		const start = decoded.byteOffset(splice.start);
		chunks.push(bytes.subarray(from, start), Buffer.from(splice.text, 'utf8'));
		from = decoded.byteOffset(splice.end);
	}

	chunks.push(bytes.subarray(from));
	return Buffer.concat(chunks);
}
