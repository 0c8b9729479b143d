/**
 * A dependency's file as the build bundles it (patched by scripts/source-patches.mjs)
 * or as installed, imported from a scratch dir so it can be compared with the
 * original: its imports point back at the dependency's own.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {dirname, isAbsolute, join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
// @ts-expect-error: plain ESM build script, no types
import {patchSource} from '../../scripts/source-patches.mjs';

export const nodeModules = fileURLToPath(new URL('../../node_modules/', import.meta.url));

let scratch: string | undefined;
let loaded = 0;

/** The text of a file under node_modules, with the build's patches unless `patched` is false. */
export function dependencySource(file: string, {patched = true} = {}): string {
	const source = readFileSync(join(nodeModules, file), 'utf8');
	return patched ? (patchSource(file, source) as string) : source;
}

/**
 * Imports `text` as if it were `file` (a path under node_modules): bare and
 * relative imports resolve from the file's own place; Node's modules stay.
 */
export async function importAs<T>(file: string, text: string): Promise<T> {
	const path = join(nodeModules, file);
	const resolve = createRequire(path).resolve;
	const pointed = text
		.replaceAll(/from (['"])([^'".][^'"]*)\1/g, (match, _quote: string, name: string) => {
			const resolved = resolve(name);
			return isAbsolute(resolved) ? `from ${JSON.stringify(pathToFileURL(resolved).href)}` : match;
		})
		.replaceAll(/from (['"])(\.{1,2}\/[^'"]+)\1/g, (_, _quote: string, relative: string) => `from ${JSON.stringify(pathToFileURL(join(dirname(path), relative)).href)}`)
		.replace(/^\/\/# sourceMappingURL=.*$/m, '');
	scratch ??= mkdtempSync(join(tmpdir(), 'vnode-dependency-file-'));
	const copy = join(scratch, `${++loaded}-${file.replaceAll('/', '-').replace(/\.js$/, '')}.mjs`);
	writeFileSync(copy, pointed);
	return import(pathToFileURL(copy).href) as Promise<T>;
}

/** Imports a file under node_modules, patched as the build bundles it unless `patched` is false. */
export async function importDependency<T>(file: string, options: {patched?: boolean} = {}): Promise<T> {
	return importAs<T>(file, dependencySource(file, options));
}

/** Removes the scratch copies (call from afterAll). */
export function removeDependencyCopies(): void {
	if (scratch) {
		rmSync(scratch, {recursive: true, force: true});
		scratch = undefined;
	}
}

/** A deterministic pseudo-random sequence, so a failing case can be replayed. */
export function seededRandom(seed: number): (below: number) => number {
	let state = seed;
	return below => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state % below;
	};
}
