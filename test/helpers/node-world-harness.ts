/**
 * Builds what a vantage6 4.14 node creates beside itself (source/domain/node-world.ts
 * cites where): run containers `vantage6-<node>-run-<id>` with their labels, helpers,
 * the node network and tmp volumes, on the fake or the real engine. Containers are
 * made through the DockerEngine under test; networks through dockerode (the engine
 * creates none) or the fake's controls. Everything made is removed by cleanup().
 */
import {DockerodeEngine} from '../../source/docker/dockerode-engine.js';
import type {DockerEngine} from '../../source/docker/engine.js';
import type {NodeSpec} from '../../source/domain/node-spec.js';
import type {Behaviour, FakeDockerEngine} from './fake-docker-engine.js';

/** Networks, which DockerEngine only lists and removes. */
export type NetworkOps = {
	create(name: string): Promise<void>;
	connect(network: string, container: string): Promise<void>;
	/** Removes it if it is still there. */
	remove(name: string): Promise<void>;
};

export type WorldParts = {engine: DockerEngine; networks: NetworkOps; behave?: (container: string, behaviour: Behaviour) => void};

export function fakeParts(fake: FakeDockerEngine): WorldParts {
	const behaviours = new Map<string, Behaviour>();
	const fallback = fake.behaviour;
	fake.behaviour = details => behaviours.get(details.name) ?? fallback(details);
	return {
		engine: fake,
		networks: {
			create: async name => {
				fake.createNetwork(name);
			},
			connect: async (network, container) => fake.connect(network, container),
			remove: async name => {
				fake.networks.delete(name);
			},
		},
		behave: (container, behaviour) => behaviours.set(container, behaviour),
	};
}

/** The fixture image (as test/helpers/docker.ts names it; not imported from there, so fake-engine tests do not probe Docker). */
const fixtureImage = process.env['VNODE_FIXTURE_IMAGE'] ?? 'vnode-fixture:latest';

export async function realParts(engine: DockerEngine = new DockerodeEngine()): Promise<WorldParts> {
	const {docker} = await import('./docker.js');
	return {
		engine,
		networks: {
			// As the node makes it: a bridge, internal (docker_manager.py via NetworkManager.create_network).
			create: async name => {
				await docker.createNetwork({Name: name, Driver: 'bridge', Internal: true});
			},
			connect: async (network, container) => {
				await docker.getNetwork(network).connect({Container: container});
			},
			remove: async name => {
				await docker
					.getNetwork(name)
					.remove()
					.catch(() => undefined);
			},
		},
	};
}

export type BoxSpec = {
	name: string;
	labels?: Record<string, string>;
	/** Lines it prints. */
	lines?: string[];
	/** Exits with this code after printing (waited for); undefined keeps it running. */
	exitCode?: number;
	/** Volumes it mounts (created first, as the node does). */
	volumes?: string[];
};

const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

export class WorldHarness {
	readonly containers: string[] = [];
	readonly networks: string[] = [];
	readonly volumes: string[] = [];

	constructor(readonly parts: WorldParts) {}

	/** Creates and starts a container; resolves with its id once it runs or has exited. */
	async box(spec: BoxSpec): Promise<string> {
		const {engine} = this.parts;
		for (const volume of spec.volumes ?? []) {
			await this.volume(volume);
		}

		const print = (spec.lines ?? []).map(line => `echo ${quote(line)}`).join('; ');
		const tail = spec.exitCode === undefined ? "trap 'exit 0' TERM; while :; do sleep 1; done" : `exit ${spec.exitCode}`;
		const mounts = (spec.volumes ?? []).map((volume, index) => ({type: 'volume' as const, source: volume, destination: `/mnt/tmp${index}`, readOnly: false, bind: `${volume}:/mnt/tmp${index}`}));
		const nodeSpec: NodeSpec = {
			name: spec.name,
			scope: 'user',
			containerName: spec.name,
			image: fixtureImage,
			imageSource: 'flag',
			labels: spec.labels ?? {},
			cmd: ['sh', '-c', print ? `${print}; ${tail}` : tail],
			tty: true,
			autoRemove: false,
			volumes: {data: '', vpn: '', ssh: '', squid: ''},
			mounts,
			env: [],
			extraHosts: [],
		};
		this.parts.behave?.(spec.name, {lines: spec.lines ?? [], ...(spec.exitCode === undefined ? {} : {exitAfterMs: 1, exitCode: spec.exitCode})});
		const id = await engine.createContainer(nodeSpec);
		this.containers.push(id);
		const exited = spec.exitCode === undefined ? undefined : engine.waitContainer(id, 'next-exit');
		await engine.startContainer(id);
		await exited;
		return id;
	}

	async network(name: string, attach: string[] = []): Promise<void> {
		await this.parts.networks.create(name);
		this.networks.push(name);
		for (const container of attach) {
			await this.parts.networks.connect(name, container);
		}
	}

	async volume(name: string): Promise<void> {
		await this.parts.engine.createVolume(name);
		this.volumes.push(name);
	}

	/** Removes everything it made that is still there. */
	async cleanup(): Promise<void> {
		const {engine} = this.parts;
		await Promise.all(this.containers.map(async id => engine.removeContainer(id, {force: true}).catch(() => undefined)));
		await Promise.all(this.networks.map(async name => this.parts.networks.remove(name)));
		await Promise.all(this.volumes.map(async name => engine.removeVolume(name).catch(() => undefined)));
	}
}
