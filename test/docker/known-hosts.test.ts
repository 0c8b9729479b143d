import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {checkHostKey, fingerprint, hostMatches, keyType, knownHostName, knownKeyTypes} from '../../source/docker/known-hosts.js';

const dir = mkdtempSync(join(tmpdir(), 'vnode-kh-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** A fresh ed25519 key made by ssh-keygen: its `type base64` line and its fingerprint as ssh-keygen prints it. */
function newKey(name: string): {line: string; blob: Buffer; printed: string} {
	const path = join(dir, name);
	execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path]);
	const line = readFileSync(`${path}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
	const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${path}.pub`], {encoding: 'utf8'}).split(/\s+/)[1]!;
	return {line, blob: Buffer.from(line.split(' ')[1]!, 'base64'), printed};
}

describe('known_hosts', () => {
	const key = newKey('a');
	const other = newKey('b');

	it('fingerprints and types a key blob as ssh-keygen does', () => {
		expect(fingerprint(key.blob)).toBe(key.printed);
		expect(keyType(key.blob)).toBe('ssh-ed25519');
		expect(keyType(Buffer.from([0, 0]))).toBe('unknown');
	});

	it('looks a host up as `host` on port 22 and `[host]:port` otherwise', () => {
		expect(knownHostName('pi-1', 22)).toBe('pi-1');
		expect(knownHostName('127.0.0.2', 2222)).toBe('[127.0.0.2]:2222');
	});

	it('known, unknown, changed, revoked', () => {
		const files = [{path: '/kh', text: `# comment\n\npi-1,10.0.0.5 ${key.line}\n`}];
		expect(checkHostKey(files, 'pi-1', key.blob)).toEqual({status: 'known'});
		expect(checkHostKey(files, '10.0.0.5', key.blob)).toEqual({status: 'known'});
		expect(checkHostKey(files, 'pi-2', key.blob)).toEqual({status: 'unknown'});
		expect(checkHostKey(files, 'pi-1', other.blob)).toEqual({status: 'changed', where: '/kh:3'});
		expect(checkHostKey([...files, {path: '/etc/kh', text: `@revoked * ${key.line}\n`}], 'pi-1', key.blob)).toEqual({status: 'revoked', where: '/etc/kh:1'});
		expect(knownKeyTypes(files, 'pi-1')).toEqual(['ssh-ed25519']);
	});

	it('hashed entries written by ssh-keygen -H match, for [host]:port too', () => {
		const path = join(dir, 'known_hosts');
		writeFileSync(path, `pi-1 ${key.line}\n[127.0.0.2]:2222 ${other.line}\n`);
		execFileSync('ssh-keygen', ['-H', '-f', path], {stdio: 'ignore'});
		const text = readFileSync(path, 'utf8');
		expect(text).not.toContain('pi-1');
		const files = [{path, text}];
		expect(checkHostKey(files, 'pi-1', key.blob)).toEqual({status: 'known'});
		expect(checkHostKey(files, '[127.0.0.2]:2222', other.blob)).toEqual({status: 'known'});
		expect(checkHostKey(files, '[127.0.0.2]:2222', key.blob)).toMatchObject({status: 'changed'});
		expect(checkHostKey(files, '127.0.0.2', other.blob)).toEqual({status: 'unknown'});
	});

	it('wildcards and negations as OpenSSH reads them', () => {
		expect(hostMatches('*.lab,!bad.lab', 'pi.lab')).toBe(true);
		expect(hostMatches('*.lab,!bad.lab', 'bad.lab')).toBe(false);
		expect(hostMatches('pi-?', 'pi-1')).toBe(true);
		expect(hostMatches('pi-?', 'pi-10')).toBe(false);
		expect(hostMatches('[pi]:2222', '[pi]:2222')).toBe(true);
		expect(hostMatches('|1|bad', 'pi')).toBe(false);
	});
});
