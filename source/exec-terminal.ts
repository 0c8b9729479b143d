/**
 * This process's terminal (or pipes) as the terminal side of an exec: stdin's bytes go to the
 * process, the process's output to stdout and stderr, and with a TTY the window size follows
 * SIGWINCH. Raw mode is on while the process runs and put back as it was after.
 */
import process from 'node:process';
import type {ExecOutput} from './docker/engine.js';
import type {ExecTerminal} from './services/exec-shell.js';

export type ProcessTerminalOptions = {
	/** A TTY for the process (stdin and stdout are terminals). */
	tty: boolean;
	/** Attach stdin. */
	input: boolean;
	/** How output reaches stdout; the TUI passes the real write while Ink's is muted. @default process.stdout.write */
	writeStdout?: (data: Uint8Array, done: () => void) => boolean;
};

/** The terminal and how to give it back (raw mode as it was, stdin paused). */
export function processTerminal(options: ProcessTerminalOptions): {terminal: ExecTerminal; release(): void} {
	const {stdin, stdout, stderr} = process;
	const wasRaw = stdin.isTTY ? stdin.isRaw : false;
	if (options.tty && stdin.isTTY) {
		stdin.setRawMode(true);
	}

	const writeStdout = options.writeStdout ?? ((data: Uint8Array, done: () => void) => stdout.write(data, () => done()));
	// A pipe that is slower than the process: wait for it to drain (memory stays bounded).
	const write = (output: ExecOutput): Promise<void> | undefined => {
		let resolve: (() => void) | undefined;
		const drained = new Promise<void>(done => {
			resolve = done;
		});
		const flushed = output.stream === 'stderr' ? stderr.write(output.data, () => resolve!()) : writeStdout(output.data, () => resolve!());
		return flushed ? undefined : drained;
	};

	const terminal: ExecTerminal = {
		write,
		...(options.input
			? {
					onInput(listener: (data: Uint8Array) => void, onEnd: () => void) {
						// Ink reads stdin as UTF-8 text; the bytes are the same.
						const onData = (chunk: Uint8Array | string) => listener(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
						stdin.on('data', onData);
						stdin.on('end', onEnd);
						stdin.resume();
						return () => {
							stdin.off('data', onData);
							stdin.off('end', onEnd);
							stdin.pause();
						};
					},
				}
			: {}),
		...(options.tty
			? {
					tty: {
						size: () => ({rows: stdout.rows || 24, columns: stdout.columns || 80}),
						onResize(listener: () => void) {
							stdout.on('resize', listener);
							return () => stdout.off('resize', listener);
						},
					},
				}
			: {}),
	};
	return {
		terminal,
		release() {
			if (options.tty && stdin.isTTY) {
				stdin.setRawMode(wasRaw);
			}
		},
	};
}
