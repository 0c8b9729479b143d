/**
 * The built vnode-tui in a pseudo-terminal, its output fed into a headless
 * xterm of the same size: tests read the screen a user would see, send keys,
 * resize the window and send signals. Every instance is killed when the test
 * that launched it finishes (and at process exit, whatever happens).
 */
import {Buffer} from 'node:buffer';
import process from 'node:process';
import xterm from '@xterm/headless';
import pty from 'node-pty';
import {onTestFinished} from 'vitest';
import {cliPath} from './sandbox.js';

const {Terminal} = xterm;

export type TuiOptions = {
	/** Terminal width (default 80). */
	cols?: number;
	/** Terminal height (default 24). */
	rows?: number;
	/** Environment of the child (default: this process's); `CI` is always removed, `TERM` is xterm-256color. */
	env?: Record<string, string | undefined>;
	/** Arguments after `dist/vnode-tui.js` (default none: the full-screen UI). */
	args?: string[];
	cwd?: string;
	/** A command that runs node as someone else (`setpriv --reuid=... --`, test/helpers/non-root.ts); default none. */
	runAs?: readonly string[];
	/** A node script to run instead of the built vnode-tui (tests of this helper). */
	script?: string;
};

export type TuiExit = {exitCode: number; signal: number | undefined};

/** What `waitFor` waits for: text on the screen, a pattern, or a predicate over the screen text. */
export type ScreenCondition = string | RegExp | ((screen: string) => boolean);

export type Tui = {
	/** The visible rows, trailing spaces trimmed, joined by `\n`. */
	screen(): string;
	/**
	 * Polls the screen every 25 ms until the condition holds on a whole frame; throws with the last screen on
	 * timeout. Returns that screen. A whole frame: the terminal has parsed all the child wrote, and no
	 * synchronized update (`CSI ? 2026 h` … `l`, which Ink puts around each frame) is open, so a frame
	 * that arrives in several reads is never taken half drawn (new rows above, the last frame's below).
	 */
	waitFor(condition: ScreenCondition, options?: {timeout?: number; message?: string}): Promise<string>;
	/** Writes keys to the terminal: plain text, or named keys such as `\r`, `\x1b`, `\t`. */
	press(keys: string): void;
	/**
	 * Settles once the child has written nothing for `quietMs` and the terminal has parsed all it wrote: the
	 * app is idle. Throws after `timeout` ms of steady output.
	 */
	quiet(options?: {quietMs?: number; timeout?: number}): Promise<void>;
	/** Resizes the pty (the child gets SIGWINCH) and the headless terminal. */
	resize(cols: number, rows: number): void;
	/** Settles once the child has exited and its last output has been read. */
	exited: Promise<TuiExit>;
	/** Whether the child has exited. */
	readonly hasExited: boolean;
	/** Sends a signal to the child (default SIGTERM); nothing once it has exited. */
	kill(signal?: NodeJS.Signals): void;
	/** Closes the pty master, as a dropped SSH connection does: the child's terminal is gone. */
	hangUp(): void;
	/** Which screen buffer the terminal shows: `alternate` while the full-screen UI is up. */
	activeBuffer(): 'normal' | 'alternate';
	/** Everything the child wrote, escape sequences included. */
	rawOutput(): string;
	/** Bytes the child wrote so far. */
	readonly bytesWritten: number;
	/** Window titles the terminal was asked to set (OSC 0/2), and how often it rang the bell. */
	readonly titles: readonly string[];
	readonly bells: number;
	readonly cols: number;
	readonly rows: number;
};

const live = new Set<Tui>();

process.once('exit', () => {
	for (const tui of live) {
		tui.kill('SIGKILL');
	}
});

/** Kills every instance still running (tests normally rely on the automatic clean-up). */
export function killAllTuis(signal: NodeJS.Signals = 'SIGKILL'): void {
	for (const tui of live) {
		tui.kill(signal);
	}
}

/** Begin and end of a synchronized update (DEC mode 2026): the terminal shows what is between at once. */
const syncBegin = '\u001B[?2026h';
const syncEnd = '\u001B[?2026l';

/** How long output must stay quiet after the exit before `exited` settles. */
const drainQuietMs = 60;
const drainMaxMs = 1000;

