/**
 * A process in a container bound to a terminal, as `docker exec -it C sh` does: input goes to the
 * process, its output comes back byte for byte, the window size follows the terminal. Shared by
 * `vnode-tui exec` and the TUI's shell key; the caller owns the terminal (raw mode, screens).
 */
import {EngineError, isEngineError, type DockerEngine, type ExecOutput, type TerminalSize} from '../docker/engine.js';
import {sanitizeLine} from '../domain/sanitize.js';

/** The terminal side of an exec. */
export type ExecTerminal = {
	/** Subscribes to the bytes typed (or piped in); returns the unsubscribe. Undefined: stdin not attached. */
	onInput?: (listener: (data: Uint8Array) => void, onEnd: () => void) => () => void;
	/** Writes the process's output, as it came; a promise when the output must drain before more is read. */
	write(output: ExecOutput): Promise<void> | undefined;
	/** A TTY: its size now and its changes (returns the unsubscribe). Undefined: no TTY. */
	tty?: {size(): TerminalSize; onResize(listener: () => void): () => void};
};

export type ExecOutcome = {
	exitCode: number;
	/** Why the command could not be run at all (no such program in the image), for the operator; after the container's name. */
	problem?: string;
};

/** How much of the output is kept to tell "the program does not exist" from a program's own output. */
const keptOutputBytes = 4096;
/** What the engine (runc) writes when the program cannot be started. */
const notStarted = /OCI runtime exec failed|executable file not found|exec failed/i;

export async function runExec(engine: Pick<DockerEngine, 'exec'>, container: string, cmd: readonly string[], terminal: ExecTerminal, signal?: AbortSignal): Promise<ExecOutcome> {
	const {tty} = terminal;
	let session;
	try {
		session = await engine.exec(container, {cmd, tty: tty !== undefined, stdin: terminal.onInput !== undefined, ...(tty ? {size: tty.size()} : {}), ...(signal ? {signal} : {})});
	} catch (error) {
		if (isEngineError(error, 'conflict') && /not running|paused|restarting/i.test(error.message)) {
			throw new EngineError('conflict', `${container} is not running: a shell needs a running container (${sanitizeLine(error.message)}).`);
		}

		throw error;
	}

	const unsubscribe: Array<() => void> = [];
	if (terminal.onInput) {
		unsubscribe.push(terminal.onInput(data => session.write(data), () => session.endInput()));
	}

	if (tty) {
		unsubscribe.push(tty.onResize(() => void session.resize(tty.size())));
	}

	const kept: Uint8Array[] = [];
	let keptBytes = 0;
	try {
		for await (const piece of session.output) {
			await terminal.write(piece);
			if (keptBytes < keptOutputBytes) {
				kept.push(piece.data);
				keptBytes += piece.data.length;
			}
		}
	} finally {
		for (const stop of unsubscribe) {
			stop();
		}

		session.close();
	}

	const exitCode = await session.exitCode();
	const said = Buffer.concat(kept).toString('utf8');
	if ((exitCode === 126 || exitCode === 127) && notStarted.test(said)) {
		return {exitCode, problem: notStartedProblem(cmd[0] ?? '', said, exitCode)};
	}

	return {exitCode};
}

function notStartedProblem(program: string, said: string, exitCode: number): string {
	const reason = sanitizeLine(said.split('\n').find(line => notStarted.test(line)) ?? '').trim().slice(0, 300);
	const shell = program === 'sh' ? ` The image has no shell; run a program it has with 'vnode-tui exec NAME -- PROGRAM'.` : '';
	return `the container has no '${sanitizeLine(program)}' to run (exit ${exitCode}).${shell}${reason ? ` Docker said: ${reason}` : ''}`;
}
