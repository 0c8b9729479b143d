import {describe, expect, it} from 'vitest';
import {initialLogView, logReducer, type LogViewState} from '../../source/state/log-state.js';

const view = (extra: Partial<LogViewState> = {}): LogViewState => ({...initialLogView, ...extra});

describe('logReducer', () => {
	it('scrolling up leaves follow mode; scrolling back to the bottom resumes it', () => {
		const up = logReducer(view(), {type: 'log-scroll', delta: -5, shown: 100, height: 10});
		expect(up).toMatchObject({follow: false, top: 85});
		const down = logReducer(up, {type: 'log-scroll', delta: 50, shown: 100, height: 10});
		expect(down).toMatchObject({follow: true, top: 90});
		expect(logReducer(up, {type: 'log-scroll-to', edge: 'last', shown: 100, height: 10}).follow).toBe(true);
		expect(logReducer(view(), {type: 'log-scroll-to', edge: 'first', shown: 100, height: 10})).toMatchObject({follow: false, top: 0});
	});

	it('search: typing is a draft until Enter; Esc keeps the old search', () => {
		let state = logReducer(view({query: 'old'}), {type: 'log-search-start'});
		state = logReducer(state, {type: 'log-search-input', value: 'new'});
		const kept = logReducer(state, {type: 'log-search-end', keep: true});
		expect([kept.query, kept.draft]).toEqual(['new', undefined]);
		const cancelled = logReducer(state, {type: 'log-search-end', keep: false});
		expect([cancelled.query, cancelled.draft]).toEqual(['old', undefined]);
	});

	it('n and N step through matches from the middle of the screen, wrapping around', () => {
		const matches = [5, 40, 80];
		// From the top, the match at 5 is on screen above the middle; n goes to the next one, centred.
		const first = logReducer(view({follow: false, top: 0}), {type: 'log-next-match', direction: 1, matches, shown: 100, height: 10});
		expect(first).toMatchObject({follow: false, top: 35});
		// Following, N goes to the newest match above the middle of the screen.
		const newest = logReducer(view(), {type: 'log-next-match', direction: -1, matches, shown: 100, height: 10});
		expect(newest).toMatchObject({follow: false, top: 75});
		const wrapped = logReducer(view({follow: false, top: 80}), {type: 'log-next-match', direction: 1, matches, shown: 100, height: 10});
		expect(wrapped.top).toBe(0);
		const back = logReducer(view({follow: false, top: 35}), {type: 'log-next-match', direction: -1, matches, shown: 100, height: 10});
		expect(back.top).toBe(0);
		expect(logReducer(view(), {type: 'log-next-match', direction: 1, matches: [], shown: 100, height: 10})).toEqual(view());
	});

	it('toggles and ranges', () => {
		expect(logReducer(view(), {type: 'log-toggle', option: 'wrap'}).wrap).toBe(true);
		expect(logReducer(view({top: 30, follow: false}), {type: 'log-toggle', option: 'filterOnly'})).toMatchObject({filterOnly: true, top: 0});
		expect(logReducer(view({follow: false}), {type: 'log-range', range: '5m'})).toMatchObject({range: '5m', follow: true});
	});
});
