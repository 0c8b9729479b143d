// Kept apart from sanitize.ts: string-width builds large tables when loaded, and the
// shell commands, which sanitize but never lay out columns, should not pay for it.
import stringWidth from 'string-width';

/** Tabs become spaces so column widths stay predictable; wide characters count as two columns. */
export function expandTabs(text: string, width = 4): string {
	if (!text.includes('\t')) {
		return text;
	}

	let column = 0;
	let out = '';
	for (const char of text) {
		if (char === '\t') {
			const pad = width - (column % width);
			out += ' '.repeat(pad);
			column += pad;
		} else {
			out += char;
			column = char === '\n' ? 0 : column + stringWidth(char);
		}
	}

	return out;
}
