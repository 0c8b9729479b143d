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
};

export class SocketProxy {
	private server: Server | undefined;
	private readonly sockets = new Set<Socket>();
	private hold: ProxyUpOptions['hold'];
	/** Request lines held so far. */
	readonly held: string[] = [];

	constructor(
		readonly path: string,
		private readonly target = '/var/run/docker.sock',
	) {}

	async up(options: ProxyUpOptions = {}): Promise<void> {
		rmSync(this.path, {force: true});
		this.hold = options.hold ? {...options.hold} : undefined;
		this.server = createServer(client => {
			const upstream = connect(this.target);
			this.sockets.add(client).add(upstream);
			let holding = false;
			client.on('data', chunk => {
				const line = String(chunk).split('\r\n', 1)[0] ?? '';
				if (!holding && this.hold && this.hold.count > 0 && this.hold.pattern.test(line)) {
					this.hold.count--;
					this.held.push(line);
					holding = true;
				}

				if (!holding) {
					upstream.write(chunk);
				}
			});
			upstream.pipe(client);
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

	async down(): Promise<void> {
		for (const socket of this.sockets) {
			socket.destroy();
		}

		this.sockets.clear();
		await new Promise<void>(resolve => (this.server ? this.server.close(() => resolve()) : resolve()));
		this.server = undefined;
		rmSync(this.path, {force: true});
	}
}
