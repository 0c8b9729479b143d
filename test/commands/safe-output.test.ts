import {describe, expect, it} from 'vitest';
import {jsonText, safeOutput} from '../../source/commands/commands.js';
import {maskText} from '../../source/domain/mask.js';

const capture = () => {
	const lines: Array<[string, string]> = [];
	return {lines, io: safeOutput({out: text => lines.push(['out', text]), err: text => lines.push(['err', text])})};
};

describe('safeOutput: the one door of the commands to the terminal', () => {
	it('out and err drop control sequences and mask passwords, keeping lines and tabs', () => {
		const {lines, io} = capture();
		io.out('name\u001B]0;pwned\u0007\tx\nnext\u009B2J line');
		io.err('error: cannot reach postgresql://u:pw-1@h/db - host=h password=pw-2');
		expect(lines).toEqual([
			['out', 'name\tx\nnext line'],
			['err', `error: cannot reach postgresql://u:${maskText}@h/db - host=h password=${maskText}`],
		]);
	});

	it('json masks every string, and escapes what JSON.stringify leaves raw (C1, line separators, direction overrides)', () => {
		const {lines, io} = capture();
		const value = {name: 'a\u009B2Jb\u2028c\u202Ed\u001B', uri: 'x?password=pw-3'};
		io.json(value);
		const [[stream, text]] = lines as [[string, string]];
		expect(stream).toBe('out');
		expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202E]/u);
		expect(JSON.parse(text)).toEqual({name: value.name, uri: `x?password=${maskText}`});
		expect(jsonText('\u0085')).toBe(String.raw`"\u0085"`);
	});
});
