import {existsSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {sshSettings} from '../../source/docker/ssh-settings.js';

const home = '/home/op';
const config = `
Host pi-*
  User pi
  IdentityFile ~/.ssh/pi_key

Host pi-1
  HostName 10.0.0.5
  Port 2222
  UserKnownHostsFile ~/.ssh/lab_known_hosts
  ConnectTimeout 3

Match exec "touch /tmp/vnode-should-not-exist"
  User nobody

Host *
  IdentityFile ~/.ssh/id_%u_%h
`;

describe('sshSettings (~/.ssh/config through the ssh-config library)', () => {
	it('an alias: HostName, User, Port, IdentityFile in order, UserKnownHostsFile, ConnectTimeout', () => {
		expect(sshSettings(config, {host: 'pi-1'}, home, 'op')).toEqual({
			alias: 'pi-1',
			hostName: '10.0.0.5',
			user: 'pi',
			port: 2222,
			identityFiles: ['/home/op/.ssh/pi_key', '/home/op/.ssh/id_op_10.0.0.5'],
			identitiesFromConfig: true,
			knownHostsFiles: ['/home/op/.ssh/lab_known_hosts', '/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
			connectTimeoutMs: 3000,
		});
	});

	it('what the address says (ssh://user@host:port) beats the config, as `ssh -l user -p port` does', () => {
		expect(sshSettings(config, {host: 'pi-1', user: 'admin', port: 22}, home, 'op')).toMatchObject({hostName: '10.0.0.5', user: 'admin', port: 22});
	});

	it('no config: the host as given, the local user, port 22, the default keys and known_hosts', () => {
		expect(sshSettings(undefined, {host: 'vps'}, home, 'op')).toMatchObject({
			hostName: 'vps',
			user: 'op',
			port: 22,
			identitiesFromConfig: false,
			knownHostsFiles: ['/home/op/.ssh/known_hosts', '/home/op/.ssh/known_hosts2', '/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
		});
	});

	it('runs no Match exec command', () => {
		sshSettings(config, {host: 'other'}, home, 'op');
		expect(existsSync('/tmp/vnode-should-not-exist')).toBe(false);
	});

	it('IdentityAgent: a path (with ~, %u and ${VAR}), none, SSH_AUTH_SOCK; unset, SSH_AUTH_SOCK is the agent', () => {
		const agentOf = (setting: string | undefined, env: Record<string, string>) =>
			sshSettings(setting === undefined ? 'Host h\n  User u\n' : `Host h\n  IdentityAgent ${setting}\n`, {host: 'h'}, home, 'op', env).agent;
		const env = {SSH_AUTH_SOCK: '/run/agent.sock', XDG_RUNTIME_DIR: '/run/user/1000'};
		expect(agentOf(undefined, env)).toBe('/run/agent.sock');
		expect(agentOf(undefined, {})).toBeUndefined();
		expect(agentOf('none', env)).toBeUndefined();
		expect(agentOf('NONE', env)).toBeUndefined();
		expect(agentOf('SSH_AUTH_SOCK', env)).toBe('/run/agent.sock');
		expect(agentOf('~/.1password/agent.sock', env)).toBe('/home/op/.1password/agent.sock');
		expect(agentOf('/tmp/agent-%u.sock', env)).toBe('/tmp/agent-op.sock');
		expect(agentOf('"${XDG_RUNTIME_DIR}/ssh-agent.socket"', env)).toBe('/run/user/1000/ssh-agent.socket');
		expect(agentOf('$XDG_RUNTIME_DIR', env)).toBe('/run/user/1000');
		// A variable that is not set leaves no agent (not a half-expanded path).
		expect(agentOf('${NOT_SET}/agent.sock', env)).toBeUndefined();
	});
});
