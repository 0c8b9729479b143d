/**
 * One request to the Docker engine, bounded in time and size. docker-modem
 * keeps the transport (unix socket, tcp, TLS, ssh, API version prefix); this
 * builds the path (every value encoded), waits at most a deadline for the
 * answer, reads at most a cap of bytes, and parses the JSON itself: an engine
 * that accepts and never answers, answers forever, or answers garbage gives an
 * EngineError with a sentence, never a hang or a TypeError.
 */
import type {IncomingMessage} from 'node:http';
import type {Duplex} from 'node:stream';
import {EngineError} from './engine.js';
import {quoted} from './engine-answers.js';
import {toEngineError} from './engine-errors.js';
import {sanitizeLine} from '../domain/sanitize.js';

/** Limits of the engine adapter; the README quotes them. */
export const engineLimits = {
	/** Reads (ping, version, list, inspect): the answer must have come by then. */
	readMs: 5000,
	/** Changes (create, start, remove, volumes): Docker may set up mounts and networks first. */
	changeMs: 15_000,
	/** `stop` may take the grace period; this much longer, then it is given up. */
	stopMarginMs: 15_000,
	/** A stream quiet this long (logs, events, attach, pull) makes the adapter ping the engine; no answer ends the stream. */
	heartbeatMs: 5000,
	/** A pull with no answer or no progress line this long (while the engine still answers pings) is given up. */
	pullSilenceMs: 120_000,
	/** The largest JSON answer read (a listing of many containers is a few MB). */
	maxAnswerBytes: 16 * 1024 * 1024,
	/** The largest event line kept while waiting for its newline. */
	maxEventLineBytes: 1024 * 1024,
	/** The largest stats answer read (a few KB; percpu_usage grows with the host's cores). */
	maxStatsBytes: 256 * 1024,
} as const;

/** The part of docker-modem used: its `dial`, asked for the raw answer stream. */
export type Dialer = {
	dial(
		options: {path: string; method: string; options: {_query: Record<string, unknown>; _body: unknown}; isStream: true; statusCodes: Record<number, boolean>; abortSignal: AbortSignal; hijack?: true},
		callback: (error: unknown, answer: unknown) => void,
	): void;
};

export type EngineRequest = {
	method: 'GET' | 'POST' | 'DELETE';
	/** Path segments, each encoded here: `['containers', id, 'json']`. */
	path: readonly string[];
	query?: Record<string, string | number | boolean | Record<string, unknown>>;
	body?: unknown;
	/** How long until the answer (for a stream: until its headers); undefined: only the signal ends the wait. */
	timeoutMs: number | undefined;
	/** `text`: the body is not JSON (`/_ping`). @default 'json' */
	answer?: 'json' | 'text';
	signal?: AbortSignal;
	/** Said in a 404 message (`container x`). */
	subject?: string;
	/** The largest answer read. @default engineLimits.maxAnswerBytes */
	maxBytes?: number;
};

// docker-modem turns every status it does not know into an error whose body it reads without a limit; here every status is "known" and read by this file.
const everyStatus: Record<number, boolean> = Object.fromEntries(Array.from({length: 500}, (_, index) => [index + 100, true]));

/** `/containers/a%2Fb/json`: no value can add a segment, a query or another host. */
export function encodePath(segments: readonly string[]): string {
	return `/${segments.map(segment => encodeURIComponent(segment)).join('/')}`;
}

export class EngineRequester {
	constructor(
		private readonly dialer: Dialer,
		/** Where the engine is, for messages. */
		private readonly host: string,
		/**
		 * Why connections to this engine fail, when its transport knows better than the HTTP client (an
		 * ssh:// engine whose dial-stdio failed): a request on a channel closed beside it says that too.
		 */
		private readonly knownFailure?: () => EngineError | undefined,
	) {}

