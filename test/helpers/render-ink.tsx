/**
 * Renders through real Ink at a fixed terminal size (Ink's test library has no
 * rows), sends keys, waits on what the screen says. Frames are compared as
 * plain text.
 */
import {EventEmitter} from 'node:events';
import {stripVTControlCharacters} from 'node:util';
import {render} from 'ink';
import type {ReactElement} from 'react';

class FakeStdout extends EventEmitter {
	readonly isTTY = true;
	frames: string[] = [];

	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
	}

	write = (data: string): boolean => {
		this.frames.push(data);
		return true;
	};

	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.emit('resize');
	}
}

class FakeStdin extends EventEmitter {
	readonly isTTY = true;
	private data: string | null = null;

	write(data: string): void {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	}

	read = (): string | null => {
		const {data} = this;
		this.data = null;
		return data;
	};

	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	pageDown: '\u001B[6~',
} as const;

export type Rendered = {
	frame(): string;
	press(input: string): Promise<void>;
	waitFor(expected: string | RegExp | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
	resize(columns: number, rows: number): void;
	unmount(): void;
	stdout: FakeStdout;
};

export function renderAt(element: ReactElement, columns = 80, rows = 24): Rendered {
	const stdout = new FakeStdout(columns, rows);
	const stdin = new FakeStdin();
	const instance = render(element, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stderr: new FakeStdout(columns, rows) as unknown as NodeJS.WriteStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	const frame = () => stripVTControlCharacters(stdout.frames.at(-1) ?? '');
	const waitFor: Rendered['waitFor'] = async (expected, timeoutMs = 4000) => {
		const matches = (text: string) =>
			typeof expected === 'string' ? text.includes(expected) : expected instanceof RegExp ? expected.test(text) : expected(text);
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (matches(frame())) {
				return frame();
			}

			await new Promise(resolve => setTimeout(resolve, 10));
		}

		throw new Error(`Timed out waiting for ${String(expected)}. Last frame:\n${frame()}`);
	};

	return {
		frame,
		async press(input) {
			stdin.write(input);
			// Let Ink's input handling and React commit before the next key.
			await new Promise(resolve => setTimeout(resolve, 20));
		},
		waitFor,
		resize: (newColumns, newRows) => stdout.resize(newColumns, newRows),
		unmount: () => instance.unmount(),
		stdout,
	};
}
