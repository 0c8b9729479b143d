/** An empty command line is parsed without meow: it must come out exactly as meow's; a flag given twice is refused. */
import meow, {type AnyFlags} from 'meow';
import {describe, expect, it} from 'vitest';
import {defaultsOnly, repeatedFlagProblem} from '../../source/commands/flag-checks.js';

const flags: AnyFlags = {
	system: {type: 'boolean', default: false},
	configDir: {type: 'string'},
	image: {type: 'string', shortFlag: 'i'},
	pull: {type: 'string', choices: ['missing', 'always', 'never']},
	follow: {type: 'boolean', shortFlag: 'f', default: false},
	logLines: {type: 'number', default: 10_000},
	logColors: {type: 'boolean', default: true},
	port: {type: 'number'},
	db: {type: 'string', isMultiple: true},
	tags: {type: 'string', isMultiple: true, default: ['a']},
};

describe('defaultsOnly: an empty command line', () => {
	it('gives the flags and input meow gives for it', () => {
		const options = {importMeta: import.meta, argv: [], pkg: {name: 'vnode-tui', version: '1'}, flags, allowUnknownFlags: true};
		const fromMeow = meow('help', options);
		const fast = defaultsOnly('help', options);
		expect(fast.input).toEqual(fromMeow.input);
		expect(fast.flags).toEqual(fromMeow.flags);
	});

	it('gives nothing for a flag without a default', () => {
		const fast = defaultsOnly('help', {importMeta: import.meta, argv: [], flags});
		expect(fast.flags).not.toHaveProperty('configDir');
		expect(fast.flags['logLines']).toBe(10_000);
		expect(fast.flags['db']).toEqual([]);
	});
});

describe('repeatedFlagProblem: a flag that takes one value, given twice', () => {
	it('refuses a repeated boolean in every spelling: --flag, --no-flag, --flag=value, the short flag, joined short flags', () => {
		expect(repeatedFlagProblem(flags, ['list', '--system', '--system'])).toBe('--system is given 2 times: give it once');
		expect(repeatedFlagProblem(flags, ['logs', 'x', '--follow', '--no-follow'])).toMatch(/^--follow is given 2 times/);
		expect(repeatedFlagProblem(flags, ['logs', 'x', '-f', '--follow=true'])).toMatch(/^--follow is given 2 times/);
		expect(repeatedFlagProblem(flags, ['logs', 'x', '-ff'])).toMatch(/^--follow is given 2 times/);
		expect(repeatedFlagProblem(flags, ['--log-colors', '--no-log-colors'])).toBe('--log-colors is given 2 times: give it once');
		expect(repeatedFlagProblem(flags, ['--logColors', '--log-colors'])).toMatch(/^--log-colors is given 2 times/);
		expect(repeatedFlagProblem(flags, ['start', 'x', '-i', 'a', '--image=b'])).toMatch(/^--image is given 2 times/);
	});

	it('lets a flag given once pass, a multiple flag repeat, and reads a value or what follows -- as no flag', () => {
		expect(repeatedFlagProblem(flags, ['list', '--system'])).toBeUndefined();
		expect(repeatedFlagProblem(flags, ['new', 'x', '--db', 'a', '--db', 'b', '--tags', 'c', '--tags', 'd'])).toBeUndefined();
		// The value of --config-dir is '--system', not the flag; after -- nothing is a flag.
		expect(repeatedFlagProblem(flags, ['list', '--system', '--config-dir', '--system'])).toBeUndefined();
		expect(repeatedFlagProblem(flags, ['exec', 'x', '--system', '--', '--system'])).toBeUndefined();
		// -i takes the rest of the word as its value: -ifi is the image 'fi', not -f.
		expect(repeatedFlagProblem(flags, ['start', 'x', '-ifi', '--follow'])).toBeUndefined();
		expect(repeatedFlagProblem(flags, ['list', '--bogus', '--bogus'])).toBeUndefined();
		expect(repeatedFlagProblem(flags, [])).toBeUndefined();
	});
});
