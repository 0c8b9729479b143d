/**
 * Engine answers read as untrusted data: each field is checked for its type
 * and falls back to an empty value, so a missing `Names`, `Config` or `State`
 * never crashes a caller. Plain checks, no schema library.
 */
import type {StatsSample} from '../domain/container-stats.js';
import type {ContainerDetails, ContainerEvent, ContainerStateName, ContainerSummary, MountInfo, NetworkSummary, WorldContainer} from './engine.js';

type Raw = Record<string, unknown>;

const stateNames: readonly ContainerStateName[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

/** Container ids and names as Docker allows them (a name may carry its leading slash). */
const containerRefPattern = /^\/?[A-Za-z\d][\w.-]{0,254}$/;
/** Volume names as Docker allows them. */
const volumeNamePattern = /^[A-Za-z\d][\w.-]{0,254}$/;
/** Image references: registry host[:port], path components, tag, digest; no `..`, no space, no `?`/`#`. */
const imageRefPattern = /^[a-z\d][\w.:/@-]{0,511}$/i;

export function isContainerRef(value: string): boolean {
	return containerRefPattern.test(value);
}

export function isVolumeName(value: string): boolean {
	return volumeNamePattern.test(value);
}

export function isImageRef(value: string): boolean {
	return imageRefPattern.test(value) && !value.includes('..') && !value.includes('//');
}

/** An outside value in a message: quoted, cut short, every control character escaped. */
export function quoted(value: string): string {
	return JSON.stringify(value.slice(0, 80)).replaceAll(/[\u007F-\u009F\u2028\u2029]/g, char => `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

export function record(value: unknown): Raw {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : {};
}

export function text(value: unknown, fallback = ''): string {
	return typeof value === 'string' ? value : fallback;
}

export function count(value: unknown): number {
	return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function flag(value: unknown): boolean {
	return value === true;
}

export function textList(value: unknown): string[] {
	if (typeof value === 'string') {
		return [value];
	}

	return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function textRecord(value: unknown): Record<string, string> {
	return Object.fromEntries(Object.entries(record(value)).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function stateName(value: unknown): ContainerStateName {
	return stateNames.find(name => name === value) ?? 'dead';
}

/** One item of `GET /containers/json`; undefined for an item without an id. */
export function toSummary(value: unknown): ContainerSummary | undefined {
	const item = record(value);
	const id = text(item['Id']);
	if (!id) {
		return undefined;
	}

	return {
		id,
		name: text(textList(item['Names'])[0]).replace(/^\//, ''),
		image: text(item['Image']),
		state: stateName(item['State']),
		status: text(item['Status']),
		created: count(item['Created']),
		labels: textRecord(item['Labels']),
	};
}

/** One item of `GET /containers/json` with the volumes it mounts and the networks it is on. */
export function toWorldContainer(value: unknown): WorldContainer | undefined {
	const summary = toSummary(value);
	if (!summary) {
		return undefined;
	}

	const item = record(value);
	const mounts = Array.isArray(item['Mounts']) ? item['Mounts'] : [];
	return {
		...summary,
		volumes: mounts.map(mount => record(mount)).filter(mount => mount['Type'] === 'volume').map(mount => text(mount['Name'])).filter(name => isVolumeName(name)),
		networks: Object.keys(record(record(item['NetworkSettings'])['Networks'])),
	};
}

/** `GET /networks/{id}`; undefined without an id or a valid name. */
export function toNetwork(value: unknown): NetworkSummary | undefined {
	const raw = record(value);
	const id = text(raw['Id']);
	const name = text(raw['Name']);
	if (!id || !isVolumeName(name)) {
		return undefined;
	}

	return {id, name, containers: Object.keys(record(raw['Containers']))};
}

/** `GET /containers/{id}/json`; undefined when there is not even an id. */
export function toDetails(value: unknown): ContainerDetails | undefined {
	const raw = record(value);
	const id = text(raw['Id']);
	if (!id) {
		return undefined;
	}

	const config = record(raw['Config']);
	const state = record(raw['State']);
	const host = record(raw['HostConfig']);
	const network = record(raw['NetworkSettings']);
	const health = text(record(state['Health'])['Status']);
	const error = text(state['Error']);
	const startedAt = text(state['StartedAt']);
	const finishedAt = text(state['FinishedAt']);
	return {
		id,
		name: text(raw['Name']).replace(/^\//, ''),
		image: text(config['Image']),
		imageId: text(raw['Image']),
		created: text(raw['Created']),
		state: {
			status: stateName(state['Status']),
			running: flag(state['Running']),
			exitCode: count(state['ExitCode']),
			...(startedAt && !startedAt.startsWith('0001') ? {startedAt} : {}),
			...(finishedAt && !finishedAt.startsWith('0001') ? {finishedAt} : {}),
			...(health ? {health} : {}),
			...(error ? {error} : {}),
			oomKilled: flag(state['OOMKilled']),
		},
		restartCount: count(raw['RestartCount']),
		cmd: textList(config['Cmd']),
		entrypoint: textList(config['Entrypoint']),
		tty: flag(config['Tty']),
		autoRemove: flag(host['AutoRemove']),
		restartPolicy: text(record(host['RestartPolicy'])['Name']),
		binds: textList(host['Binds']),
		mounts: (Array.isArray(raw['Mounts']) ? raw['Mounts'] : []).map(item => toMount(record(item))),
		env: textList(config['Env']),
		labels: textRecord(config['Labels']),
		extraHosts: textList(host['ExtraHosts']),
		ports: Object.keys(record(network['Ports'])),
		networks: Object.keys(record(network['Networks'])),
	};
}

function toMount(mount: Raw): MountInfo {
	const type = text(mount['Type']);
	return {
		type,
		source: type === 'volume' ? text(mount['Name'], text(mount['Source'])) : text(mount['Source']),
		destination: text(mount['Destination']),
		rw: flag(mount['RW']),
	};
}

/** One line of `GET /events`; undefined for anything but a container event with an id and action. */
export function toContainerEvent(value: unknown): ContainerEvent | undefined {
	const event = record(value);
	const actor = record(event['Actor']);
	const id = text(actor['ID']);
	const action = text(event['Action']);
	if (event['Type'] !== 'container' || !id || !action) {
		return undefined;
	}

	const {name = '', ...labels} = textRecord(actor['Attributes']);
	const timeNano = count(event['timeNano']);
	return {
		type: 'container',
		action,
		id,
		name,
		// Docker mixes labels with attributes (image, exitCode); the node's `name` label is shadowed by the container name.
		labels,
		timeNano: timeNano > 0 ? timeNano : Date.now() * 1e6,
	};
}

/**
 * One answer of `GET /containers/{id}/stats`: `not-running` for the zeroed answer Docker gives for a
 * container that is not running (`read` in year 1), undefined for anything that is not a stats answer.
 */
export function toStatsSample(value: unknown): StatsSample | 'not-running' | undefined {
	const raw = record(value);
	const read = text(raw['read']);
	const cpu = record(raw['cpu_stats']);
	const memory = record(raw['memory_stats']);
	if (!read || !('cpu_stats' in raw) || !('memory_stats' in raw)) {
		return undefined;
	}

	if (read.startsWith('0001-')) {
		return 'not-running';
	}

	const pre = record(raw['precpu_stats']);
	const usage = record(cpu['cpu_usage']);
	const perCpu = usage['percpu_usage'];
	const memoryStats = record(memory['stats']);
	// cgroup v1 says total_inactive_file (its hierarchy's), cgroup v2 only inactive_file.
	const inactive = 'total_inactive_file' in memoryStats ? memoryStats['total_inactive_file'] : memoryStats['inactive_file'];
	return {
		read,
		cpuTotal: count(usage['total_usage']),
		systemTotal: count(cpu['system_cpu_usage']),
		preCpuTotal: count(record(pre['cpu_usage'])['total_usage']),
		preSystemTotal: count(pre['system_cpu_usage']),
		onlineCpus: count(cpu['online_cpus']) || (Array.isArray(perCpu) ? perCpu.length : 0),
		memoryUsage: count(memory['usage']),
		...(typeof inactive === 'number' && Number.isFinite(inactive) ? {memoryInactive: inactive} : {}),
		memoryLimit: count(memory['limit']),
	};
}
