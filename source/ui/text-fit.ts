import stringWidth from 'string-width';

/** Cuts text to a display width, with an ellipsis when it was cut. */
export function truncate(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	if (stringWidth(text) <= width) {
		return text;
	}

	let out = '';
	let used = 0;
	for (const char of text) {
		const w = stringWidth(char);
		if (used + w > width - 1) {
			break;
		}

		out += char;
		used += w;
	}

	return `${out}…`;
}

/** Truncates or pads to exactly `width` columns. */
export function fit(text: string, width: number): string {
	const cut = truncate(text, width);
	return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)));
}

/** Like fit, but keeps the end of the text: `…user-vpn-vol`. */
export function fitEnd(text: string, width: number): string {
	if (stringWidth(text) <= width) {
		return fit(text, width);
	}

	const chars = [...text];
	let out = '';
	let used = 0;
	for (let index = chars.length - 1; index >= 0; index--) {
		const w = stringWidth(chars[index]!);
		if (used + w > width - 1) {
			break;
		}

		out = chars[index]! + out;
		used += w;
	}

	return fit(`…${out}`, width);
}

/** Word-wrapped to `width` columns, at most `maxLines` lines (the last one cut with an ellipsis when more is left). */
export function wrapWords(text: string, width: number, maxLines: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const joined = line ? `${line} ${word}` : word;
		if (stringWidth(joined) <= width || !line) {
			line = joined;
			continue;
		}

		lines.push(line);
		line = word;
	}

	if (line) {
		lines.push(line);
	}

	if (lines.length <= maxLines) {
		return lines.map(item => truncate(item, width));
	}

	const kept = lines.slice(0, maxLines);
	kept[maxLines - 1] = truncate(`${kept[maxLines - 1]!} ${lines[maxLines]!}`, width);
	return kept;
}
