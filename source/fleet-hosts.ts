/** A fleet run: one HostStack per host (openHost), and the fleet over them. */
import type {HostSpec} from './domain/host-list.js';
import {resolveHostEngine} from './docker/engine-target.js';
import {openHost, type HostOptions, type HostStack} from './host-stack.js';
import {Fleet} from './services/fleet.js';

/** One HostStack per host (openHost), and the fleet over them; `stackOf` finds a host's stack by name. */
export async function openFleet(hosts: readonly HostSpec[], options: Omit<HostOptions, 'target'>): Promise<{fleet: Fleet; stackOf: (name: string) => HostStack}> {
	const stacks = new Map<string, HostStack>();
	for (const host of hosts) {
		// eslint-disable-next-line no-await-in-loop -- a few small file reads each (contexts), in order
		const target = await resolveHostEngine(host.engine, {env: options.env, home: options.home, read: options.read});
		stacks.set(host.name, openHost({...options, target}));
	}

	const fleet = new Fleet(
		hosts.map(host => {
			const stack = stacks.get(host.name)!;
			return {name: host.name, address: stack.target.address, nodes: stack.service, engine: stack.engine, configs: stack.configs, close: stack.close};
		}),
	);
	return {fleet, stackOf: name => stacks.get(name)!};
}
