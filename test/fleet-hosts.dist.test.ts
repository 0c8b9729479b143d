/**
 * The built binary's choice of hosts, no engine needed: a hosts file that is not
 * valid is a clear message and exit 2 (never a crash), and a command other than
 * `list` refuses a fleet, naming the hosts and how to pick one.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {Sandbox} from './helpers/sandbox.js';

describe('hosts of a fleet, from the command line and the hosts file', () => {
	let sandbox: Sandbox;
	const hostsFile = (text: string) => {
		const dir = join(sandbox.root, 'home', '.config', 'vnode-tui');
		mkdirSync(dir, {recursive: true});
		writeFileSync(join(dir, 'hosts.yaml'), text);
		return join(dir, 'hosts.yaml');
	};

	beforeEach(() => {
		sandbox = new Sandbox({DOCKER_HOST: '', DOCKER_CONTEXT: ''});
	});

	afterEach(() => {
		sandbox.cleanup();
	});

	it('a hosts file that is not valid: the message names the file and what is wrong; exit 2', async () => {
		const path = hostsFile('hosts:\n  - {name: "pi 1"}\n');
		const result = await sandbox.run(['list']);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(`error: ${path}: "pi 1" is not a host name: a host name is 1-64 letters, digits, _ . @ + - (starting with a letter or digit).\n`);
	});

	it('--hosts with two hosts: stop refuses, naming them and --hosts NAME; --context with --hosts is refused', async () => {
		const stop = await sandbox.run(['stop', 'alpha', '--hosts', 'local,tcp://127.0.0.1:1']);
		expect(stop.code).toBe(2);
		expect(stop.stderr).toContain(`'stop' acts on one host; name it with --hosts NAME (--hosts lists local, 127.0.0.1)`);
		const both = await sandbox.run(['list', '--hosts', 'a,b', '--context', 'ctx']);
		expect(both.code).toBe(2);
		expect(both.stderr).toContain('--hosts and --context both name engines; give one.');
	});
});
