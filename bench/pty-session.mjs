/**
 * A program in a pseudo-terminal whose output feeds a headless xterm, for the
 * benchmark: when did the screen first show X, how many bytes per second,
 * CPU and RSS of the process from /proc.
 */
import {readFileSync} from 'node:fs';
import xterm from '@xterm/headless';
import pty from 'node-pty';

const {Terminal} = xterm;
const clockTicks = 100;

export function launch(command, args, {cols = 120, rows = 40, env = process.env} = {}) {
	const {CI: _ci, ...childEnv} = env;
	const terminal = new Terminal({cols, rows, allowProposedApi: true});
	const child = pty.spawn(command, args, {cols, rows, env: {...childEnv, TERM: 'xterm-256color'}, name: 'xterm-256color'});
	const started = performance.now();
	const watchers = new Set();
	let bytes = 0;
	let exited = false;
	const chunks = [];

	const screen = () => {
		const buffer = terminal.buffer.active;
		const lines = [];
		for (let row = 0; row < terminal.rows; row++) {
			lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
		}

		return lines.join('\n');
	};

	child.onData(data => {
		const at = performance.now();
		bytes += Buffer.byteLength(data);
		chunks.push({at, size: Buffer.byteLength(data), data});
		terminal.write(data, () => {
			for (const watcher of watchers) {
				watcher(at);
			}
		});
	});
	child.onExit(() => {
		exited = true;
	});

	return {
		started,
		pid: child.pid,
		screen,
		get bytes() {
			return bytes;
		},
		get exited() {
			return exited;
		},
		/** Resolves with the time (ms since launch, or since `from`) at which the bytes that made the screen satisfy `predicate` arrived. */
		when(predicate, {timeout = 15_000, from = started} = {}) {
			return new Promise((resolve, reject) => {
				const check = at => {
					if (predicate(screen())) {
						watchers.delete(check);
						clearTimeout(timer);
						resolve(at - from);
					}
				};

				const timer = setTimeout(() => {
					watchers.delete(check);
					reject(new Error(`timed out; screen:\n${screen()}`));
				}, timeout);
				watchers.add(check);
				check(performance.now());
			});
		},
		press(keys) {
			child.write(keys);
			return performance.now();
		},
		/** Bytes written between two times (performance.now()). */
		bytesBetween(from, to) {
			return chunks.filter(chunk => chunk.at >= from && chunk.at < to).reduce((sum, chunk) => sum + chunk.size, 0);
		},
		/** Drops recorded chunks (keeps memory flat in a soak). */
		forget() {
			chunks.length = 0;
		},
		kill(signal = 'SIGTERM') {
			if (!exited) {
				child.kill(signal);
			}
		},
	};
}

/** CPU seconds used so far by a process (user + system), from /proc. */
export function cpuSeconds(pid) {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) / clockTicks;
	} catch {
		return Number.NaN;
	}
}

/** Resident memory of a process in MB, from /proc. */
export function rssMb(pid) {
	try {
		const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) / 1024 : Number.NaN;
	} catch {
		return Number.NaN;
	}
}

export const median = values => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
};

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
