/**
 * The terminal going away (an SSH connection dropping: the pty master closes)
 * ends the built TUI quietly with 129: no crash report, no abort in Node's
 * terminal restore at exit, no core file.
 */
import {readdirSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {validConfig} from '../helpers/fixture-configs.js';
import {launchTui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

let sandbox: Sandbox | undefined;

afterEach(() => {
	sandbox?.cleanup();
	sandbox = undefined;
});

describe('the terminal hangs up', () => {
	it.each([1, 2, 3])('closing the pty master makes it exit 129, not crash (run %i)', async () => {
		sandbox = new Sandbox();
		const name = uniqueNodeName('hup');
		sandbox.writeConfig(name, 'user', validConfig());
		const tui = launchTui({env: sandbox.env, cwd: sandbox.root});
		await tui.waitFor(name);
		tui.press('?');
		await tui.waitFor('Keys (Esc or ? closes)');
		tui.hangUp();
		const exit = await tui.exited;
		expect(exit).toEqual({exitCode: 129, signal: undefined});
		expect(readdirSync(sandbox.root).filter(file => file.startsWith('core'))).toEqual([]);
	}, 30_000);
});
