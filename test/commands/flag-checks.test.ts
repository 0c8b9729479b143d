/** An empty command line is parsed without meow: it must come out exactly as meow's. */
import meow, {type AnyFlags} from 'meow';
import {describe, expect, it} from 'vitest';
import {defaultsOnly} from '../../source/commands/flag-checks.js';

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
