/**
 * The router: the one listener for every key. A key becomes a command through
 * the keymap of the context keys are read in now (a pane, a dialog, the form,
 * a text field); the command's handler acts (command-handlers.ts). In a text
 * field a key no binding takes is typed.
 */
import {useInput} from 'ink';
import {useCallback, useEffect, useRef} from 'react';
import {appReducer, type AppAction} from '../../state/app-reducer.js';
import {textContexts, type TextContext} from '../keymap/bindings.js';
import {matchCommand, type KeyPress} from '../keymap/match.js';
import {runCommand} from './command-handlers.js';
import type {EditKey, InputContext} from './input-context.js';
import {keyContextOf} from './key-context.js';
import {editChunk, typeKey} from './text-entry.js';

/** One character of a coalesced chunk as Ink would have reported it alone. */
export function singleKey(char: string): [string, KeyPress] {
	switch (char) {
		case '\t': {
			return ['', {tab: true}];
		}

		case '\r':
		case '\n': {
			return ['', {return: true}];
		}

		case '\u001B': {
			return ['', {escape: true}];
		}

		default: {
			return [char, /[A-Z]/.test(char) ? {shift: true} : {}];
		}
	}
}

/** One key, routed by where keys are read now. */
export function routeKey(input: string, key: EditKey, context: InputContext): void {
	const where = keyContextOf(context.state);
	const command = matchCommand(input, key, where);
	if (command) {
		runCommand(command, {...context, where});
	} else if (textContexts.includes(where as TextContext)) {
		typeKey(input, key, context, where as TextContext);
	}
}

/**
 * Every key goes through this one handler, subscribed once: Ink re-subscribes a
 * changed handler in an effect, after the frame is on screen, so a key typed in
 * between would reach the previous render's state or a dialog not yet
 * listening. The handler reads the latest state and routes by it.
 */
export function useInputRouter(context: InputContext): void {
	const latest = useRef(context);
	// Dispatches also update the state this handler reads, at once: the keys of one chunk
	// ("n" closing a dialog, then "x") each see the state the previous one left.
	const tracked = useCallback((action: AppAction) => {
		latest.current = {...latest.current, state: appReducer(latest.current.state, action)};
		context.dispatch(action);
	}, [context.dispatch]);
	latest.current = {...context, dispatch: tracked};
	// Keys of a chunk typed after the Enter or Esc that closed a text field ("name\re": the e), and any
	// key that comes before they are taken: they wait for the render that the field's end causes, so
	// they act on what the screen shows then (the filtered rows and their selection), not on the rows
	// of before the filter.
	const waiting = useRef<Array<[string, EditKey]>>([]);
	// Renders so far, and the one the waiting keys wait to follow: a render already on screen whose
	// effects run late (React runs them before the next render) still shows the rows of before.
	const renders = useRef(0);
	renders.current++;
	const waitAfter = useRef(0);
	const route = useCallback((input: string, key: EditKey) => {
		// Keys typed quickly over a slow SSH link can arrive as one chunk ("jj", "l\t"); Ink hands
		// that over as one input. Outside text fields, take it key by key.
		// Counted in code points: an emoji or 𠀀 is two UTF-16 units but one key, and taken as a
		// chunk it would come back as itself forever. A ZWJ sequence or a flag is several keys.
		const chars = [...input];
		const afterField = (rest: string) => {
			if (rest) {
				waitAfter.current = renders.current;
				waiting.current.push([...rest].length === 1 ? singleKey(rest) : [rest, {}]);
			}
		};

		const {form, dialog} = latest.current.state;
		const editing = latest.current.state.filterEditing || latest.current.state.log.draft !== undefined || form?.draft !== undefined || dialog?.type === 'api-key' || (dialog?.type === 'audit' && dialog.filterEditing);
		if (chars.length > 1 && !key.ctrl && !key.meta) {
			if (editing) {
				afterField(editChunk(input, latest.current));
				return;
			}

			for (const [index, char] of chars.entries()) {
				const command = matchCommand(...singleKey(char), keyContextOf(latest.current.state));
				route(...singleKey(char));
				// A key that opens a text field takes the rest of the chunk as its text.
				if (command === 'filter' || command === 'log-search') {
					const rest = chars.slice(index + 1).join('');
					const state = command === 'filter' ? {...latest.current.state, filterEditing: true} : {...latest.current.state, log: {...latest.current.state.log, draft: latest.current.state.log.query}};
					if (rest) {
						afterField(editChunk(rest, {...latest.current, state}));
					}

					return;
				}
			}

			return;
		}

		routeKey(input, key, latest.current);
	}, []);
	const handler = useCallback((input: string, key: EditKey) => {
		if (waiting.current.length > 0) {
			waiting.current.push([input, key]);
		} else {
			route(input, key);
		}
	}, [route]);
	// After each render: the waiting keys, until one ends a text field again (the rest waits for the next render).
	useEffect(() => {
		while (waiting.current.length > 0 && renders.current > waitAfter.current) {
			const queue = waiting.current;
			waiting.current = [];
			const [input, key] = queue.shift()!;
			route(input, key);
			waiting.current.push(...queue);
			if (waiting.current.length > queue.length) {
				break;
			}
		}
	});
	useInput(handler);
}
