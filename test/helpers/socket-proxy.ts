/**
 * A unix-socket proxy in front of the real Docker socket, which a test can
 * take down and bring back: the engine as seen by a client during a dockerd
 * restart, without restarting the shared daemon. It can also hold requests
 * that match a pattern without ever answering them: a daemon that answers
 * pings but hangs on a listing while it starts up.
 */
import {connect, createServer, type Server, type Socket} from 'node:net';
import {rmSync} from 'node:fs';

export type ProxyUpOptions = {
	/** The next `count` requests whose first line matches `pattern` are held: never forwarded, never answered. */
	hold?: {pattern: RegExp; count: number};
	/** The next `count` requests whose first line matches `pattern` reach the engine only `ms` later (or at `release()`): a slow daemon. */
	delay?: {pattern: RegExp; count: number; ms: number};
	/** Answers to requests whose first line matches: the first chunk (the headers) passes, nothing after it. An event stream that stays quiet whatever happens. */
	mute?: RegExp;
};

export class SocketProxy {
	private server: Server | undefined;
	private readonly sockets = new Set<Socket>();
	private hold: ProxyUpOptions['hold'];
	private delay: ProxyUpOptions['delay'];
	private mute: RegExp | undefined;
	/** Sends each delayed request on now. */
	private readonly releases = new Set<() => void>();
	/** Request lines held so far. */
	readonly held: string[] = [];
	/** Request lines delayed so far. */
	readonly delayed: string[] = [];
	/** Delayed requests sent on so far. */
	forwarded = 0;

	constructor(
		readonly path: string,
		private readonly target = '/var/run/docker.sock',
	) {}

	async up(options: ProxyUpOptions = {}): Promise<void> {
		rmSync(this.path, {force: true});
		this.hold = options.hold ? {...options.hold} : undefined;
		this.delay = options.delay ? {...options.delay} : undefined;
		this.mute = options.mute;
		this.server = createServer(client => {
			const upstream = connect(this.target);
			this.sockets.add(client).add(upstream);
			let holding = false;
			let muted = false;
			let answered = false;
			// Chunks of a delayed request, forwarded when its time is up.
			let delayed: Buffer[] | undefined;
			client.on('data', (chunk: Buffer) => {
				const line = String(chunk).split('\r\n', 1)[0] ?? '';
				if (!muted && this.mute?.test(line)) {
					// A kept-alive connection may have answered other requests before.
					muted = true;
					answered = false;
				}
				if (!holding && this.hold && this.hold.count > 0 && this.hold.pattern.test(line)) {
					this.hold.count--;
					this.held.push(line);
					holding = true;
				}

				if (!holding && !delayed && this.delay && this.delay.count > 0 && this.delay.pattern.test(line)) {
					this.delay.count--;
					this.delayed.push(line);
					const chunks: Buffer[] = [];
					delayed = chunks;
					const release = () => {
						clearTimeout(timer);
						this.releases.delete(release);
						this.forwarded++;
						delayed = undefined;
						for (const waiting of chunks) {
							upstream.write(waiting);
						}
					};

					const timer = setTimeout(release, this.delay.ms);
					this.releases.add(release);
				}

				if (delayed) {
					delayed.push(chunk);
				} else if (!holding) {
					upstream.write(chunk);
				}
			});
			upstream.on('data', (chunk: Buffer) => {
				if (!(muted && answered)) {
					client.write(chunk);
				}

				answered = true;
			});
			const drop = () => {
				client.destroy();
				upstream.destroy();
				this.sockets.delete(client);
				this.sockets.delete(upstream);
			};

			client.on('error', drop).on('close', drop);
			upstream.on('error', drop).on('close', drop);
		});
		await new Promise<void>(resolve => this.server!.listen(this.path, resolve));
	}

	/** Sends every delayed request on now. */
	release(): void {
		for (const release of this.releases) {
			release();
		}
	}

	async down(): Promise<void> {
		this.releases.clear();
		for (const socket of this.sockets) {
			socket.destroy();
		}

		this.sockets.clear();
		await new Promise<void>(resolve => (this.server ? this.server.close(() => resolve()) : resolve()));
		this.server = undefined;
		rmSync(this.path, {force: true});
	}
}
