/** Moving through the node form in a pty, waiting for the screen at each step. */
import {expect} from 'vitest';
import type {Tui} from './pty.js';

/** The line with the focus marker. */
export const focusedLine = (screen: string) => screen.split('\n').find(line => line.includes('▸')) ?? '';

/** Moves the focus down one line at a time, each step waiting for the screen, until the label has it. */
export async function focus(tui: Tui, label: RegExp | string): Promise<void> {
	const has = (line: string) => (typeof label === 'string' ? line.includes(label) : label.test(line));
	for (let step = 0; step < 30 && !has(focusedLine(tui.screen())); step++) {
		const before = focusedLine(tui.screen());
		tui.press('j');
		await tui.waitFor(screen => focusedLine(screen) !== before);
	}

	expect(has(focusedLine(tui.screen()))).toBe(true);
}
