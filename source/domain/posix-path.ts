/**
 * The few POSIX path operations the domain needs, without importing node:path,
 * so domain code stays free of Node built-ins and runs the same everywhere.
 */
export function isAbsolutePath(path: string): boolean {
	return path.startsWith('/');
}

export function basename(path: string): string {
	const trimmed = path.replace(/\/+$/, '');
	return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export function joinPath(...parts: string[]): string {
	return normalizePath(parts.filter(part => part.length > 0).join('/'));
}

/** `path.resolve(base, path)` for POSIX paths. */
export function resolvePath(base: string, path: string): string {
	return normalizePath(isAbsolutePath(path) ? path : `${base}/${path}`);
}

export function normalizePath(path: string): string {
	const absolute = isAbsolutePath(path);
	const out: string[] = [];
	for (const segment of path.split('/')) {
		if (segment === '' || segment === '.') {
			continue;
		}

		if (segment === '..') {
			if (out.length > 0 && out.at(-1) !== '..') {
				out.pop();
			} else if (!absolute) {
				out.push('..');
			}

			continue;
		}

		out.push(segment);
	}

	const joined = out.join('/');
	return absolute ? `/${joined}` : joined || '.';
}