	/** The answer's status and parsed JSON body (undefined when empty). Non-2xx (but 304) throws an EngineError. */
	async json(request: EngineRequest): Promise<{status: number; body: unknown}> {
		const deadline = new Deadline(request.timeoutMs, request.signal);
		try {
			const answer = await this.dial(request, deadline.signal);
			const text = await readCapped(answer, request.maxBytes ?? engineLimits.maxAnswerBytes, deadline.signal);
			const status = answer.statusCode ?? 0;
			if (status >= 300 && status !== 304) {
				throw this.statusError(status, text, request.subject);
			}

			return {status, body: request.answer === 'text' ? text : this.parse(text, request)};
		} catch (error) {
			throw this.explain(error, deadline, request);
		} finally {
			deadline.clear();
		}
	}

	/** The open answer stream of a 2xx answer; the deadline covers only the wait for its headers. Destroyed when the signal aborts. */
	async stream(request: EngineRequest): Promise<IncomingMessage> {
		const deadline = new Deadline(request.timeoutMs, request.signal);
		let answer: IncomingMessage | undefined;
		try {
			answer = await this.dial(request, deadline.signal);
			const status = answer.statusCode ?? 0;
			if (status >= 300) {
				throw this.statusError(status, await readCapped(answer, 64 * 1024, deadline.signal), request.subject);
			}
		} catch (error) {
			answer?.destroy();
			deadline.clear();
			throw this.explain(error, deadline, request);
		}

		deadline.clear();
		return closedOnAbort(answer, request.signal);
	}

	/**
	 * A request the engine answers by taking the connection over (`POST /exec/{id}/start`): the raw
	 * two-way socket after its 101 answer. The deadline covers only the wait for that answer; an
	 * engine that answers without upgrading gives its answer stream (output only). Closed when the signal aborts.
	 */
	async upgrade(request: EngineRequest): Promise<Duplex | IncomingMessage> {
		const deadline = new Deadline(request.timeoutMs, request.signal);
		let answer: Duplex | IncomingMessage | undefined;
		try {
			answer = await this.dial(request, deadline.signal, true);
			if (isAnswer(answer) && (answer.statusCode ?? 0) >= 300) {
				throw this.statusError(answer.statusCode ?? 0, await readCapped(answer, 64 * 1024, deadline.signal), request.subject);
			}
		} catch (error) {
			answer?.destroy();
			throw this.explain(error, deadline, request);
		} finally {
			deadline.clear();
		}

		return closedOnAbort(answer, request.signal);
	}

	private async dial(request: EngineRequest, signal: AbortSignal): Promise<IncomingMessage>;
	private async dial(request: EngineRequest, signal: AbortSignal, hijack: true): Promise<IncomingMessage | Duplex>;
	private async dial(request: EngineRequest, signal: AbortSignal, hijack?: true): Promise<IncomingMessage | Duplex> {
		const hasQuery = request.query !== undefined && Object.keys(request.query).length > 0;
		return new Promise((resolve, reject) => {
			this.dialer.dial(
				{
					// docker-modem appends the query after a '?' (each value encoded by querystring).
					path: `${encodePath(request.path)}${hasQuery ? '?' : ''}`,
					method: request.method,
					options: {_query: request.query ?? {}, _body: request.body ?? {}},
					isStream: true,
					statusCodes: everyStatus,
					abortSignal: signal,
					...(hijack ? {hijack} : {}),
				},
				(error, answer) => {
					if (error) {
						reject(error);
					} else if (isAnswer(answer) || (hijack && isSocket(answer))) {
						resolve(answer);
					} else {
						reject(new Error('no answer stream'));
					}
				},
			);
		});
	}

	private parse(text: string, request: EngineRequest): unknown {
		if (text.trim() === '') {
			return undefined;
		}

		try {
			return JSON.parse(text) as unknown;
		} catch {
			throw unreadable(this.host, `${request.method} ${encodePath(request.path)}`, `not JSON: ${quoted(text.slice(0, 40))}${text.length > 40 ? '…' : ''}`);
		}
	}

