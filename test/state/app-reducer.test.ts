import {describe, expect, it} from 'vitest';
import {appReducer} from '../../source/state/app-reducer.js';
import {initialAppState, type AppState} from '../../source/state/app-state.js';
import {withValidSelection} from '../../source/state/selection.js';
import type {NodeRow} from '../../source/domain/node-row.js';

const keys = ['user/a', 'user/b', 'system/c'];
const at = (selectedKey: string, extra: Partial<AppState> = {}): AppState => ({...initialAppState, selectedKey, ...extra});

describe('appReducer', () => {
	it('moves the selection within the rows, clamped at both ends', () => {
		expect(appReducer(at('user/a'), {type: 'move', delta: 1, keys}).selectedKey).toBe('user/b');
		expect(appReducer(at('system/c'), {type: 'move', delta: 1, keys}).selectedKey).toBe('system/c');
		expect(appReducer(at('user/b'), {type: 'move', delta: -10, keys}).selectedKey).toBe('user/a');
		expect(appReducer(at('user/a'), {type: 'move-to', edge: 'last', keys}).selectedKey).toBe('system/c');
	});

	it('a selection that is gone moves to the first row; one that stays is kept', () => {
		expect(appReducer(at('user/gone'), {type: 'keep-selection', keys}).selectedKey).toBe('user/a');
		const state = at('user/b');
		expect(appReducer(state, {type: 'keep-selection', keys})).toBe(state);
	});

	it('leaving a node hides its secrets again and resets the detail scroll', () => {
		const revealed = appReducer(at('user/a', {detailScroll: 7}), {type: 'toggle-reveal'});
		expect(revealed.revealedKey).toBe('user/a');
		const moved = appReducer(revealed, {type: 'move', delta: 1, keys});
		expect(moved.revealedKey).toBeUndefined();
		expect(moved.detailScroll).toBe(0);
		expect(appReducer(revealed, {type: 'toggle-reveal'}).revealedKey).toBeUndefined();
	});

	it('tabs cycle through the inspector and switch the detail pane to it', () => {
		const logs = appReducer(at('user/a'), {type: 'detail-mode', mode: 'logs'});
		const next = appReducer(logs, {type: 'tab', delta: 1});
		expect([next.detailMode, next.inspectorTab]).toEqual(['inspector', 'config']);
		expect(appReducer(at('user/a'), {type: 'tab', delta: -1}).inspectorTab).toBe('runs');
	});

	it('moving to another node resets the log view but keeps its display choices', () => {
		const state = at('user/a', {log: {...initialAppState.log, query: 'err', follow: false, top: 9, timestamps: true}});
		const moved = appReducer(state, {type: 'move', delta: 1, keys});
		expect(moved.log).toMatchObject({query: '', follow: true, top: 0, timestamps: true});
	});

	it('the filter: typing keeps text, Esc clears it', () => {
		const editing = appReducer(at('user/a', {focus: 'detail'}), {type: 'filter-start'});
		expect([editing.filterEditing, editing.focus]).toEqual([true, 'table']);
		const typed = appReducer(editing, {type: 'filter-input', value: 'ab'});
		expect(appReducer(typed, {type: 'filter-end', keep: true})).toMatchObject({filter: 'ab', filterEditing: false});
		expect(appReducer(typed, {type: 'filter-end', keep: false})).toMatchObject({filter: '', filterEditing: false});
	});

	it('a status message is cleared only by its own id', () => {
		const first = appReducer(initialAppState, {type: 'status', message: {kind: 'info', text: 'one'}});
		const second = appReducer(first, {type: 'status', message: {kind: 'error', text: 'two'}});
		expect(appReducer(second, {type: 'clear-status', id: first.status!.id}).status?.text).toBe('two');
		expect(appReducer(second, {type: 'clear-status', id: second.status!.id}).status).toBeUndefined();
	});

	it('is pure: the same state and action give the same next state (status ids come from state)', () => {
		const action = {type: 'status', message: {kind: 'info', text: 'one'}} as const;
		expect(appReducer(initialAppState, action)).toEqual(appReducer(initialAppState, action));
		const once = appReducer(initialAppState, action);
		expect(appReducer(once, action).status!.id).not.toBe(once.status!.id);
		expect(appReducer(appReducer(once, {type: 'clear-status', id: once.status!.id}), action).status!.id).not.toBe(once.status!.id);
	});

	it('pending actions per node are set and cleared', () => {
		const starting = appReducer(initialAppState, {type: 'pending', key: 'user/a', action: 'starting'});
		expect(starting.pending).toEqual({'user/a': 'starting'});
		expect(appReducer(starting, {type: 'pending', key: 'user/a'}).pending).toEqual({});
	});
});

describe('withValidSelection', () => {
	const row = (key: string) => ({key, name: key, problems: [], status: 'not-created'}) as NodeRow;
	it('falls back to the first row in the same render', () => {
		expect(withValidSelection(initialAppState, [row('x'), row('y')]).selectedKey).toBe('x');
		const state = at('y');
		expect(withValidSelection(state, [row('x'), row('y')])).toBe(state);
		expect(withValidSelection(at('y'), []).selectedKey).toBeUndefined();
	});
});

describe('the Runs tab cursor and an opened run', () => {
	it('j/k move the cursor within the list and the window follows it; opening a run marks it seen; moving to another node closes it', () => {
		let state = at('user/a', {inspectorTab: 'runs'});
		state = appReducer(state, {type: 'run-move', delta: 1, count: 3, height: 10});
		expect([state.runCursor, state.detailScroll]).toEqual([1, 0]);
		state = appReducer(state, {type: 'run-move', delta: 99, count: 3, height: 10});
		expect(state.runCursor).toBe(2);
		// 50 items in a 5-line window: item 20 (line 22) is the window's last line.
		let long = appReducer(at('user/a', {inspectorTab: 'runs'}), {type: 'run-move', delta: 20, count: 50, height: 5});
		expect([long.runCursor, long.detailScroll]).toEqual([20, 18]);
		long = appReducer(long, {type: 'run-move', delta: -1, count: 50, height: 5});
		expect(long.detailScroll).toBe(18);
		long = appReducer(long, {type: 'run-move', delta: -19, count: 50, height: 5});
		expect([long.runCursor, long.detailScroll]).toEqual([0, 0]);

		state = appReducer(state, {type: 'open-run', nodeKey: 'user/a', id: 'c9'});
		expect(state.openRun).toEqual({nodeKey: 'user/a', id: 'c9'});
		expect(state.seenRuns).toEqual(['c9']);
		expect(appReducer(state, {type: 'close-run'})).toMatchObject({openRun: undefined, runCursor: 2, seenRuns: ['c9']});
		const moved = appReducer(state, {type: 'move', delta: 1, keys});
		expect(moved).toMatchObject({openRun: undefined, runCursor: 0, seenRuns: ['c9']});
	});
});
