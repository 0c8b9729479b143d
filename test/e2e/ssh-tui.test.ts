/**
 * The TUI over ssh:// as an operator uses it against another host (the SSH rig: test/helpers/ssh-rig.ts):
 * create a node through the form, its config written in the SSH user's home there; start it on the second
 * engine; the spec check is clean and the log shows its lines; stop it.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {dockerRequired, dockerSkipReason, fixtureImage} from '../helpers/docker.js';
import {launchTui, type Tui} from '../helpers/pty.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';
import {SshRig, sshRigSkipReason} from '../helpers/ssh-rig.js';
import {focus, focusedLine} from '../helpers/tui-form.js';

const skipReason = dockerSkipReason ?? sshRigSkipReason();
if (skipReason && dockerRequired) {
	throw new Error(`VNODE_REQUIRE_DOCKER=1 but ${skipReason}`);
}

async function type(tui: Tui, text: string): Promise<void> {
	tui.press('\r');
	await tui.waitFor(screen => focusedLine(screen).includes('█'));
	tui.press('\u0015');
	tui.press(`${text}\r`);
	await tui.waitFor(screen => !focusedLine(screen).includes('█'));
}

describe.skipIf(skipReason !== undefined)(skipReason ? `the TUI on an ssh:// host [skipped: ${skipReason}]` : 'the TUI on an ssh:// host', () => {
	const rig = new SshRig();
	const sandbox = new Sandbox({SSH_AUTH_SOCK: ''});
	let env: Record<string, string>;

	beforeAll(async () => {
		await rig.start(['127.0.0.2']);
		env = {...sandbox.env, DOCKER_HOST: `ssh://${rig.user}@127.0.0.2:${rig.hosts.get('127.0.0.2')!.port}`};
		rig.writeClient(join(sandbox.root, 'home'));
	}, 180_000);

	afterAll(async () => {
		await rig.stop();
		sandbox.cleanup();
	}, 60_000);

	it('create in the form (written on the remote), start on its engine, spec check clean, its log lines, stop', async () => {
		// A name of its own for each attempt: a retry must not find the first attempt's config.
		const name = uniqueNodeName('sshtui');
		const path = join(rig.remoteHome, '.config', 'vantage6', 'node', `${name}.yaml`);
		const tui = launchTui({cols: 110, rows: 34, env});
		try {
			await tui.waitFor(/\d+ nodes? ·/, {timeout: 20_000});
			tui.press('n');
			await tui.waitFor('New node config');
			await type(tui, name);
			await focus(tui, /API key/);
			await type(tui, 'e2e-api-key-42');
			await focus(tui, /Node image/);
			await type(tui, fixtureImage);
			await focus(tui, /\[ Create \]/);
			tui.press('\r');
			await tui.waitFor(screen => screen.includes(`▸ ${name}`) && screen.includes('not created'), {timeout: 20_000});
			expect(existsSync(join(sandbox.configDir('user'), `${name}.yaml`))).toBe(false);
			expect(statSync(path).uid).toBe(Number(execFileSync('id', ['-u', rig.user], {encoding: 'utf8'}).trim()));
			expect(parse(readFileSync(path, 'utf8'))).toMatchObject({api_key: 'e2e-api-key-42', images: {node: fixtureImage}});

			tui.press('s');
			const ourRow = (screen: string) => screen.split('\n').find(line => line.startsWith(`▸ ${name} `)) ?? '';
			await tui.waitFor(screen => ourRow(screen).includes('● running') && /Matches v6 node start on all \d+ fields/.test(screen), {timeout: 30_000});
			tui.press('l');
			await tui.waitFor(new RegExp(`Starting node ${name} \\(fixture`), {timeout: 15_000});
			expect(rig.docker(['inspect', '--format', '{{.State.Running}}', `vantage6-${name}-user`]).trim()).toBe('true');

			tui.press('x');
			await tui.waitFor(`Stop ${name} (user)?`);
			tui.press('y');
			await tui.waitFor(screen => screen.includes(`▸ ${name}`) && screen.includes('not created'), {timeout: 30_000});
		} finally {
			tui.kill();
		}
	}, 150_000);
});
