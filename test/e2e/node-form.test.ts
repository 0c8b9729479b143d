/**
 * The whole life of a node config, as an operator does it in the built TUI in
 * a pty against the real engine: create it through the form, start it, see the
 * spec check clean, edit one value, stop it, delete it into a backup.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {validateNodeConfig} from '../../source/domain/node-config.js';
import {dockerSkipReason, dockerTitle, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {launchTui, type Tui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';
import {focus, focusedLine} from '../helpers/tui-form.js';

async function type(tui: Tui, text: string): Promise<void> {
	tui.press('\r');
	await tui.waitFor(screen => focusedLine(screen).includes('█'));
	tui.press('\u0015');
	tui.press(`${text}\r`);
	await tui.waitFor(screen => !focusedLine(screen).includes('█'));
}

describe.skipIf(dockerSkipReason)(dockerTitle('node configs through the TUI on a real engine'), () => {
	const sandbox = new Sandbox();
	const name = uniqueNodeName('form');
	const path = join(sandbox.configDir('user'), `${name}.yaml`);

	afterAll(async () => {
		await removeNodeLeftovers(name);
		sandbox.cleanup();
	});

	it('create in the form, start, spec check clean, edit one line, stop, delete to a backup', async () => {
		const tui = launchTui({cols: 110, rows: 34, env: sandbox.env});
		// Other node containers may run on this engine: wait for the table, not for it to be empty.
		await tui.waitFor(/\d+ nodes ·/);
		tui.press('n');
		await tui.waitFor('New node config');
		await type(tui, name);
		await focus(tui, /API key/);
		await type(tui, 'e2e-api-key-42');
		expect(tui.screen()).not.toContain('e2e-api-key-42');
		await focus(tui, /Node image/);
		await type(tui, fixtureImage);
		await focus(tui, /\[ Create \]/);
		tui.press('\r');
		await tui.waitFor(screen => screen.includes(`▸ ${name}`) && screen.includes('not created'));
		const created = parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
		expect(validateNodeConfig(created).problems).toEqual([]);
		expect(created).toMatchObject({api_key: 'e2e-api-key-42', images: {node: fixtureImage}});

		tui.press('s');
		// Our row, not another node container's: it reads running once the start check is over.
		const ourRow = (screen: string) => screen.split('\n').find(line => line.startsWith(`▸ ${name} `)) ?? '';
		await tui.waitFor(screen => ourRow(screen).includes('● running') && /Matches v6 node start on all \d+ fields/.test(screen), {timeout: 20_000});

		const before = readFileSync(path, 'utf8');
		tui.press('e');
		await tui.waitFor(`Edit ${name} (user)`);
		await focus(tui, /Log level/);
		tui.press(' ');
		await tui.waitFor('‹ WARNING ›');
		await focus(tui, /\[ Save \]/);
		tui.press('\r');
		await tui.waitFor('The config changed; the running node uses it after a restart.');
		tui.press('n');
		await tui.waitFor(screen => !screen.includes('The config changed'));
		const after = readFileSync(path, 'utf8');
		const changed = before.split('\n').filter((line, index) => line !== after.split('\n')[index]);
		expect(changed).toEqual(['  level: INFO']);
		expect(after).toContain('  level: WARNING');

		tui.press('x');
		await tui.waitFor(`Stop ${name} (user)?`);
		tui.press('y');
		await tui.waitFor(screen => screen.includes(`▸ ${name}`) && screen.includes('not created'), {timeout: 20_000});
		tui.press('D');
		await tui.waitFor(`Delete the config of ${name} (user)?`);
		tui.press('y');
		await tui.waitFor(/Moved the config of \S+ to \S+\.deleted/);
		expect(existsSync(path)).toBe(false);
		const backups = readdirSync(join(sandbox.configDir('user'), '.deleted'));
		expect(backups.some(file => file.startsWith(`${name}-`))).toBe(true);
		tui.press('q');
		expect((await tui.exited).exitCode).toBe(0);
	}, 120_000);
});
