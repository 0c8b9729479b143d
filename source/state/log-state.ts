/**
 * What the log pane shows, apart from the lines: follow or a scroll position,
 * search, filter, timestamps, wrap, the time range asked of Docker, and
 * whether it fills the screen. Pure; positions count shown entries.
 */

/** The window of history asked of Docker when a stream (re)opens. */
export type LogRange = 'all' | 'tail200' | '1m' | '5m' | '15m' | '1h';

export const logRanges: Record<LogRange, {label: string; key: string; tail?: number; sinceSeconds?: number}> = {
	all: {label: 'all lines', key: '0'},
	tail200: {label: 'last 200 lines', key: '1', tail: 200},
	'1m': {label: 'last minute', key: '2', sinceSeconds: 60},
	'5m': {label: 'last 5 minutes', key: '3', sinceSeconds: 300},
	'15m': {label: 'last 15 minutes', key: '4', sinceSeconds: 900},
	'1h': {label: 'last hour', key: '5', sinceSeconds: 3600},
};

export type LogViewState = {
	follow: boolean;
	/** First shown entry on screen when not following. */
	top: number;
	/** The search in force (highlighted; n/N jump between matches). */
	query: string;
	/** Text being typed after `/`, until Enter or Esc. */
	draft?: string;
	filterOnly: boolean;
	timestamps: boolean;
	wrap: boolean;
	range: LogRange;
	fullScreen: boolean;
};

export const initialLogView: LogViewState = {
	follow: true,
	top: 0,
	query: '',
	filterOnly: false,
	timestamps: false,
	wrap: false,
	range: 'tail200',
	fullScreen: false,
};

export type LogAction =
	| {type: 'log-scroll'; delta: number; shown: number; height: number}
	| {type: 'log-scroll-to'; edge: 'first' | 'last'; shown: number; height: number}
	| {type: 'log-follow'}
	| {type: 'log-search-start'}
	| {type: 'log-search-input'; value: string}
	| {type: 'log-search-end'; keep: boolean}
	| {type: 'log-next-match'; direction: 1 | -1; matches: readonly number[]; shown: number; height: number}
	| {type: 'log-toggle'; option: 'filterOnly' | 'timestamps' | 'wrap' | 'fullScreen'}
	| {type: 'log-range'; range: LogRange}
	| {type: 'log-reset'};

const lastTop = (shown: number, height: number) => Math.max(0, shown - height);

export function logReducer(state: LogViewState, action: LogAction): LogViewState {
	switch (action.type) {
		case 'log-scroll': {
			const max = lastTop(action.shown, action.height);
			const from = state.follow ? max : state.top;
			const top = Math.max(0, Math.min(max, from + action.delta));
			// Scrolling up leaves follow mode; scrolling back to the bottom resumes it.
			return {...state, top, follow: top >= max && action.delta > 0 ? true : top >= max ? state.follow : false};
		}

		case 'log-scroll-to': {
			return action.edge === 'last' ? {...state, follow: true, top: lastTop(action.shown, action.height)} : {...state, follow: false, top: 0};
		}

		case 'log-follow': {
			return {...state, follow: !state.follow};
		}

		case 'log-search-start': {
			return {...state, draft: state.query};
		}

		case 'log-search-input': {
			return {...state, draft: action.value};
		}

		case 'log-search-end': {
			const {draft: _, ...rest} = state;
			return action.keep ? {...rest, query: state.draft ?? state.query} : rest;
		}

		case 'log-next-match': {
			if (action.matches.length === 0) {
				return state;
			}

			// From the middle of the screen, so n steps through the matches one by one.
			const anchor = (state.follow ? lastTop(action.shown, action.height) : state.top) + Math.floor(action.height / 2);
			const next =
				action.direction > 0
					? (action.matches.find(position => position > anchor) ?? action.matches[0]!)
					: ([...action.matches].reverse().find(position => position < anchor) ?? action.matches.at(-1)!);
			const top = Math.max(0, Math.min(lastTop(action.shown, action.height), next - Math.floor(action.height / 2)));
			return {...state, follow: false, top};
		}

		case 'log-toggle': {
			return {...state, [action.option]: !state[action.option], ...(action.option === 'filterOnly' ? {top: 0} : {})};
		}

		case 'log-range': {
			return {...state, range: action.range, follow: true, top: 0};
		}

		case 'log-reset': {
			return {...initialLogView, timestamps: state.timestamps, wrap: state.wrap, range: state.range, fullScreen: state.fullScreen};
		}
	}
}
