/**
 * Nothing from a file, a name or a value acts on the terminal, and no planted
 * secret shows on any screen unless `v` is pressed: the built TUI in a pty
 * against the real engine, every inspector tab, the form, `e` on a valid and
 * on a broken file. (The log pane has its own test: log-escapes.)
 */
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {dockerSkipReason, dockerTitle, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {planted, plantAll, plantContainer, plantedMarker, plantedUris} from '../helpers/planted-secrets.js';
import {launchTui, type Tui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

const tabs = ['Spec check', 'Config', 'Container', 'Mounts', 'Env', 'Labels'];
const slow = 90_000;

/** Keeps only the rows whose name contains `text` (the filter), so the one node is selected. */
async function only(tui: Tui, text: string, expectRow: RegExp): Promise<void> {
	if (tui.screen().includes('filter: ')) {
		// Esc clears the filter; a key sent with it in one write would read as Alt+key.
		tui.press('\u001B');
		await tui.waitFor(screen => !screen.includes('filter: '));
	}

	tui.press('/');
	await tui.waitFor('(Enter keeps, Esc clears)');
	tui.press(`${text}\r`);
	await tui.waitFor(screen => screen.includes(`filter: ${text}`) && expectRow.test(screen));
}

/** A fresh UI on the sandbox, filtered to the rows matching `filter` (one, selected). */
async function launchOn(sandbox: Sandbox, filter: string, row: RegExp = new RegExp(`▸ ${filter}\\s`)): Promise<Tui> {
	const tui = launchTui({cols: 150, rows: 100, env: sandbox.env});
	await tui.waitFor(/\d+ nodes ·/);
	await only(tui, filter, row);
	return tui;
}

/** e opens a view (`title`): no planted secret, the masked forms there; v shows `revealed`; Esc closes it. */
async function editMaskedThenShown(tui: Tui, title: string, masked: string[], revealed: string[]): Promise<void> {
	tui.press('e');
	const screen = await tui.waitFor(title);
	expect(screen).not.toContain(plantedMarker);
	for (const text of masked) {
		expect(screen).toContain(text);
	}

	tui.press('v');
	await tui.waitFor(text => revealed.every(secret => text.includes(secret)), {message: `revealed: ${revealed.join(', ')}`});
	tui.press('\u001B');
	await tui.waitFor(text => !text.includes(title));
}

/** Every inspector tab of the selected node, each screen once its tab is shown and inspected; the detail pane keeps the focus. */
async function everyTab(tui: Tui): Promise<string[]> {
	tui.press('i');
	tui.press('\r');
	const screens: string[] = [];
	for (const [index, tab] of tabs.entries()) {
		if (index > 0) {
			tui.press(']');
		}

		screens.push(await tui.waitFor(screen => screen.includes(`[${tab}]`) && !screen.includes('Inspecting…'), {message: `tab ${tab}`}));
	}

	return screens;
}

describe.skipIf(dockerSkipReason)(dockerTitle('the TUI shows no control byte and no planted secret'), () => {
	const sandbox = new Sandbox();
	const secrets = uniqueNodeName('secrets');
	const level = uniqueNodeName('level');
	const broken = uniqueNodeName('broken');
	const binary = uniqueNodeName('binary');
	const orphan = uniqueNodeName('orphan');

	beforeAll(async () => {
		await plantAll(sandbox, {secrets, level, broken}, fixtureImage);
		await plantContainer(orphan, fixtureImage);
		// Raw escapes, C1 bytes, NUL, tabs and invalid UTF-8 in a file that does not parse.
		writeFileSync(
			join(sandbox.configDir('user'), `${binary}.yaml`),
			Buffer.concat([Buffer.from(`note: "\u001B]0;pwned\u0007\u001B[2J\u001B[H"\n\tindented: x\u0000y\n bad: [\n`), Buffer.from([0x9b, 0x33, 0x31, 0x6d, 0xff, 0xfe, 0x0a])]),
		);
	}, 120_000);

	afterAll(async () => {
		await removeNodeLeftovers(secrets);
		await removeNodeLeftovers(orphan);
		sandbox.cleanup();
	});

	const noTitleNoBell = (tui: Tui) => {
		expect(tui.titles).toEqual([]);
		expect(tui.bells).toBe(0);
		expect(tui.rawOutput()).not.toContain('pwned\u0007');
		expect(tui.rawOutput()).not.toContain('\u001B]0;');
	};

	it.each([
		['a hostile file name', 'pwned', /▸ tx\s+user\s+! invalid config/, /─ tx \(user\)/],
		['a container with escapes in its labels, env and command', orphan, new RegExp(`▸ ${orphan} \\(no config\\)`), /^evil=xy$/m],
		['an escape in logging.level', level, new RegExp(`▸ ${level}\\s+user\\s+! invalid config`), /'logging\.level' must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL/],
	])('browsing %s through every tab sets no title, rings no bell, keeps the screen', async (_what, filter, row, shown) => {
		const tui = await launchOn(sandbox, filter, row);
		const screens = await everyTab(tui);
		expect(screens.join('\n')).toMatch(shown);
		expect(screens.join('\n')).not.toContain(plantedMarker);
		if (filter !== orphan) {
			// e: the file opens read only (its name is not allowed, or its value is not); the title bar shows its path.
			tui.press('e');
			await tui.waitFor('(read only)');
			noTitleNoBell(tui);
			tui.press('\u001B');
			await tui.waitFor(screen => !screen.includes('(read only)'));
		}

		noTitleNoBell(tui);
		expect(tui.screen().split('\n')[0]).toMatch(/^(vnode-tui {2})?\d+ nodes · /);
		tui.press('q');
		await tui.exited;
	}, slow);

	it('every inspector tab masks the key and the three password forms; v shows them', async () => {
		const tui = await launchOn(sandbox, secrets, new RegExp(`▸ ${secrets}\\s+user\\s+● running`));
		const screens = await everyTab(tui);
		for (const [index, screen] of screens.entries()) {
			expect(screen, `tab ${tabs[index]}`).not.toContain(plantedMarker);
		}

		expect(screens[1]).toContain('api_key: ••••••••');
		expect(screens[1]).toContain('postgresql://reader:••••••••@db.example.org:5432/omop');
		expect(screens[4]).toContain("SITE_DB_C=host=db.example.org password=•••••••• dbname=omop");
		expect(screens[4]).toContain('SITE_DB_B=postgresql://db.example.org/omop?user=reader&password=••••••••&sslmode=require');

		// v (in the detail pane) shows them, on the Config and Env tabs.
		tui.press('[[[[');
		await tui.waitFor('[Config]');
		tui.press('v');
		await tui.waitFor(screen => screen.includes(planted.apiKey) && screen.includes(plantedUris.userinfo) && screen.includes(plantedUris.query) && screen.includes(plantedUris.libpq));
		tui.press(']');
		tui.press(']');
		tui.press(']');
		await tui.waitFor(screen => screen.includes('[Env]') && screen.includes(`SITE_DB_C=${plantedUris.libpq}`));
		tui.press('q');
		await tui.exited;
	}, slow);

	it('the form (e on a valid file) masks the key and the database passwords; v shows them', async () => {
		const tui = await launchOn(sandbox, secrets);
		// The form cuts long values at its column: the starts of the passwords show.
		await editMaskedThenShown(
			tui,
			`Edit ${secrets} (user)`,
			['postgresql://reader:••••••••@db.example.org:5432/omop', 'host=db.example.org password=•••••••• dbname=omop', '&password=•••'],
			[planted.apiKey, plantedUris.libpq, planted.userinfo],
		);
		tui.press('q');
		await tui.exited;
	}, slow);

	it('e on a broken file: the key and passwords masked (v shows them), control bytes shown as ^[ and U+FFFD, nothing left after Esc', async () => {
		const tui = await launchOn(sandbox, broken);
		await editMaskedThenShown(tui, '(read only)', ['api_key: ••••••••', 'uri: postgresql://reader:••••••••@db.example.org:5432/omop', 'password=••••••••&sslmode'], [`api_key: ${planted.apiKey}`, plantedUris.query]);

		await only(tui, binary, new RegExp(`▸ ${binary}\\s`));
		tui.press('e');
		let screen = await tui.waitFor('(read only)');
		expect(screen).toContain('note: "^[]0;pwned^G^[[2J^[[H"');
		expect(screen).toMatch(/^│ {9}indented: x\^@y/m);
		expect(screen).toContain('\uFFFD31m\uFFFD\uFFFD');
		noTitleNoBell(tui);
		tui.press('\u001B');
		screen = await tui.waitFor(text => !text.includes('(read only)'));
		// The frame is whole: header on top, the table title, no leftover of the file.
		expect(screen.split('\n')[0]).toMatch(/^(vnode-tui {2})?\d+ nodes · /);
		expect(screen).toContain('─ Nodes');
		expect(screen).not.toContain('pwned');
		expect(screen).not.toContain('indented: x');
		expect(screen).not.toContain('31m');
		tui.press('q');
		await tui.exited;
	}, slow);
});
