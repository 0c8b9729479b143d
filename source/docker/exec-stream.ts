/**
 * `docker exec` over the engine's API: create the exec (`POST /containers/{id}/exec`), start it on a
 * connection the engine takes over (`POST /exec/{id}/start`, hijacked: the process's output comes back
 * and its input goes out on the same socket), set the TTY's size (`POST /exec/{id}/resize`) and read the
 * exit code (`GET /exec/{id}/json`). Every wait but the process itself is bounded.
 */
import type {IncomingMessage} from 'node:http';
import type {Duplex} from 'node:stream';
import {EngineError, type ExecOutput, type ExecRequest, type ExecSession, type TerminalSize} from './engine.js';
import {count, record, text} from './engine-answers.js';
import {unreadable, type EngineRequester} from './engine-request.js';

export type ExecLimits = {readMs: number; changeMs: number};

/** How long the exit code is asked for after the output ended (the engine marks the exec ended a moment later). */
const exitPollMs = 2000;
const exitPollStepMs = 50;

/** How often the first size is asked for while the engine refuses it (the process still starting). */
const initialSizeAttempts = 10;
const initialSizeRetryMs = 100;

/** Docker's exec ids are 64 hex digits. */
const execIdPattern = /^[0-9a-f]{64}$/;

export async function openExec(requests: EngineRequester, host: string, container: string, request: ExecRequest, limits: ExecLimits): Promise<ExecSession> {
	if (request.cmd.length === 0) {
		throw new EngineError('failed', 'No command to run.');
	}

	const {body} = await requests.json({
		method: 'POST',
		path: ['containers', container, 'exec'],
		body: {
			AttachStdin: request.stdin,
			AttachStdout: true,
			AttachStderr: true,
			Tty: request.tty,
			Cmd: request.cmd,
			...(request.tty && request.size ? {ConsoleSize: [request.size.rows, request.size.columns]} : {}),
		},
		timeoutMs: limits.changeMs,
		subject: `container ${container}`,
		...(request.signal ? {signal: request.signal} : {}),
	});
	const id = text(record(body)['Id']);
	if (!execIdPattern.test(id)) {
		throw unreadable(host, 'POST /containers/{id}/exec', 'no Id');
	}

	const socket = await requests.upgrade({
		method: 'POST',
		path: ['exec', id, 'start'],
		body: {Detach: false, Tty: request.tty},
		timeoutMs: limits.changeMs,
		subject: `container ${container}`,
		...(request.signal ? {signal: request.signal} : {}),
	});
	/** Whether the engine took the size. */
	const trySize = async (size: TerminalSize): Promise<boolean> => {
		try {
			await requests.json({method: 'POST', path: ['exec', id, 'resize'], query: {h: size.rows, w: size.columns}, timeoutMs: limits.readMs});
			return true;
		} catch {
			return false;
		}
	};

	const resize = async (size: TerminalSize) => {
		if (request.tty && validSize(size)) {
			// A failure (the process is gone) is ignored: its size no longer matters.
			await trySize(size);
		}
	};

	// Docker before 23 (API < 1.42) ignores ConsoleSize: the TTY is 0x0 until sized after the start, which
	// it may refuse while the process is still starting; asked again, as the docker CLI does.
	let closed = false;
	socket.once('close', () => {
		closed = true;
	});
	if (request.tty && request.size && validSize(request.size)) {
		const size = request.size;
		void (async () => {
			for (let attempt = 0; attempt < initialSizeAttempts && !closed && !(await trySize(size)); attempt++) {
				await new Promise(resolve => setTimeout(resolve, initialSizeRetryMs));
			}
		})();
	}

	const exitCode = async (): Promise<number> => {
		const deadline = Date.now() + exitPollMs;
		for (;;) {
			const {body: state} = await requests.json({method: 'GET', path: ['exec', id, 'json'], timeoutMs: limits.readMs});
			const answer = record(state);
			if (answer['Running'] !== true || Date.now() >= deadline) {
				return answer['Running'] === true ? -1 : count(answer['ExitCode']);
			}

			await new Promise(resolve => setTimeout(resolve, exitPollStepMs));
		}
	};

	// An engine that answered without taking the connection over gives the output only.
	const input = isAnswer(socket) ? undefined : socket;
	return {
		output: outputOf(socket, request.tty),
		write(data) {
			if (request.stdin && input && !input.destroyed && input.writable) {
				input.write(data);
			}
		},
		endInput() {
			if (input && !input.destroyed && input.writable) {
				input.end();
			}
		},
		resize,
		exitCode,
		close() {
			socket.destroy();
		},
	};
}

function validSize(size: TerminalSize): boolean {
	return [size.rows, size.columns].every(value => Number.isInteger(value) && value > 0 && value < 10_000);
}

function isAnswer(stream: Duplex | IncomingMessage): stream is IncomingMessage {
	return 'statusCode' in stream;
}

async function* outputOf(socket: Duplex | IncomingMessage, tty: boolean): AsyncIterable<ExecOutput> {
	const demux = tty ? undefined : new ExecDemuxer();
	try {
		for await (const chunk of socket) {
			const bytes = chunk as Uint8Array;
			if (demux) {
				yield* demux.push(bytes);
			} else {
				yield {stream: 'stdout', data: bytes};
			}
		}
	} catch {
		// A closed or reset connection ends the output; the exit code says how the process ended.
	} finally {
		socket.destroy();
	}
}

/**
 * Docker's multiplexed stream without a TTY: frames of `[stream, 0, 0, 0, size (4 bytes, BE)]` and
 * the payload. Payloads are passed on as they come (a frame is never held whole: its size is the
 * engine's word), split anywhere by the chunks.
 */
export class ExecDemuxer {
	private header: Uint8Array = new Uint8Array(0);
	private remaining = 0;
	private stream: ExecOutput['stream'] = 'stdout';

	*push(chunk: Uint8Array): Iterable<ExecOutput> {
		let at = 0;
		while (at < chunk.length) {
			if (this.remaining === 0) {
				const needed = 8 - this.header.length;
				const piece = chunk.subarray(at, at + needed);
				this.header = concat(this.header, piece);
				at += piece.length;
				if (this.header.length === 8) {
					this.stream = this.header[0] === 2 ? 'stderr' : 'stdout';
					this.remaining = new DataView(this.header.buffer, this.header.byteOffset, 8).getUint32(4);
					this.header = new Uint8Array(0);
				}

				continue;
			}

			const piece = chunk.subarray(at, at + this.remaining);
			at += piece.length;
			this.remaining -= piece.length;
			yield {stream: this.stream, data: piece};
		}
	}
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	const joined = new Uint8Array(a.length + b.length);
	joined.set(a);
	joined.set(b, a.length);
	return joined;
}
