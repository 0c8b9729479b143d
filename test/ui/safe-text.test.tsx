/**
 * The screen's chrome and dialogs through real Ink: hostile text (a title
 * escape, a bell, a clear-screen, a line break) and passwords in messages from
 * outside never reach the bytes written to the terminal.
 */
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {EngineBanner, Header} from '../../source/ui/chrome/header.js';
import {StatusLine} from '../../source/ui/chrome/status-line.js';
import {MessageDialog} from '../../source/ui/dialogs/message-dialog.js';
import {Text} from '../../source/ui/text.js';
import {createTheme} from '../../source/ui/theme.js';
import {renderAt, type Rendered} from '../helpers/render-ink.js';

const theme = createTheme({});
const hostile = 'a\u001B]0;pwned\u0007b\u001B[2J\nc\u009B31m postgresql://u:pw-secret@db/x?token=pw-token';
const counts = {total: 1, running: 0, stopped: 1, invalid: 0, orphans: 0, unknown: 0};
let ui: Rendered | undefined;
afterEach(() => ui?.unmount());

const raw = () => ui!.stdout.frames.join('');

describe.each([
	// Text sanitizes only: the inspector and the form mask there, so that v can show.
	['a Text from ui/text', false, () => <Text>{hostile}</Text>],
	['a Text with mixed children', false, () => <Text>{['x ', hostile, ' y']}</Text>],
	['the status line', true, () => <StatusLine status={{id: 1, kind: 'error', text: hostile}} width={120} theme={theme} />],
	['the engine banner', true, () => <EngineBanner message={hostile} width={120} theme={theme} />],
	['the header host', true, () => <Header counts={counts} engine={{state: 'up', info: {version: '1', apiVersion: '1', host: hostile}}} width={200} theme={theme} />],
	['a message dialog', true, () => <MessageDialog dialog={{type: 'error', title: hostile, lines: [hostile, hostile]}} width={120} height={10} theme={theme} />],
])('%s', (_what, masks, element) => {
	it(`writes no title, bell, clear screen, line break or C1 control${masks ? ', and no password' : ''}`, async () => {
		ui = renderAt(element(), 200, 20);
		await ui.waitFor('ab');
		expect(raw()).not.toContain('\u0007');
		expect(raw()).not.toContain('\u001B]');
		expect(raw()).not.toContain('\u001B[2J');
		expect(raw()).not.toMatch(/[\u0080-\u009F]/);
		expect(raw().includes('pw-')).toBe(!masks);
		expect(ui.frame()).toMatch(/ab c/);
	});
});
