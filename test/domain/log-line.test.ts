import {describe, expect, it} from 'vitest';
import {logLineText} from '../../source/domain/log-line.js';

describe('logLineText', () => {
	it.each([
		['api_key: k-123456secret', 'k-123456secret'],
		['connecting to postgresql://u:hunter2@h/db?password=hunter3', 'hunter2'],
		['connecting to postgresql://u:hunter2@h/db?password=hunter3', 'hunter3'],
		['dsn host=db password=hunter4 dbname=a', 'hunter4'],
		['{"password": "hunter5", "user": "a"}', 'hunter5'],
		['2026-01-01 INFO  Authorization: Bearer abc.def.ghi', 'abc.def.ghi'],
		['DB_PASSWORD=hunter6 starting', 'hunter6'],
		['\u001B]0;title\u0007token: t0k3n', 't0k3n'],
	])('masks the secret of %j', (line, secret) => {
		const shown = logLineText(line);
		expect(shown).not.toContain(secret);
		expect(shown).toContain('••••••••');
	});

	it('leaves lines without a secret as they are, colours kept on request, controls removed', () => {
		expect(logLineText('Node connected to server, 3 tasks waiting')).toBe('Node connected to server, 3 tasks waiting');
		expect(logLineText('\u001B[32mok\u001B[0m \u0007done', {keepColors: true})).toBe('\u001B[32mok\u001B[0m done');
		expect(logLineText('private_key: /mnt/private_key.pem')).toBe('private_key: /mnt/private_key.pem');
		expect(logLineText('key events: 3 keys rotated')).toBe('key events: 3 keys rotated');
	});

	it('stays fast on a long hostile line', () => {
		const line = 'password: '.repeat(20_000) + 'a://'.repeat(20_000);
		const started = performance.now();
		logLineText(line);
		expect(performance.now() - started).toBeLessThan(2000);
	});
});
