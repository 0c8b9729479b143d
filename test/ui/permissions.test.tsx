/**
 * Permission problems in the UI, against the in-memory engine: a socket this user may not use is a
 * banner with the fix (the whole of it, wrapped), and the header says "no permission", not "unreachable".
 */
import {afterEach, describe, expect, it} from 'vitest';
import {engineBannerLines} from '../../source/ui/chrome/header.js';
import {wrapWords} from '../../source/ui/text-fit.js';
import type {Rendered} from '../helpers/render-ink.js';
import {UiWorld} from '../helpers/ui-world.js';

const permission = "No permission to use the Docker engine at /var/run/docker.sock: user alice is not in the 'docker' group. Fix: 'sudo usermod -aG docker alice' and log in again, or run vnode-tui with sudo.";

let world: UiWorld | undefined;
let ui: Rendered | undefined;

afterEach(() => {
	ui?.unmount();
	world?.cleanup();
	ui = undefined;
	world = undefined;
});

describe('the engine refusing this user', () => {
	it('shows the whole fix at 80 columns in a banner of up to three rows', async () => {
		world = new UiWorld();
		world.writeConfig('alpha');
		world.engine.goDown(permission, 'permission');
		ui = world.render(80, 24);
		const frame = await ui.waitFor(text => text.includes('Docker: no permission') && text.includes('alpha'));
		const banner = frame.split('\n').slice(1, 4).join(' ').replaceAll(/\s+/g, ' ');
		expect(banner).toContain(permission);
		expect(frame).not.toMatch(/unreachable|Retrying/);
	});

	it('keeps the one-row "retrying" banner for an engine that is down', () => {
		expect(engineBannerLines('Cannot reach the Docker engine', 'daemon-unreachable', 80)).toHaveLength(1);
		expect(engineBannerLines(permission, 'permission', 80)).toHaveLength(3);
		expect(engineBannerLines(permission, 'permission', 120)).toHaveLength(2);
	});
});

describe('a config dir this user may not read', () => {
	it('says what is wrong and the chown to run above the table, whole at 80 columns', async () => {
		world = new UiWorld();
		world.writeConfig('alpha');
		const message = "Cannot read /home/bob/.config/vantage6/node: permission denied. /home/bob/.config/vantage6 is owned by root, not by bob (a 'sudo v6 node …' run leaves such dirs behind). Give it back with: sudo chown -R bob: /home/bob/.config/vantage6";
		const {store} = world.service.deps;
		const list = store.list.bind(store);
		store.list = async () => ({...(await list()), problems: [{scope: 'user', dir: '/home/bob/.config/vantage6/node', message}]});
		ui = world.render(80, 24);
		const frame = await ui.waitFor(text => text.includes('Docker 99') && text.includes('alpha'));
		const lines = frame.split('\n');
		expect(lines.slice(1, 5).join(' ').replaceAll(/\s+/g, ' ')).toContain(`! ${message}`);
		expect(lines[5]).toMatch(/^─ Nodes/);
	});
});

describe('wrapWords', () => {
	it('wraps at spaces, cuts an overlong word, and ends the last kept line with an ellipsis', () => {
		expect(wrapWords('aa bb cc dd', 5, 3)).toEqual(['aa bb', 'cc dd']);
		expect(wrapWords('abcdefgh ij', 4, 3)).toEqual(['abc…', 'ij']);
		expect(wrapWords('aa bb cc dd ee', 5, 2)).toEqual(['aa bb', 'cc d…']);
	});
});
