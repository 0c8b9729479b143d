/**
 * The header says which engine this is: the address and the Docker context,
 * and when the address does not fit, still the context's name.
 */
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {Header} from '../../source/ui/chrome/header.js';
import {createTheme} from '../../source/ui/theme.js';
import {renderAt, type Rendered} from '../helpers/render-ink.js';

const theme = createTheme({});
const counts = {total: 2, running: 1, stopped: 1, invalid: 0, orphans: 0, unknown: 0};
const remote = {state: 'up', info: {version: '27.1.0', apiVersion: '1.46', host: 'ssh://operator@pi-1.lab.example.org:2222', context: 'pi-1'}} as const;
let ui: Rendered | undefined;
afterEach(() => ui?.unmount());

describe('the header names the engine', () => {
	it('wide: version, address and context', async () => {
		ui = renderAt(<Header counts={counts} engine={remote} width={200} theme={theme} />, 200, 3);
		await ui.waitFor('(context pi-1)');
		expect(ui.frame()).toContain('Docker 27.1.0 @ ssh://operator@pi-1.lab.example.org:2222 (context pi-1)');
	});

	it('80 columns: the address does not fit, the context name does', async () => {
		ui = renderAt(<Header counts={counts} engine={remote} width={80} theme={theme} />, 80, 3);
		await ui.waitFor('Docker 27.1.0 @ pi-1');
		expect(ui.frame()).not.toContain('ssh://');
	});

	it('no context: the address when it fits, else the version alone (as before)', async () => {
		ui = renderAt(<Header counts={counts} engine={{state: 'up', info: {version: '27.1.0', apiVersion: '1.46', host: '/var/run/docker.sock'}}} width={80} theme={theme} />, 80, 3);
		await ui.waitFor('Docker 27.1.0 @ /var/run/docker.sock');
		ui.unmount();
		ui = renderAt(<Header counts={counts} engine={{state: 'up', info: {version: '27.1.0', apiVersion: '1.46', host: 'ssh://operator@pi-1.lab.example.org:2222'}}} width={80} theme={theme} />, 80, 3);
		await ui.waitFor('Docker 27.1.0');
		expect(ui.frame()).not.toContain('@');
	});
});
