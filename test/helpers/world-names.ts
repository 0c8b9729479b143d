/**
 * For real-engine tests of a node's world: the labels a vantage6 4.14 node puts
 * on its runs, its four volume names, and what Docker holds of some nodes'
 * worlds (containers, networks, volumes named `vantage6-NAME-…`), sorted.
 */
import {docker} from './docker.js';
import type {WorldHarness} from './node-world-harness.js';

export const runLabels = (node: string, runId: number, type = 'algorithm') => ({'vantage6-type': type, node, run_id: String(runId)});

/** A user-scope node's four volume names. */
export const fourVolumes = (name: string) => ['vol', 'vpn-vol', 'ssh-vol', 'squid-vol'].map(suffix => `vantage6-${name}-user-${suffix}`);

/** Reads what the engine holds of the worlds of these nodes. */
export function worldNames(...nodes: string[]) {
	const mine = (name: string) => nodes.some(node => name.startsWith(`vantage6-${node}-`));
	return {
		async volumes(): Promise<string[]> {
			const {Volumes: volumes = []} = await docker.listVolumes();
			return volumes.map(volume => volume.Name).filter(name => mine(name)).sort();
		},
		async networks(): Promise<string[]> {
			return (await docker.listNetworks()).map(network => network.Name).filter(name => mine(name)).sort();
		},
		async containers(): Promise<string[]> {
			const containers = await docker.listContainers({all: true});
			return containers.map(container => container.Names[0]!.replace(/^\//, '')).filter(name => mine(name)).sort();
		},
	};
}

/** What a node that crashed leaves (its run 3 with tmp volume 13, a VPN client, an empty network, its four volumes), made by `things`. */
export async function crashedNodeWorld(things: WorldHarness, name: string): Promise<void> {
	await things.box({name: `vantage6-${name}-run-3`, labels: runLabels(name, 3), lines: ['done'], exitCode: 0, volumes: [`vantage6-${name}-user-13-tmpvol`]});
	await things.box({name: `vantage6-${name}-vpn-client`});
	await things.network(`vantage6-${name}-user-net`);
	for (const volume of fourVolumes(name)) {
		await things.volume(volume);
	}
}
