/**
 * The dependency rules of the house style, read from the import lines: the UI
 * renders state and dispatches intents; it never reaches Docker or the disk.
 */
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {dirname, join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const source = fileURLToPath(new URL('../source', import.meta.url));

function files(dir: string): string[] {
	return readdirSync(dir).flatMap(name => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
	});
}

function imports(path: string): string[] {
	return [...readFileSync(path, 'utf8').matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map(match => match[1]!);
}

const all = files(source).map(path => ({path: relative(source, path), imports: imports(path)}));
const under = (prefix: string) => all.filter(file => file.path.startsWith(prefix));

/** Import cycles among files whose path starts with a prefix, each as `a -> b -> a`. */
function cycles(prefix: string): string[] {
	const edges = new Map(under(prefix).map(file => [
		file.path,
		file.imports.filter(name => name.startsWith('.')).map(name => join(dirname(file.path), name).replace(/\.js$/, '.ts')).map(path => (all.some(other => other.path === path) ? path : path.replace(/\.ts$/, '.tsx'))).filter(path => path.startsWith(prefix)),
	]));
	const found: string[] = [];
	const state = new Map<string, 'open' | 'done'>();
	const visit = (path: string, trail: string[]) => {
		if (state.get(path) === 'open') {
			found.push([...trail.slice(trail.indexOf(path)), path].join(' -> '));
			return;
		}

		if (state.get(path) === 'done') {
			return;
		}

		state.set(path, 'open');
		for (const next of edges.get(path) ?? []) {
			visit(next, [...trail, path]);
		}

		state.set(path, 'done');
	};

	for (const path of edges.keys()) {
		visit(path, []);
	}

	return found;
}

describe('architecture', () => {
	it('ui/input holds the input layer, and no two of its files import each other (directly or around a loop)', () => {
		expect(under('ui/input/').map(file => file.path).sort()).toEqual(expect.arrayContaining(['ui/input/use-input-router.ts', 'ui/input/command-handlers.ts', 'ui/input/text-entry.ts']));
		expect(under('ui/input/').length).toBeGreaterThan(5);
		expect(cycles('ui/input/')).toEqual([]);
		expect([...cycles('ui/'), ...cycles('state/')]).toEqual([]);
	});

	it('the cycle check finds a cycle', () => {
		all.push({path: 'ui/input/zz-a.ts', imports: ['./zz-b.js']}, {path: 'ui/input/zz-b.ts', imports: ['./zz-a.js']});
		try {
			expect(cycles('ui/input/')).toEqual(['ui/input/zz-a.ts -> ui/input/zz-b.ts -> ui/input/zz-a.ts']);
		} finally {
			all.splice(-2, 2);
		}
	});


	it('only docker/dockerode-engine.ts imports dockerode', () => {
		expect(all.filter(file => file.imports.includes('dockerode')).map(file => file.path)).toEqual(['docker/dockerode-engine.ts']);
	});

	it.each(['ui/', 'state/', 'domain/', 'app.tsx'])('%s imports no IO (dockerode, fs, yaml, child_process)', prefix => {
		const banned = /^(dockerode|fs|node:fs|fs\/promises|node:fs\/promises|yaml|node:child_process|child_process|node:net)$/;
		const offenders = under(prefix).flatMap(file => file.imports.filter(name => banned.test(name)).map(name => `${file.path}: ${name}`));
		expect(offenders).toEqual([]);
	});

	it('only config/ imports yaml (everything else goes through the config store or config/yaml-text.ts)', () => {
		const offenders = all.filter(file => file.imports.includes('yaml') && !file.path.startsWith('config/')).map(file => file.path);
		expect(offenders).toEqual([]);
		expect(all.some(file => file.path.startsWith('config/') && file.imports.includes('yaml'))).toBe(true);
	});

	it('the shell commands live in commands/, beside cli.tsx, and there is no cli/ folder', () => {
		expect(under('commands/').map(file => file.path)).toContain('commands/commands.ts');
		expect(under('cli/')).toEqual([]);
	});

	it('domain imports nothing else of ours', () => {
		const offenders = under('domain/').flatMap(file => file.imports.filter(name => name.startsWith('.') && !name.startsWith('./')).map(name => `${file.path}: ${name}`));
		expect(offenders).toEqual([]);
	});

	it('ui and state import docker/, config/ and services/ for types only', () => {
		const offenders = [...under('ui/'), ...under('state/')].flatMap(file => {
			const text = readFileSync(join(source, file.path), 'utf8');
			return [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']*\/(?:docker|config|services)\/[^']*)'/gm)].map(match => `${file.path}: ${match[1]}`);
		});
		expect(offenders).toEqual([]);
	});

	it('ui text reaches the screen only through ui/text.tsx (the sanitizing Text), never Ink\'s Text', () => {
		const offenders = all.filter(file => file.path !== 'ui/text.tsx' && /import\s*\{[^}]*\b(Text|Transform|Static)\b[^}]*\}\s*from\s*'ink'/.test(readFileSync(join(source, file.path), 'utf8'))).map(file => file.path);
		expect(offenders).toEqual([]);
	});

	it('nothing in source/ calls console.*', () => {
		const offenders = all.filter(file => /\bconsole\.(log|error|warn|info|debug)\(/.test(readFileSync(join(source, file.path), 'utf8'))).map(file => file.path);
		expect(offenders).toEqual([]);
	});
});
