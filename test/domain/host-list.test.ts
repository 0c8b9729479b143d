import {describe, expect, it} from 'vitest';
import {hostsFromFlag} from '../../source/domain/host-list.js';
import {hostsFromText} from '../../source/config/hosts-file.js';

describe('the hosts of a fleet', () => {
	it('--hosts: contexts, ssh aliases, addresses (named by their host) and local', () => {
		expect(hostsFromFlag('pi-1, vt@pi-2,ssh://vt@10.0.0.5:2222,local')).toEqual({
			from: '--hosts',
			hosts: [
				{name: 'pi-1', engine: 'pi-1'},
				{name: 'vt@pi-2', engine: 'vt@pi-2'},
				{name: '10.0.0.5', engine: 'ssh://vt@10.0.0.5:2222'},
				{name: 'local', engine: 'local'},
			],
		});
	});

	it.each([
		['pi-1,,pi-2', /an empty name/],
		['pi-1,pi-1', /two hosts are named "pi-1"/],
		['-x', /"-x" is not a host name/],
		// The escape is shown (not acted on, not dropped): it is why the name is refused.
		['a\u001B[2Jb', /"a\^\[\[2Jb" is not a host name/],
		[Array.from({length: 65}, (_, index) => `h${index}`).join(','), /65 hosts; at most 64/],
	])('--hosts %j is refused with a message', (value, message) => {
		const choice = hostsFromFlag(value);
		expect(choice && 'problem' in choice ? choice.problem : undefined).toMatch(message);
		expect(choice && 'problem' in choice ? choice.problem : '').not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
	});

	it('hosts.yaml: name and engine per host; engine defaults to the name', () => {
		expect(hostsFromText('hosts:\n  - {name: pi-1, engine: "ssh://vt@pi-1"}\n  - name: vps\n', '/h.yaml')).toEqual({
			from: '/h.yaml',
			hosts: [
				{name: 'pi-1', engine: 'ssh://vt@pi-1'},
				{name: 'vps', engine: 'vps'},
			],
		});
	});

	it.each([
		['hosts: [', /not valid YAML/],
		['- a\n- b\n', /expected 'hosts:' with a list/],
		['hosts: []', /expected 'hosts:' with a list/],
		['hosts: [{engine: local}]', /host 1 needs a name/],
		['hosts: [{name: a, engine: 5}]', /host 1 needs a name/],
		['hosts: [{name: "a b"}]', /"a b" is not a host name/],
		['hosts: [{name: a, engine: "ssh://x\\ny"}]', /the engine of "a" is not/],
	])('a hosts file %j is a message, never a crash', (text, message) => {
		const choice = hostsFromText(text, '/h.yaml');
		expect(choice && 'problem' in choice ? choice.problem : undefined).toMatch(message);
	});
});
