import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {HelpOverlay} from '../../source/ui/dialogs/help-overlay.js';
import {commandInfo, commands, type Command} from '../../source/ui/keymap/commands.js';
import {createTheme} from '../../source/ui/theme.js';
import {renderAt, type Rendered} from '../helpers/render-ink.js';

let ui: Rendered | undefined;
afterEach(() => ui?.unmount());

describe('the ? overlay', () => {
	it('lists every command of every context and colours exactly the dangerous ones', async () => {
		ui = renderAt(<HelpOverlay offset={0} width={150} height={100} theme={createTheme({})} />, 150, 100);
		await ui.waitFor('Keys (Esc or ? closes)');
		const raw = ui.stdout.frames.join('').split('\n');
		const yellow = '\u001B[33m';
		for (const command of Object.keys(commands) as Command[]) {
			const {description, dangerous} = commandInfo(command);
			const line = raw.find(text => text.includes(description.slice(0, 60)));
			expect(line, command).toBeDefined();
			expect(line!.includes(yellow), `${command} coloured`).toBe(Boolean(dangerous));
		}
	});
});
