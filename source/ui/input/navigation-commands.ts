/** Moving around: quit, help, focus, scrolling, paging, tabs, the filter, the detail pane's mode. */
import type {PaneCommand} from '../keymap/commands.js';
import type {Act, CommandContext} from './input-context.js';

type NavigationCommand = Extract<
	PaneCommand,
	'quit' | 'help' | 'focus-next' | 'back' | 'up' | 'down' | 'page-up' | 'page-down' | 'top' | 'bottom' | 'open' | 'filter' | 'show-logs' | 'show-inspector' | 'next-tab' | 'prev-tab' | 'reveal' | 'full-screen'
>;

/** Where a move goes: the table's selection, or the log's or the inspector's scroll. */
function place(context: CommandContext) {
	const {state} = context;
	const inLog = context.where === 'log';
	return {inLog, inTable: state.focus === 'table' && !state.log.fullScreen && !inLog, keys: context.rows.map(row => row.key)};
}

/** The Runs tab's list takes the moves of the inspector (a cursor over the runs), until a run is opened. */
function inRunList(context: CommandContext): boolean {
	return context.where === 'detail' && context.state.inspectorTab === 'runs' && !context.runOpen;
}

function scroll(context: CommandContext, delta: number): void {
	const {shown, bodyHeight} = context.log;
	context.dispatch(
		context.where === 'log'
			? {type: 'log-scroll', delta, shown, height: bodyHeight}
			: inRunList(context)
				? {type: 'run-move', delta, count: context.runCount, height: context.detailPage}
				: {type: 'detail-scroll', delta, max: context.detailMax},
	);
}

function step(delta: number): Act {
	return context => {
		const {inTable, keys} = place(context);
		if (inTable) {
			context.dispatch({type: 'move', delta, keys});
		} else {
			scroll(context, delta);
		}
	};
}

function page(sign: number): Act {
	return context => {
		const {inTable, inLog, keys} = place(context);
		if (inTable) {
			context.dispatch({type: 'move', delta: sign * context.tablePage, keys});
		} else {
			scroll(context, sign * (inLog ? context.log.bodyHeight : context.detailPage));
		}
	};
}

function edge(to: 'first' | 'last'): Act {
	return context => {
		const {inTable, inLog, keys} = place(context);
		const {shown, bodyHeight} = context.log;
		if (!inLog && !inTable && inRunList(context)) {
			scroll(context, to === 'first' ? -context.runCount : context.runCount);
			return;
		}

		context.dispatch(
			inLog
				? {type: 'log-scroll-to', edge: to, shown, height: bodyHeight}
				: inTable
					? {type: 'move-to', edge: to, keys}
					: {type: 'detail-scroll-to', edge: to, max: context.detailMax},
		);
	};
}

export const navigationCommands: Record<NavigationCommand, Act> = {
	quit: context => context.exit(),
	help: context => context.dispatch({type: 'open-dialog', dialog: {type: 'help', offset: 0}}),
	'focus-next': context => context.dispatch({type: 'focus'}),
	back(context) {
		const {state, dispatch} = context;
		if (state.log.fullScreen) {
			dispatch({type: 'log-toggle', option: 'fullScreen'});
		} else if (state.log.query && context.where === 'log') {
			dispatch({type: 'log-search-input', value: ''});
			dispatch({type: 'log-search-end', keep: true});
		} else if (state.openRun) {
			// Back from a run to its node (the Runs tab, with the cursor where it was).
			dispatch({type: 'close-run'});
		} else if (state.filter) {
			dispatch({type: 'filter-end', keep: false});
		} else if (state.focus !== 'table') {
			dispatch({type: 'focus', pane: 'table'});
		}
	},
	up: step(-1),
	down: step(1),
	'page-up': page(-1),
	'page-down': page(1),
	top: edge('first'),
	bottom: edge('last'),
	open: context => context.dispatch({type: 'focus', pane: 'detail'}),
	filter: context => context.dispatch({type: 'filter-start'}),
	'show-logs': context => context.dispatch({type: 'detail-mode', mode: 'logs'}),
	'show-inspector': context => context.dispatch({type: 'detail-mode', mode: 'inspector'}),
	'next-tab': context => context.dispatch({type: 'tab', delta: 1}),
	'prev-tab': context => context.dispatch({type: 'tab', delta: -1}),
	reveal: context => context.dispatch({type: 'toggle-reveal'}),
	'full-screen'(context) {
		if (!context.state.log.fullScreen) {
			context.dispatch({type: 'detail-mode', mode: 'logs'});
		}

		context.dispatch({type: 'log-toggle', option: 'fullScreen'});
	},
};