export function launchTui(options: TuiOptions = {}): Tui {
	let cols = options.cols ?? 80;
	let rows = options.rows ?? 24;
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(options.env ?? process.env)) {
		if (value !== undefined) {
			env[key] = value;
		}
	}

	// Ink writes only the last frame when CI is set.
	delete env['CI'];
	env['TERM'] = 'xterm-256color';

	const terminal = new Terminal({cols, rows, allowProposedApi: true, scrollback: 0});
	const titles: string[] = [];
	let bells = 0;
	terminal.onTitleChange(title => titles.push(title));
	terminal.onBell(() => {
		bells++;
	});
	const [file, ...prefix] = [...(options.runAs ?? []), process.execPath];
	const child = pty.spawn(file!, [...prefix, options.script ?? cliPath, ...(options.args ?? [])], {
		name: 'xterm-256color',
		cols,
		rows,
		cwd: options.cwd ?? process.cwd(),
		env,
	});

	const chunks: string[] = [];
	let bytesWritten = 0;
	let lastDataAt = Date.now();
	let exitInfo: TuiExit | undefined;
	// Whether the screen holds a whole frame: every write parsed, no synchronized update open.
	let unparsed = 0;
	let syncOpen = false;
	let scanTail = '';
	child.onData(data => {
		chunks.push(data);
		bytesWritten += Buffer.byteLength(data);
		lastDataAt = Date.now();
		unparsed++;
		// The last begin or end of a synchronized update in this data decides; a sequence split between two
		// reads is found with the end of the one before (7 characters: never a whole sequence twice).
		const scan = scanTail + data;
		const begin = scan.lastIndexOf(syncBegin);
		const end = scan.lastIndexOf(syncEnd);
		scanTail = scan.slice(-(syncBegin.length - 1));
		terminal.write(data, () => {
			unparsed--;
			if (begin !== end) {
				syncOpen = begin > end;
			}
		});
	});
	const wholeFrame = () => unparsed === 0 && !syncOpen;

	const exited = new Promise<TuiExit>(resolve => {
		child.onExit(({exitCode, signal}) => {
			exitInfo = {exitCode, signal: signal || undefined};
			// The exit can be reported before the last bytes are read from the pty.
			const started = Date.now();
			const settle = () => {
				const now = Date.now();
				if (now - lastDataAt >= drainQuietMs || now - started >= drainMaxMs) {
					// Let the terminal parse what is left before anyone reads the screen.
					terminal.write('', () => {
						resolve(exitInfo!);
					});
				} else {
					setTimeout(settle, drainQuietMs);
				}
			};

			setTimeout(settle, drainQuietMs);
		});
	});

	const screen = (): string => {
		const buffer = terminal.buffer.active;
		const lines: string[] = [];
		for (let y = 0; y < terminal.rows; y++) {
			lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
		}

		return lines.join('\n');
	};

	const tui: Tui = {
		screen,
		async waitFor(condition, {timeout = 10_000, message} = {}) {
			const test =
				typeof condition === 'string'
					? (text: string) => text.includes(condition)
					: condition instanceof RegExp
						? (text: string) => condition.test(text)
						: condition;
			const deadline = Date.now() + timeout;
			for (;;) {
				const current = screen();
				if (wholeFrame() && test(current)) {
					return current;
				}

				if (Date.now() >= deadline || (exitInfo && Date.now() - lastDataAt > 200)) {
					const what = message ?? (typeof condition === 'function' ? 'condition' : String(condition));
					const why = exitInfo ? `vnode-tui exited (code ${exitInfo.exitCode}, signal ${exitInfo.signal ?? 'none'})` : `timed out after ${timeout} ms`;
					throw new Error(`waitFor ${what}: ${why}; screen (${cols}x${rows}):\n${frame(current, cols)}`);
				}

				await new Promise(resolve => setTimeout(resolve, 25));
			}
		},
		async quiet({quietMs = 300, timeout = 10_000} = {}) {
			const deadline = Date.now() + timeout;
			while (Date.now() - lastDataAt < quietMs) {
				if (Date.now() >= deadline) {
					throw new Error(`quiet: still writing after ${timeout} ms; screen (${cols}x${rows}):\n${frame(screen(), cols)}`);
				}

				await new Promise(resolve => setTimeout(resolve, Math.min(25, quietMs)));
			}

			await new Promise<void>(resolve => {
				terminal.write('', resolve);
			});
		},
		press(keys) {
			if (!exitInfo) {
				child.write(keys);
			}
		},
		resize(newCols, newRows) {
			cols = newCols;
			rows = newRows;
			terminal.resize(newCols, newRows);
			if (!exitInfo) {
				child.resize(newCols, newRows);
			}
		},
		exited,
		get hasExited() {
			return exitInfo !== undefined;
		},
		kill(signal = 'SIGTERM') {
			if (!exitInfo) {
				try {
					child.kill(signal);
				} catch {
					// Already gone.
				}
			}
		},
		hangUp() {
			// node-pty's destroy() closes the master (its socket), then sends SIGHUP as the kernel does.
			(child as unknown as {destroy(): void}).destroy();
		},
		activeBuffer: () => terminal.buffer.active.type,
		rawOutput: () => chunks.join(''),
		titles,
		get bells() {
			return bells;
		},
		get bytesWritten() {
			return bytesWritten;
		},
		get cols() {
			return cols;
		},
		get rows() {
			return rows;
		},
	};

	live.add(tui);
	void exited.then(() => live.delete(tui));

	try {
		onTestFinished(async () => {
			if (!exitInfo) {
				tui.kill('SIGKILL');
				await exited;
			}

			terminal.dispose();
		});
	} catch {
		// Launched outside a test (a hook): the caller kills it, or process exit does.
	}

	return tui;
}

/** The screen inside a box, so trailing blank rows and the width show in a failure message. */
function frame(screen: string, cols: number): string {
	const bar = '─'.repeat(Math.min(cols, 200));
	return [`┌${bar}`, ...screen.split('\n').map(line => `│${line}`), `└${bar}`].join('\n');
}
