/**
 * The command line checked before anything runs: meow's own errors (a choice
 * not offered, a flag given twice), unknown flags, and the values meow cannot
 * check (exclusive scopes, bounds, image references, VNODE_VERIFY_SECONDS).
 * A problem is one sanitized line on stderr and exit 2, never a stack trace.
 */
import process from 'node:process';
import type {AnyFlags, Options, Result} from 'meow';
import {imageReferenceProblem} from '../domain/field-checks.js';
import {sanitizeLine} from '../domain/sanitize.js';
import {contextNameProblem} from '../docker/engine-target.js';
import {readOnlyEnv} from '../config/settings.js';

/** `--log-lines`: at least a screen of lines, at most what stays a few hundred MB. */
export const logLinesRange = {min: 100, max: 1_000_000} as const;
/** VNODE_VERIFY_SECONDS: how long `start` watches a new container (0 = not at all). */
export const verifySecondsMax = 600;
/** Longest piece of a bad value quoted back. */
const quoteLength = 80;

/** A problem with the command line; `vnode-tui: <message>` and exit 2. */
export class UsageError extends Error {}

/**
 * meow, with every usage problem turned into one line and exit 2 (meow itself
 * prints an unknown flag raw and throws on a bad choice). A bare `vnode-tui`
 * (the UI) has nothing to parse: its flags are the defaults, and meow (with
 * its dependencies, ~40 ms of start-up) is not loaded at all.
 */
export async function parseCommandLine<F extends AnyFlags>(help: string, options: Options<F>, env: Readonly<Record<string, string | undefined>>): Promise<Result<F>> {
	try {
		const cli = (options.argv ?? []).length === 0 ? defaultsOnly(help, options) : (await import('meow')).default(help, {...options, allowUnknownFlags: true});
		const problem = repeatedFlagProblem(options.flags ?? {}, options.argv ?? []) ?? unknownFlagProblem(cli.flags, options.flags ?? {}, options.argv ?? []) ?? flagValueProblem(cli.flags, env);
		if (problem) {
			throw new UsageError(problem);
		}

		return cli;
	} catch (error) {
		process.stderr.write(`${usageLine(error instanceof Error ? error.message : String(error))}\n`);
		process.exit(2);
	}
}

/** What meow returns for an empty command line: no input, each flag its default (a multiple flag without one: []). */
export function defaultsOnly<F extends AnyFlags>(help: string, options: Options<F>): Result<F> {
	const flags: Record<string, unknown> = {};
	for (const [name, flag] of Object.entries(options.flags ?? {})) {
		if ('default' in flag && flag.default !== undefined) {
			flags[name] = flag.default;
		} else if (flag.isMultiple) {
			flags[name] = [];
		}
	}

	const unavailable = () => {
		throw new Error('vnode-tui: --help and --version are handled by meow, which an empty command line does not load');
	};

	return {input: [], flags, unnormalizedFlags: {...flags}, pkg: options.pkg ?? {}, help, showHelp: unavailable, showVersion: unavailable} as unknown as Result<F>;
}

/** One line, no control characters, a long value cut. */
export function usageLine(problem: string): string {
	const line = sanitizeLine(problem.split('\n').join(' ')).slice(0, 400).replace(/\.$/, '');
	return `vnode-tui: ${line}; see vnode-tui --help`;
}

/** A flag meow was not told about, as the user spelled it. */
export function unknownFlagProblem(parsed: Record<string, unknown>, known: AnyFlags, argv: readonly string[]): string | undefined {
	const names = new Set(['help', 'version']);
	for (const [key, flag] of Object.entries(known)) {
		names.add(key);
		if (flag.shortFlag) {
			names.add(flag.shortFlag);
		}
	}

	const unknown = Object.keys(parsed).find(key => !names.has(key));
	if (unknown === undefined) {
		return undefined;
	}

	const kebab = unknown.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
	const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
	const spelled = argv.slice(0, end).find(arg => arg.startsWith('-') && arg.replace(/^--?(?:no-)?/, '').split('=')[0] === kebab);
	return `unknown flag ${quote(spelled ?? (kebab.length === 1 ? `-${kebab}` : `--${kebab}`))}`;
}

