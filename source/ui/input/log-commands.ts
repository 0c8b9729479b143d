/** The log pane: follow, search, matches, display toggles, the time range, saving. */
import type {LogRange} from '../../state/log-state.js';
import type {PaneCommand} from '../keymap/commands.js';
import {errorText, sayer, type Act} from './input-context.js';

type LogCommand = Extract<
	PaneCommand,
	'follow' | 'log-search' | 'next-match' | 'prev-match' | 'filter-matches' | 'timestamps' | 'wrap' | 'range-all' | 'range-tail' | 'range-1m' | 'range-5m' | 'range-15m' | 'range-1h' | 'save-log'
>;

function match(direction: 1 | -1): Act {
	return context => {
		const {state, log} = context;
		if (log.matchPositions.length === 0) {
			sayer(context)(state.log.query ? `No line matches "${state.log.query}".` : 'No search: press / first.', 'info');
		} else {
			context.dispatch({type: 'log-next-match', direction, matches: log.matchPositions, shown: log.shown, height: log.bodyHeight});
		}
	};
}

const toggle = (option: 'filterOnly' | 'timestamps' | 'wrap'): Act => context => context.dispatch({type: 'log-toggle', option});
const range = (to: LogRange): Act => context => context.dispatch({type: 'log-range', range: to});

export const logCommands: Record<LogCommand, Act> = {
	follow: context => context.dispatch({type: 'log-follow'}),
	'log-search': context => context.dispatch({type: 'log-search-start'}),
	'next-match': match(1),
	'prev-match': match(-1),
	'filter-matches': toggle('filterOnly'),
	timestamps: toggle('timestamps'),
	wrap: toggle('wrap'),
	'range-all': range('all'),
	'range-tail': range('tail200'),
	'range-1m': range('1m'),
	'range-5m': range('5m'),
	'range-15m': range('15m'),
	'range-1h': range('1h'),
	'save-log'(context) {
		const say = sayer(context);
		const lines = context.log.lines();
		const name = context.log.nodeName;
		if (!name) {
			say('No node selected.');
			return;
		}

		if (lines.length === 0) {
			say(`The log of ${name} holds no lines yet; nothing saved.`, 'info');
			return;
		}

		context.saveLog(name, lines).then(
			path => say(`Saved ${lines.length} lines of ${name} to ${path}`, 'info'),
			(error: unknown) => say(`Could not save the log: ${error instanceof Error ? error.message : String(error)}`, 'error'),
		);
	},
};
