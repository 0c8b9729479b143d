/**
 * dist/THIRD-PARTY-NOTICES: the licence of every package the bundle carries,
 * found from esbuild's metafile (which files went in) and each package's own
 * licence file, so the notices follow the bundle, not package.json.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';

// A licence file is a few KB; a bigger one is cut, not loaded whole.
const maxLicenceBytes = 64 * 1024;

/** `node_modules/a/node_modules/@s/b/x.js` -> `node_modules/a/node_modules/@s/b` (undefined for our own files). */
function packageDirOf(input) {
	const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.replaceAll('\\', '/'));
	return match?.[1];
}

function licenceText(dir) {
	const file = readdirSync(dir).find(name => /^(licen[cs]e|copying)(\.(md|txt|mit))?$/i.test(name));
	if (!file) {
		return undefined;
	}

	const text = readFileSync(join(dir, file), 'utf8');
	return text.length > maxLicenceBytes ? `${text.slice(0, maxLicenceBytes)}\n[cut]` : text;
}

/** The notices text for the packages whose files are inputs of the bundle (paths relative to `root`). */
export function thirdPartyNotices(root, inputs) {
	const dirs = [...new Set(inputs.map(packageDirOf).filter(Boolean))];
	const packages = dirs
		.map(dir => {
			const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
			return {name: String(pkg.name), version: String(pkg.version), license: String(pkg.license ?? 'UNKNOWN'), text: licenceText(join(root, dir))};
		})
		.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
	const seen = new Set();
	const sections = [];
	for (const {name, version, license, text} of packages) {
		if (seen.has(`${name}@${version}`)) {
			continue;
		}

		seen.add(`${name}@${version}`);
		sections.push(`${name}@${version} (${license})\n\n${text?.trim() ?? `No licence file in the package; its package.json says: ${license}.`}\n`);
	}

	return `vnode-tui bundles the following packages. Their licences follow.\n\n${sections.join(`\n${'-'.repeat(72)}\n\n`)}`;
}
