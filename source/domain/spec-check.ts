/**
 * Compares the container a node should have (buildNodeSpec) with what Docker
 * holds, field by field, so an operator sees exactly what differs from
 * `v6 node start`.
 */
import type {ContainerDetails} from './container.js';
import {maskEnvValue, maskSecrets} from './mask.js';
import {envStrings, type NodeSpec} from './node-spec.js';

export type CheckStatus = 'ok' | 'differs' | 'missing' | 'unexpected';

export type CheckItem = {
	section: 'container' | 'labels' | 'mounts' | 'env' | 'hosts' | 'volumes';
	field: string;
	expected?: string;
	actual?: string;
	status: CheckStatus;
	/** Why it may differ, when there is a likely reason. */
	note?: string;
};

export type SpecCheckInput = {
	spec: NodeSpec;
	container: ContainerDetails;
	/** Env the image sets itself; those vars are not reported as unexpected. */
	imageEnv?: readonly string[];
	/** Whether each of the node's volumes exists. */
	volumes?: Readonly<Record<string, boolean>>;
};

export function checkSpec({spec, container, imageEnv = [], volumes = {}}: SpecCheckInput): CheckItem[] {
	const items: CheckItem[] = [];
	const compare = (section: CheckItem['section'], field: string, expected: string, actual: string | undefined, note?: string) => {
		const status: CheckStatus = actual === undefined ? 'missing' : actual === expected ? 'ok' : 'differs';
		items.push({section, field, expected, ...(actual === undefined ? {} : {actual}), status, ...(status !== 'ok' && note ? {note} : {})});
	};

	compare('container', 'name', spec.containerName, container.name);
	compare('container', 'image', spec.image, container.image, 'started with another --image?');
	compare('container', 'command', spec.cmd.join(' '), container.cmd.join(' '));
	compare('container', 'tty', String(spec.tty), String(container.tty));
	compare('container', 'auto-remove', String(spec.autoRemove), String(container.autoRemove), 'started with --keep?');
	compare('container', 'restart policy', 'no', container.restartPolicy === '' ? 'no' : container.restartPolicy);

	for (const [key, value] of Object.entries(spec.labels)) {
		compare('labels', key, value, container.labels[key]);
	}

	checkMounts(spec, container, items);
	checkEnv(spec, container, imageEnv, items);

	compare('hosts', 'extra hosts', spec.extraHosts.join(', ') || '(none)', container.extraHosts.join(', ') || '(none)');

	for (const name of Object.values(spec.volumes)) {
		if (name in volumes) {
			items.push({section: 'volumes', field: name, expected: 'exists', actual: volumes[name] ? 'exists' : 'absent', status: volumes[name] ? 'ok' : 'missing'});
		}
	}

	return items;
}

function describeMount(type: string, source: string, readOnly: boolean): string {
	return `${type} ${source} (${readOnly ? 'ro' : 'rw'})`;
}

function checkMounts(spec: NodeSpec, container: ContainerDetails, items: CheckItem[]): void {
	const actualByDestination = new Map(container.mounts.map(mount => [mount.destination, mount]));
	for (const mount of spec.mounts) {
		const expected = describeMount(mount.type, mount.source, mount.readOnly);
		const actual = actualByDestination.get(mount.destination);
		actualByDestination.delete(mount.destination);
		if (!actual) {
			items.push({section: 'mounts', field: mount.destination, expected, status: 'missing'});
			continue;
		}

		const actualText = describeMount(actual.type, actual.source, !actual.rw);
		items.push({section: 'mounts', field: mount.destination, expected, actual: actualText, status: actualText === expected ? 'ok' : 'differs'});
	}

	for (const extra of actualByDestination.values()) {
		items.push({section: 'mounts', field: extra.destination, actual: describeMount(extra.type, extra.source, !extra.rw), status: 'unexpected'});
	}
}

function checkEnv(spec: NodeSpec, container: ContainerDetails, imageEnv: readonly string[], items: CheckItem[]): void {
	const actual = new Map(container.env.map(entry => splitEnv(entry)));
	for (const entry of envStrings(spec.env)) {
		const [key, value] = splitEnv(entry);
		const found = actual.get(key);
		actual.delete(key);
		items.push({
			section: 'env',
			field: key,
			expected: value,
			...(found === undefined ? {} : {actual: found}),
			status: found === undefined ? 'missing' : found === value ? 'ok' : 'differs',
		});
	}

	const fromImage = new Set(imageEnv);
	for (const [key, value] of actual) {
		if (!fromImage.has(`${key}=${value}`) && !fromImage.has(key)) {
			items.push({section: 'env', field: key, actual: value, status: 'unexpected'});
		}
	}
}

function splitEnv(entry: string): [string, string] {
	const eq = entry.indexOf('=');
	return eq < 0 ? [entry, ''] : [entry.slice(0, eq), entry.slice(eq + 1)];
}

export function summarizeCheck(items: readonly CheckItem[]): {ok: number; differs: number; missing: number; unexpected: number} {
	const summary = {ok: 0, differs: 0, missing: 0, unexpected: 0};
	for (const item of items) {
		summary[item.status]++;
	}

	return summary;
}

/** A check item fit to show: env values that look secret are masked, and every password form in any field. */
export function maskCheckItem(item: CheckItem, reveal?: string): CheckItem {
	const mask = (value: string | undefined) => (value === undefined ? undefined : item.section === 'env' ? maskEnvValue(item.field, value) : maskSecrets(value));
	const expected = mask(item.expected);
	const actual = mask(item.actual);
	// Values that differ only inside a secret look the same masked: say where the difference is.
	const hidden = item.status === 'differs' && expected === actual ? [reveal ? `secret; ${reveal}` : 'the secret differs'] : [];
	const notes = [...hidden, ...(item.note === undefined ? [] : [maskSecrets(item.note)])];
	const note = notes.length > 0 ? notes.join('; ') : undefined;
	return {...item, ...(expected === undefined ? {} : {expected}), ...(actual === undefined ? {} : {actual}), ...(note === undefined ? {} : {note})};
}
