import {describe, expect, it} from 'vitest';
import {bindings} from '../../source/ui/keymap/bindings.js';
import {commands, type Command} from '../../source/ui/keymap/commands.js';
import {bindingsFor, matchCommand} from '../../source/ui/keymap/match.js';

describe('keymap', () => {
	it('every command has a key, and no key means two things in one context', () => {
		const bound = new Set(bindings.map(binding => binding.command));
		expect(Object.keys(commands).filter(command => !bound.has(command as Command))).toEqual([]);
		for (const context of ['table', 'detail'] as const) {
			const seen = new Map<string, Command>();
			for (const binding of bindingsFor(context)) {
				for (const spec of binding.keys) {
					const id = JSON.stringify(spec);
					expect(seen.get(id), `${id} in ${context}`).toBeUndefined();
					seen.set(id, binding.command);
				}
			}
		}
	});

	it('the anchors’ habits: j/k and arrows, g/G, Enter, Tab, Esc, /, ?, q', () => {
		expect(matchCommand('j', {}, 'table')).toBe('down');
		expect(matchCommand('', {downArrow: true}, 'detail')).toBe('down');
		expect(matchCommand('k', {}, 'table')).toBe('up');
		expect(matchCommand('g', {}, 'table')).toBe('top');
		expect(matchCommand('G', {shift: true}, 'table')).toBe('bottom');
		expect(matchCommand('', {return: true}, 'table')).toBe('open');
		expect(matchCommand('', {tab: true}, 'table')).toBe('focus-next');
		expect(matchCommand('', {escape: true}, 'detail')).toBe('back');
		expect(matchCommand('/', {}, 'table')).toBe('filter');
		expect(matchCommand('?', {}, 'detail')).toBe('help');
		expect(matchCommand('q', {}, 'table')).toBe('quit');
		expect(matchCommand('c', {ctrl: true}, 'detail')).toBe('quit');
	});

	it('node actions work from both panes; tabs and reveal only in the detail pane', () => {
		for (const context of ['table', 'detail'] as const) {
			expect(matchCommand('s', {}, context)).toBe('start');
			expect(matchCommand('x', {}, context)).toBe('stop');
		}

		expect(matchCommand(']', {}, 'detail')).toBe('next-tab');
		expect(matchCommand(']', {}, 'table')).toBeUndefined();
		expect(matchCommand('v', {}, 'table')).toBeUndefined();
		expect(matchCommand('c', {}, 'table')).toBeUndefined();
	});

	it('stop, restart, remove and delete-config are dangerous; start is not', () => {
		const dangerous = Object.entries(commands).filter(([, info]) => info.dangerous).map(([command]) => command);
		expect(dangerous.sort()).toEqual(['delete-config', 'remove', 'restart', 'stop']);
	});
});
