/**
 * A unix-socket proxy in front of the real Docker socket, which a test can
 * take down and bring back: the engine as seen by a client during a dockerd
 * restart, without restarting the shared daemon.
 */
import {connect, createServer, type Server, type Socket} from 'node:net';
import {rmSync} from 'node:fs';

export class SocketProxy {
	private server: Server | undefined;
	private readonly sockets = new Set<Socket>();

	constructor(
		readonly path: string,
		private readonly target = '/var/run/docker.sock',
	) {}

	async up(): Promise<void> {
		rmSync(this.path, {force: true});
		this.server = createServer(client => {
			const upstream = connect(this.target);
			this.sockets.add(client).add(upstream);
			client.pipe(upstream).pipe(client);
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
