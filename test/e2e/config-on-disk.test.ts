/**
 * The built TUI in a pty, with the Docker engine unreachable: the configs are
 * listed under the engine banner, and a form whose field changed on disk
 * meanwhile asks before it saves.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {commentedConfigYaml} from '../helpers/fixture-configs.js';
import {launchTui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';
import {focus, focusedLine} from '../helpers/tui-form.js';

describe('config files in the TUI with no engine', () => {
	const sandbox = new Sandbox();
	const name = uniqueNodeName('disk');
	const other = uniqueNodeName('other');
	afterAll(() => sandbox.cleanup());

	it('lists the configs under the engine banner; a field changed on disk and in the form is asked about, Esc writes nothing, o saves yours and keeps their other change', async () => {
		const path = sandbox.writeConfig(name, 'user', commentedConfigYaml);
		sandbox.writeConfig(other, 'user', commentedConfigYaml);
		const tui = launchTui({cols: 110, rows: 34, env: {...sandbox.env, DOCKER_HOST: `unix://${join(sandbox.root, 'no-docker.sock')}`}});
		await tui.waitFor(screen => screen.includes('Docker unreachable') && screen.includes(name) && screen.includes(other));
		await focus(tui, name);

		tui.press('e');
		await tui.waitFor(`Edit ${name} (user)`);
		await focus(tui, /Log level/);
		tui.press(' ');
		await tui.waitFor('‹ WARNING ›');
		const theirs = commentedConfigYaml.replace('level: INFO', 'level: ERROR').replace('task_dir: /tmp/tasks', 'task_dir: /srv/theirs');
		writeFileSync(path, theirs);
		await focus(tui, /\[ Save \]/);
		tui.press('\r');
		await tui.waitFor('o saves yours over theirs');
		expect(tui.screen()).toContain('Log level: changed in');
		tui.press('\u001B');
		await tui.waitFor('Not saved; the form still has your values.');
		expect(readFileSync(path, 'utf8')).toBe(theirs);
		tui.press('\r');
		await tui.waitFor('o saves yours over theirs');
		tui.press('o');
		await tui.waitFor('Saved 1 change');
		expect(parse(readFileSync(path, 'utf8'))).toMatchObject({logging: {level: 'WARNING'}, task_dir: '/srv/theirs'});
		tui.press('q');
		expect((await tui.exited).exitCode).toBe(0);
	}, 60_000);
});
