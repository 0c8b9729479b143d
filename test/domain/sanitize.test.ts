import {describe, expect, it} from 'vitest';
import {sanitize, sanitizeLine, sanitizeText, showControls} from '../../source/domain/sanitize.js';
import {expandTabs} from '../../source/domain/tabs.js';
import {mulberry32} from '../helpers/mulberry32.js';

const esc = '\u001B';
const bel = '\u0007';

/** Every C0 control but tab and newline, DEL, and every C1 control. */
const forbidden = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

const random = mulberry32;

const pool = [
	esc,
	`${esc}[`,
	`${esc}]`,
	`${esc}P`,
	`${esc}_`,
	`${esc}^`,
	`${esc}X`,
	`${esc}\\`,
	`${esc}(`,
	`${esc}c`,
	'[',
	']',
	'\\',
	';',
	'0',
	'31',
	'2J',
	'm',
	'H',
	'?25l',
	' ',
	'\t',
	'\n',
	'\r',
	'\b',
	bel,
	'\u0000',
	'\u007F',
	'\u0080',
	'\u0090',
	'\u009B',
	'\u009C',
	'\u009D',
	'\u009F',
	'text',
	'é',
	'日本',
	'🙂',
];

function randomStrings(count: number, seed: number): string[] {
	const next = random(seed);
	return Array.from({length: count}, () => {
		const length = Math.floor(next() * 24);
		return Array.from({length}, () => pool[Math.floor(next() * pool.length)]!).join('');
	});
}