/**
 * A flag given more than once that takes one value (`--system --system`, `--no-stream --stream`, `-y --yes`):
 * meow refuses a repeated string flag but lets the last boolean win silently, which hides a typo in a
 * script. A flag with `isMultiple` may repeat.
 */
export function repeatedFlagProblem(known: AnyFlags, argv: readonly string[]): string | undefined {
	const byShort = new Map<string, string>();
	for (const [key, flag] of Object.entries(known)) {
		if (flag.shortFlag) {
			byShort.set(flag.shortFlag, key);
		}
	}

	const seen = new Map<string, number>();
	/** Counts a flag; true when it takes the next argument as its value. */
	const count = (key: string, inlineValue: boolean): boolean => {
		const flag = known[key];
		if (!flag) {
			return false;
		}

		if (!flag.isMultiple) {
			seen.set(key, (seen.get(key) ?? 0) + 1);
		}

		return flag.type !== 'boolean' && !inlineValue;
	};

	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index]!;
		if (arg === '--') {
			break;
		}

		let takesValue = false;
		if (arg.startsWith('--')) {
			const [spelled = '', ...value] = arg.slice(2).split('=');
			const camel = spelled.replaceAll(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
			const negated = /^no[A-Z]/.test(camel) && !known[camel] ? camel[2]!.toLowerCase() + camel.slice(3) : camel;
			takesValue = count(negated, value.length > 0);
		} else if (/^-[^-\d]/.test(arg)) {
			// Short flags, possibly joined (`-ft`); the first that takes a value takes the rest of the word.
			for (const [position, letter] of [...arg.slice(1)].entries()) {
				const key = byShort.get(letter);
				if (key === undefined || letter === '=') {
					break;
				}

				const rest = arg.slice(position + 2);
				takesValue = count(key, rest.length > 0);
				if (known[key]?.type !== 'boolean') {
					break;
				}
			}
		}

		if (takesValue) {
			index++;
		}
	}

	for (const [key, times] of seen) {
		if (times > 1) {
			const kebab = key.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
			return `--${kebab} is given ${times} times: give it once`;
		}
	}

	return undefined;
}

/** What meow cannot check about the values it parsed. */
export function flagValueProblem(flags: Record<string, unknown>, env: Readonly<Record<string, string | undefined>>): string | undefined {
	if (flags['system'] === true && flags['user'] === true) {
		return '--system and --user cannot be used together: give one scope';
	}

	const logLines = flags['logLines'];
	if (logLines !== undefined && !(typeof logLines === 'number' && Number.isInteger(logLines) && logLines >= logLinesRange.min && logLines <= logLinesRange.max)) {
		return `--log-lines takes a whole number from ${logLinesRange.min} to ${logLinesRange.max}`;
	}

	const image = flags['image'];
	if (typeof image === 'string') {
		const problem = imageReferenceProblem(image);
		if (problem) {
			return `--image ${quote(image)}: ${problem}`;
		}
	}

	const context = flags['context'];
	if (typeof context === 'string' && context !== 'default') {
		const problem = contextNameProblem(context);
		if (problem) {
			return `--context ${quote(context)}: ${problem}`;
		}
	}

	if (readOnlyEnv(env['VNODE_READ_ONLY']) === undefined) {
		return `VNODE_READ_ONLY=${quote(env['VNODE_READ_ONLY'] ?? '')} is not 1 or 0 (also true/false, yes/no, on/off)`;
	}

	try {
		verifySecondsOf(env);
	} catch (error) {
		return (error as Error).message;
	}

	return undefined;
}

/** VNODE_VERIFY_SECONDS as a number; unset or blank is undefined (the default); anything else but 0..600 throws. */
export function verifySecondsOf(env: Readonly<Record<string, string | undefined>>): number | undefined {
	const text = env['VNODE_VERIFY_SECONDS']?.trim() ?? '';
	if (text === '') {
		return undefined;
	}

	const seconds = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
	if (!(seconds <= verifySecondsMax)) {
		throw new UsageError(`VNODE_VERIFY_SECONDS=${quote(text)} is not a whole number of seconds from 0 to ${verifySecondsMax}`);
	}

	return seconds;
}

function quote(text: string): string {
	const line = sanitizeLine(text);
	return `'${line.length > quoteLength ? `${line.slice(0, quoteLength)}…` : line}'`;
}
