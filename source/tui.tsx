/**
 * Runs the full-screen UI: enters the alternate screen, renders, and always
 * restores the terminal: on quit, on an error, on SIGTERM/SIGINT, on SIGHUP
 * (the SSH connection dropped) and on EOF of stdin. Ink 6 has no
 * alternate-screen option, so this is done here.
 */
import {closeSync, writeSync} from 'node:fs';
import process from 'node:process';
import {render} from 'ink';
import React from 'react';
import {App, type AppOptions} from './app.js';
import {safeText} from './domain/safe-text.js';
import type {AppServices} from './ui/services.js';
import {processTerminal} from './exec-terminal.js';
import type {ExecOutcome, ExecTerminal} from './services/exec-shell.js';
import type {NodeListing} from './services/node-service.js';
import type {Theme} from './ui/theme.js';

const enterAlternateScreen = '\u001B[?1049h\u001B[?25l\u001B[H';
const leaveAlternateScreen = '\u001B[?25h\u001B[?1049l';

/** How a read or write fails on a terminal that is gone (the SSH connection dropped, the pty master closed). */
const hangupCodes = new Set(['EIO', 'EPIPE', 'ENXIO']);
const isHangup = (error: unknown) => hangupCodes.has(String((error as NodeJS.ErrnoException | undefined)?.code));

/**
 * The terminal is gone: write nothing more (every write fails, and a crash report would too)
 * and exit 129, as on a hang-up. Node restores the terminal's modes at exit and aborts when
 * that fails (node::ResetStdio); it skips a descriptor that is closed, so close 0-2 first.
 */
function exitHungUp(): never {
	for (const fd of [0, 1, 2]) {
		try {
			closeSync(fd);
		} catch {
			// Already closed.
		}
	}

	process.exit(129);
}

/** Whether the terminal still takes output: a write to a hung-up terminal fails at once with EIO. */
function terminalAlive(): boolean {
	try {
		writeSync(1, '\u001B[?25h');
		return true;
	} catch (error) {
		return !isHangup(error);
	}
}

/** Runs `sh` in a container on the given terminal (cli.tsx binds it to the engine). */
export type OpenShell = (container: string, terminal: ExecTerminal) => Promise<ExecOutcome>;

