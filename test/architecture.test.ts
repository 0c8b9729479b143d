/**
 * The dependency rules of the house style, read from the import lines: the UI
 * renders state and dispatches intents; it never reaches Docker or the disk.
 */
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join, relative} from 'node:path';
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

describe('architecture', () => {
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
