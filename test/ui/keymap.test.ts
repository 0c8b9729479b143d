import {describe, expect, it} from 'vitest';
import {bindings, inputContexts, textContexts, type Binding, type InputWhere} from '../../source/ui/keymap/bindings.js';
import {commandInfo, commands, type Command} from '../../source/ui/keymap/commands.js';
import {bindingsFor, matchCommand, specsOverlap} from '../../source/ui/keymap/match.js';
import {hintLine} from '../../source/ui/chrome/help-bar.js';

/** Every pair of different commands that one key press would match in one context. */
function conflicts(table: Binding[], where: InputWhere): string[] {
	const found: string[] = [];
	const usable = bindingsFor(where, table);
	for (const [index, a] of usable.entries()) {
		for (const b of usable.slice(index + 1)) {
			if (a.command !== b.command && a.keys.some(x => b.keys.some(y => specsOverlap(x, y)))) {
				found.push(`${where}: ${a.command} and ${b.command}`);
			}
		}
	}

	return found;
}

describe('keymap', () => {
	it('every command has a key and a handler context; every context has a way out', () => {
		const bound = new Set(bindings.map(binding => binding.command));
		expect(Object.keys(commands).filter(command => !bound.has(command as Command))).toEqual([]);
		for (const where of inputContexts) {
			expect(bindingsFor(where).length, where).toBeGreaterThan(0);
			expect(matchCommand('', {escape: true}, where), `Esc in ${where}`).toBeDefined();
		}
	});

	it.each(inputContexts)('no key means two things in the %s context', where => {
		expect(conflicts(bindings, where)).toEqual([]);
	});

	it('the conflict check finds two commands on one key (n in the log was next match and new node)', () => {
		const withOldNewNode = bindings.map(binding => (binding.command === 'new-node' ? {...binding, contexts: ['panes' as const]} : binding));
		expect(conflicts(withOldNewNode, 'log')).toEqual(['log: next-match and new-node']);
		expect(conflicts([{command: 'focus-next', keys: [{key: 'tab'}], contexts: ['form'], label: 'Tab'}, ...bindings], 'form')).toContain('form: focus-next and next-field');
	});

	it('the log pane offers n for the next match only; the table and the inspector offer n for a new node', () => {
		expect(matchCommand('n', {}, 'log')).toBe('next-match');
		expect(hintLine('log')).toContain('n next');
		expect(hintLine('log')).not.toContain('n new');
		expect(matchCommand('n', {}, 'table')).toBe('new-node');
		expect(matchCommand('n', {}, 'detail')).toBe('new-node');
		expect(hintLine('table')).toMatch(/^q quit {2}\? help/);
	});

	it('text fields bind no printable character: every character typed there is text', () => {
		for (const where of textContexts) {
			for (const binding of bindingsFor(where)) {
				for (const spec of binding.keys) {
					expect(spec.key !== undefined || spec.ctrl === true, `${binding.command} in ${where}`).toBe(true);
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
		expect(matchCommand('/', {}, 'log')).toBe('log-search');
		expect(matchCommand('?', {}, 'detail')).toBe('help');
		expect(matchCommand('q', {}, 'table')).toBe('quit');
		expect(matchCommand('c', {ctrl: true}, 'detail')).toBe('quit');
	});

	it('node actions work from every pane; tabs and reveal only in the detail pane and the log', () => {
		for (const context of ['table', 'detail', 'log'] as const) {
			expect(matchCommand('s', {}, context)).toBe('start');
			expect(matchCommand('x', {}, context)).toBe('stop');
		}

		expect(matchCommand(']', {}, 'detail')).toBe('next-tab');
		expect(matchCommand('v', {}, 'log')).toBe('reveal');
		expect(matchCommand(']', {}, 'table')).toBeUndefined();
		expect(matchCommand('v', {}, 'table')).toBeUndefined();
		// c cleans the selected node's leftovers from every pane (it asks first); in the remove dialog it is "container only".
		expect(matchCommand('c', {}, 'table')).toBe('clean');
		expect(matchCommand('c', {}, 'remove')).toBe('remove-container');
		expect(matchCommand('', {return: true}, 'detail')).toBe('open-run');
		expect(matchCommand('y', {}, 'clean')).toBe('confirm-clean');
		expect(matchCommand('', {return: true}, 'clean')).toBe('cancel');
	});

	it('dialogs: y confirms, Enter and Esc cancel; the form: Tab and Shift+Tab move', () => {
		expect(matchCommand('y', {}, 'confirm')).toBe('confirm-action');
		expect(matchCommand('', {return: true}, 'confirm')).toBe('cancel');
		expect(matchCommand('v', {}, 'remove')).toBe('remove-with-volumes');
		expect(matchCommand('Y', {shift: true}, 'delete-config')).toBeUndefined();
		expect(matchCommand('?', {}, 'help')).toBe('close');
		expect(matchCommand('', {tab: true}, 'form')).toBe('next-field');
		expect(matchCommand('', {tab: true, shift: true}, 'form')).toBe('prev-field');
		expect(matchCommand('', {tab: true}, 'api-key')).toBe('show-key');
		expect(matchCommand('u', {ctrl: true}, 'field')).toBe('clear-line');
		expect(matchCommand('u', {ctrl: true}, 'filter')).toBeUndefined();
		expect(hintLine('confirm')).toBe('y yes  n/Esc no');
	});

	it('stop, restart, remove, delete-config and clean are dangerous; start is not', () => {
		const dangerous = Object.keys(commands).filter(command => commandInfo(command as Command).dangerous);
		expect(dangerous.sort()).toEqual(['clean', 'delete-config', 'remove', 'restart', 'stop']);
	});
});