export async function runTui(uiServices: Omit<AppServices, 'shell'>, theme: Theme, options: AppOptions = {}, firstListing?: Promise<NodeListing>, openShell?: OpenShell): Promise<number> {
	// Wait a moment for the listing, so the first frame has the nodes; never long (a slow engine gets the loading screen).
	const readyListing = firstListing ? await Promise.race([firstListing.catch(() => undefined), new Promise<undefined>(resolve => {
				setTimeout(() => resolve(undefined), 150);
			})]) : undefined;
	const {stdout, stdin} = process;
	let restored = false;
	const restore = () => {
		if (!restored) {
			restored = true;
			try {
				writeSync(stdout.fd, leaveAlternateScreen);
			} catch (error) {
				if (isHangup(error)) {
					exitHungUp();
				}
			}

			if (stdin.isTTY) {
				stdin.setRawMode(false);
			}
		}
	};

	// Ink turns echo off only in an effect after its first frame is out; keys typed at that moment were
	// echoed by the terminal under the frame, where nothing clears them. Ink takes raw mode over later.
	if (stdin.isTTY) {
		stdin.setRawMode(true);
	}

	stdout.write(enterAlternateScreen);
	let shellOpen = false;
	/**
	 * Hands the terminal to a shell and takes it back: Ink stops reading stdin (its listener is taken
	 * off) and its frames are dropped (a state change while the shell runs must not draw over it); the
	 * main screen shows the shell; after, the alternate screen is entered again and a resize makes
	 * Ink forget its frame and draw the whole of it (as on a real resize).
	 */
	const shell = async (container: string): Promise<ExecOutcome> => {
		if (!openShell) {
			throw new Error('no shell here');
		}

		if (shellOpen) {
			throw new Error('a shell is already open');
		}

		shellOpen = true;
		const readers = stdin.listeners('readable') as Array<(...args: unknown[]) => void>;
		const resizers = stdout.listeners('resize') as Array<(...args: unknown[]) => void>;
		readers.forEach(listener => stdin.off('readable', listener));
		resizers.forEach(listener => stdout.off('resize', listener));
		const write = stdout.write.bind(stdout);
		const ownWrite = Object.getOwnPropertyDescriptor(stdout, 'write');
		stdout.write = (() => true) as typeof stdout.write;
		write(leaveAlternateScreen);
		const {terminal, release} = processTerminal({tty: true, input: true, writeStdout: (data, done) => write(data, () => done())});
		try {
			return await openShell(container, terminal);
		} finally {
			release();
			write(enterAlternateScreen);
			if (ownWrite) {
				Object.defineProperty(stdout, 'write', ownWrite);
			} else {
				delete (stdout as {write?: unknown}).write;
			}

			resizers.forEach(listener => stdout.on('resize', listener));
			readers.forEach(listener => stdin.on('readable', listener));
			shellOpen = false;
			stdout.emit('resize');
		}
	};

	const services: AppServices = {...uiServices, shell};
	const app = () => <App services={services} theme={theme} options={options} {...(firstListing ? {firstListing} : {})} {...(readyListing ? {readyListing} : {})} />;
	const instance = render(app(), {
		// Rows that did not change cost 3 bytes instead of a rewrite (research/ink-rendering-perf.md).
		incrementalRendering: process.env["VNODE_FULL_REDRAW"] !== "1",
		patchConsole: false,
		exitOnCtrlC: false,
	});

	// Ink's own resize listener (it runs after this one) redraws the whole frame at once, from the
	// tree as it is. Render the tree for the new size first (the size hook reads the terminal during
	// render; a state update would only render after that redraw): a frame laid out for the old,
	// wider size wraps its long rows in the narrower terminal and pushes the rows below them down,
	// and Ink's next, incremental frame then lands on rows it does not know (issue 10, section 7).
	// Then start from a clean screen: a terminal that reflowed on resize leaves rows of the old frame
	// behind; Ink forgets its old frame and draws all of it (the build patches Ink to do so on every
	// resize, not only when the width shrank).
	const onResize = () => {
		instance.rerender(app());
		stdout.write('\u001B[2J\u001B[H');
	};

	stdout.prependListener('resize', onResize);
	let exitCode = 0;
	const shutdown = (code: number) => {
		exitCode = code;
		try {
			instance.unmount();
		} catch (error) {
			// Ink's unmount writes the last frame and shows the cursor: on a dead terminal that throws.
			if (isHangup(error)) {
				exitHungUp();
			}

			throw error;
		}
	};

	const signals: Array<[NodeJS.Signals, () => void]> = [
		['SIGTERM', () => shutdown(143)],
		['SIGINT', () => shutdown(130)],
		// A hang-up with the terminal still there (kill -HUP) restores it; without, nothing is written.
		['SIGHUP', () => (terminalAlive() ? shutdown(129) : exitHungUp())],
	];
	const handlers = signals.map(([signal, handler]) => {
		process.on(signal, handler);
		return [signal, handler] as const;
	});
	const onEnd = () => shutdown(0);
	const onStreamError = (error: unknown) => (isHangup(error) ? exitHungUp() : onEnd());
	const onCrash = (error: unknown) => {
		if (isHangup(error)) {
			exitHungUp();
		}

		restore();
		process.stderr.write(`vnode-tui crashed: ${safeText(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
		process.exit(70);
	};

	stdin.on('end', onEnd);
	stdin.on('error', onStreamError);
	stdout.on('error', onStreamError);
	process.on('uncaughtException', onCrash);
	try {
		await instance.waitUntilExit();
	} catch (error) {
		exitCode = 1;
		restore();
		process.stderr.write(`error: ${safeText(error instanceof Error ? error.message : String(error))}\n`);
	} finally {
		restore();
		for (const [signal, handler] of handlers) {
			process.off(signal, handler);
		}

		stdout.off('resize', onResize);
		stdin.off('end', onEnd);
		stdin.off('error', onStreamError);
		stdout.off('error', onStreamError);
		process.off('uncaughtException', onCrash);
	}

	return exitCode;
}