	private statusError(status: number, text: string, subject?: string): EngineError {
		let message = text.trim();
		try {
			const parsed = JSON.parse(text) as {message?: unknown};
			if (typeof parsed?.message === 'string') {
				message = parsed.message;
			}
		} catch {
			// Not JSON: the text is the message.
		}

		return toEngineError({statusCode: status, message: sanitizeLine(message.slice(0, 500)) || `HTTP ${status}`}, this.host, subject);
	}

	private explain(error: unknown, deadline: Deadline, request: EngineRequest): unknown {
		if (error instanceof EngineError) {
			return error;
		}

		if (deadline.timedOut) {
			return new EngineError(
				'daemon-unreachable',
				`The Docker engine at ${this.host} accepted the connection but did not answer within ${seconds(request.timeoutMs ?? 0)} s (${request.method} ${encodePath(request.path)}). Is dockerd hung? Check 'systemctl status docker'.`,
			);
		}

		if (request.signal?.aborted) {
			return error;
		}

		return this.knownFailure?.() ?? toEngineError(error, this.host, request.subject);
	}
}

/** An EngineError for an answer that cannot be what Docker sends. */
export function unreadable(host: string, what: string, reason: string): EngineError {
	return new EngineError('failed', `The Docker engine at ${host} answered something unreadable to ${what} (${reason}). Is DOCKER_HOST a Docker engine?`);
}

export function seconds(ms: number): string {
	return String(Math.round(ms / 100) / 10);
}

/** A timer and the caller's signal as one signal; knows which of the two fired. */
class Deadline {
	private readonly controller = new AbortController();
	private readonly timer: NodeJS.Timeout | undefined;
	timedOut = false;

	constructor(
		ms: number | undefined,
		private readonly outer?: AbortSignal,
	) {
		this.timer =
			ms === undefined
				? undefined
				: setTimeout(() => {
						this.timedOut = true;
						this.controller.abort();
					}, ms);
		if (outer?.aborted) {
			this.controller.abort();
		}

		outer?.addEventListener('abort', this.forward, {once: true});
	}

	get signal(): AbortSignal {
		return this.controller.signal;
	}

	clear(): void {
		clearTimeout(this.timer);
		this.outer?.removeEventListener('abort', this.forward);
	}

	private readonly forward = () => this.controller.abort();
}

function isSocket(value: unknown): value is Duplex {
	return typeof value === 'object' && value !== null && typeof (value as Duplex).write === 'function' && typeof (value as Duplex).on === 'function';
}

function isAnswer(value: unknown): value is IncomingMessage {
	return typeof value === 'object' && value !== null && typeof (value as IncomingMessage).on === 'function' && 'statusCode' in value;
}

async function readCapped(answer: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	const abort = () => answer.destroy(new Error('aborted'));
	if (signal.aborted) {
		abort();
	}

	signal.addEventListener('abort', abort, {once: true});
	try {
		for await (const chunk of answer) {
			const bytes = chunk as Buffer;
			size += bytes.length;
			if (size > maxBytes) {
				throw new EngineError('failed', `The Docker engine answered more than ${maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MB` : `${Math.round(maxBytes / 1024)} KB`}; not read further.`);
			}

			chunks.push(bytes);
		}
	} finally {
		signal.removeEventListener('abort', abort);
		answer.destroy();
	}

	return Buffer.concat(chunks).toString('utf8');
}

/** An opened answer stream, destroyed when the signal aborts (at once if it already has). */
function closedOnAbort<Stream extends Duplex | IncomingMessage>(opened: Stream, signal: AbortSignal | undefined): Stream {
	if (signal?.aborted) {
		opened.destroy();
	} else if (signal) {
		// One long-lived signal (the event stream's) sees many streams: each takes its listener with it.
		const close = () => opened.destroy();
		signal.addEventListener('abort', close, {once: true});
		opened.once('close', () => signal.removeEventListener('abort', close));
	}

	return opened;
}
