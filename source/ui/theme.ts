/**
 * Colours by meaning. Status is always also told in words and symbols, so the
 * screen reads the same with NO_COLOR set (then every colour is undefined).
 */
import type {NodeStatus} from '../domain/node-row.js';

export type Tone = 'ok' | 'warn' | 'error' | 'muted' | 'accent' | 'info';

export type Theme = {
	color(tone: Tone | undefined): string | undefined;
	/** Whether dim text may be used (it is an attribute, not a colour, but NO_COLOR users often want neither). */
	dim: boolean;
};

const palette: Record<Tone, string> = {
	ok: 'green',
	warn: 'yellow',
	error: 'red',
	muted: 'gray',
	accent: 'cyan',
	info: 'blue',
};

export function createTheme(env: Readonly<Record<string, string | undefined>>): Theme {
	const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
	return {
		color: tone => (noColor || !tone ? undefined : palette[tone]),
		dim: !noColor,
	};
}

export const statusSymbol: Record<NodeStatus | 'pending', string> = {
	running: '●',
	exited: '■',
	created: '○',
	paused: '‖',
	restarting: '↻',
	removing: '…',
	dead: '✗',
	'not-created': '·',
	invalid: '!',
	unknown: '?',
	pending: '…',
};

export function statusTone(status: NodeStatus, exitCode?: number): Tone {
	switch (status) {
		case 'running': {
			return 'ok';
		}

		case 'invalid':
		case 'dead': {
			return 'error';
		}

		case 'exited': {
			return exitCode ? 'error' : 'muted';
		}

		case 'restarting':
		case 'paused': {
			return 'warn';
		}

		default: {
			return 'muted';
		}
	}
}