describe('sanitize: untrusted container text', () => {
	it('keeps normal text, tabs, emoji and CJK unchanged', () => {
		const text = 'node alpha\tstarted 🙂 ノード 节点 — ok';
		expect(sanitize(text)).toBe(text);
		expect(sanitize(text, {keepColors: true})).toBe(text);
	});

	it('keeps the newline (callers split lines themselves)', () => {
		expect(sanitize('a\nb')).toBe('a\nb');
	});

	it.each([
		['clear screen', `${esc}[2Jafter`, 'after'],
		['cursor home', `${esc}[Hafter`, 'after'],
		['cursor position', `a${esc}[10;20Hb`, 'ab'],
		['cursor up', `a${esc}[3Ab`, 'ab'],
		['erase line', `a${esc}[Kb`, 'ab'],
		['private mode (hide cursor)', `a${esc}[?25lb`, 'ab'],
		['alternate screen', `a${esc}[?1049hb`, 'ab'],
		['SGR colour', `${esc}[31mred${esc}[0m`, 'red'],
		['256-colour SGR', `${esc}[38;5;200mpink${esc}[0m`, 'pink'],
	])('strips CSI: %s', (_name, input, expected) => {
		expect(sanitize(input)).toBe(expected);
	});

	it.each([
		['window title ended by BEL', `a${esc}]0;pwned${bel}b`, 'ab'],
		['hyperlink ended by ST', `a${esc}]8;;http://x${esc}\\link${esc}]8;;${esc}\\b`, 'alinkb'],
		['OSC ended by 8-bit ST', `a${esc}]0;pwned\u009Cb`, 'ab'],
		['OSC never ended: the rest goes', `a${esc}]0;pwned and more`, 'a'],
		['DCS', `a${esc}Pq#0;2;0;0;0${esc}\\b`, 'ab'],
		['APC', `a${esc}_payload${esc}\\b`, 'ab'],
		['PM', `a${esc}^privacy${esc}\\b`, 'ab'],
		['SOS', `a${esc}Xstring${esc}\\b`, 'ab'],
	])('strips string sequences: %s', (_name, input, expected) => {
		expect(sanitize(input)).toBe(expected);
	});

	it.each([
		['8-bit CSI colour', 'a\u009B31mb', 'ab'],
		['8-bit CSI clear screen', 'a\u009B2Jb', 'ab'],
		['8-bit OSC ended by BEL', `a\u009D0;pwned${bel}b`, 'ab'],
		['8-bit OSC ended by 8-bit ST', 'a\u009D0;pwned\u009Cb', 'ab'],
		['8-bit DCS', 'a\u0090data\u009Cb', 'ab'],
		['8-bit APC', 'a\u009Fdata\u009Cb', 'ab'],
		['8-bit PM', 'a\u009Edata\u009Cb', 'ab'],
		['lone C1 controls', 'a\u0080\u0085\u008Db', 'ab'],
	])('strips 8-bit C1 controls: %s', (_name, input, expected) => {
		expect(sanitize(input)).toBe(expected);
	});

	it.each([
		['reset (RIS)', `a${esc}cb`, 'ab'],
		['charset G0 line drawing', `a${esc}(0b`, 'ab'],
		['charset G1', `a${esc})Bb`, 'ab'],
		['keypad mode', `a${esc}=b${esc}>`, 'ab'],
		['save/restore cursor', `a${esc}7b${esc}8`, 'ab'],
		['DEC line attributes', `a${esc}#8b`, 'ab'],
		['lone ESC at the end', `ab${esc}`, 'ab'],
		['ESC ESC', `a${esc}${esc}[2Jb`, 'ab'],
	])('strips bare ESC sequences: %s', (_name, input, expected) => {
		expect(sanitize(input)).toBe(expected);
	});

	it.each([
		['BEL', `a${bel}b`],
		['backspace', 'a\bb'],
		['carriage return', 'a\rb'],
		['DEL', 'a\u007Fb'],
		['NUL', 'a\u0000b'],
		['vertical tab and form feed', 'a\u000B\u000Cb'],
		['shift out/in', 'a\u000E\u000Fb'],
	])('strips C0 controls and DEL: %s', (_name, input) => {
		expect(sanitize(input)).toBe('ab');
	});

	it('a malformed CSI leaves only printable text behind', () => {
		expect(sanitize(`a${esc}[2${bel}Jb`)).toBe('a2Jb');
	});

	it('an unterminated string sequence followed by ESC leaves only printable text', () => {
		expect(sanitize(`${esc}]0;title${esc}[31mX`)).toBe('0;titleX');
	});

	describe('keepColors', () => {
		it.each([
			[`${esc}[31mred${esc}[0m`],
			[`${esc}[38;5;200mpink${esc}[m`],
			[`${esc}[1;4;38:2:255:0:0mbold${esc}[0m`],
		])('keeps SGR %j', input => {
			expect(sanitize(input, {keepColors: true})).toBe(input);
		});

		it('turns 8-bit SGR into 7-bit SGR', () => {
			expect(sanitize('\u009B31mred\u009B0m', {keepColors: true})).toBe(`${esc}[31mred${esc}[0m`);
		});

		it('still strips every non-SGR sequence and control', () => {
			const input = [
				`${esc}[31m`,
				`${esc}[2J`,
				`${esc}[H`,
				`${esc}]0;pwned${bel}`,
				`${esc}]8;;http://x${esc}\\`,
				`${esc}Pdcs${esc}\\`,
				`${esc}_apc${esc}\\`,
				`${esc}^pm${esc}\\`,
				'\u009B2J',
				`\u009D0;pwned${bel}`,
				`${esc}c`,
				`${esc}(0`,
				`${esc}[?25l`,
				'red',
				'\r\b\u007F\u0000',
				bel,
				`${esc}[0m`,
			].join('');
			expect(sanitize(input, {keepColors: true})).toBe(`${esc}[31mred${esc}[0m`);
		});

		it('drops CSI sequences ending in m that are not SGR', () => {
			expect(sanitize(`a${esc}[?1mb${esc}[31 mc`, {keepColors: true})).toBe('abc');
		});
	});

	describe('random strings from dangerous bytes and text', () => {
		const inputs = randomStrings(4000, 6);

		it('default: no C0 (but tab and newline), DEL or C1 control survives', () => {
			for (const input of inputs) {
				const output = sanitize(input);
				expect(forbidden.test(output), JSON.stringify({input, output})).toBe(false);
			}
		});

		it('keepColors: nothing but complete 7-bit SGR codes carries a control', () => {
			for (const input of inputs) {
				const output = sanitize(input, {keepColors: true});
				const withoutSgr = output.replaceAll(/\u001B\[[\d;:]*m/g, '');
				expect(forbidden.test(withoutSgr), JSON.stringify({input, output})).toBe(false);
			}
		});

		it('sanitizing twice changes nothing', () => {
			for (const input of inputs) {
				const once = sanitize(input);
				expect(sanitize(once), JSON.stringify(input)).toBe(once);
			}
		});

		it('the generator really produces dangerous input', () => {
			expect(inputs.filter(input => forbidden.test(input)).length).toBeGreaterThan(3000);
		});
	});
});

describe('expandTabs', () => {
	it('returns text without tabs as is', () => {
		expect(expandTabs('no tabs here')).toBe('no tabs here');
	});

	it('pads to the next multiple of 4 by default', () => {
		expect(expandTabs('\tx')).toBe('    x');
		expect(expandTabs('a\tb')).toBe('a   b');
		expect(expandTabs('abc\td')).toBe('abc d');
		expect(expandTabs('abcd\te')).toBe('abcd    e');
		expect(expandTabs('a\t\tb')).toBe('a       b');
	});

	it('takes another width', () => {
		expect(expandTabs('ab\tc', 8)).toBe('ab      c');
		expect(expandTabs('a\tb', 2)).toBe('a b');
	});

	// Regression (fixed): expandTabs counts one column per code point, but CJK and emoji take two
	// terminal columns, so text after a tab lands one column late. Expected '日'
	// (2 columns) + 2 spaces to reach column 4.
	it('pads by display width after a wide character', () => {
		expect(expandTabs('日\tx')).toBe('日  x');
	});
});

describe('sanitizeLine and showControls', () => {
	it('sanitizeLine leaves one line: no escape sequence, no line break, no tab', () => {
		expect(sanitizeLine(`x${esc}]0;pwned${bel}\ny\tz\r\u202E`)).toBe('x y z ');
	});

	it('sanitizeLine keeps colours when asked', () => {
		expect(sanitizeLine(`${esc}[31mred${esc}[0m${esc}[2J`, {keepColors: true})).toBe(`${esc}[31mred${esc}[0m`);
	});

	it('showControls makes every control byte visible instead of acting on it', () => {
		expect(showControls(`a${esc}]0;t${bel}b\u0000\u007F\u009Bc\u202Ed\te`)).toBe('a^[]0;t^Gb^@^?\uFFFDc\uFFFDd\te');
		expect(forbidden.test(showControls(`${esc}[2J\u0090\u009C`))).toBe(false);
	});

	it('sanitizeText keeps newlines and tabs, drops the rest', () => {
		expect(sanitizeText(`a${esc}]0;t${bel}\n\tb\u202E`)).toBe('a\n\tb ');
	});
});
