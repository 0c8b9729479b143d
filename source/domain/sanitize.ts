/**
 * Text from containers (logs, names, labels) is untrusted: a line must not be
 * able to move the cursor, clear the screen, set the window title, ring the
 * bell or switch character sets. This removes every terminal control sequence
 * (optionally keeping SGR colour codes) and every C0/C1 control character.
 */

// ESC [ params intermediates final  (CSI), and the 8-bit CSI 0x9b.
const csi = String.raw`(?:\u001B\[|\u009B)[\u0030-\u003F]*[\u0020-\u002F]*[\u0040-\u007E]`;
// OSC, DCS, SOS, PM, APC: a string up to BEL or ST (ESC \ or 0x9c), or to the end of the text.
const stringSequence = String.raw`(?:\u001B[\]PX^_]|[\u0090\u0098\u009D-\u009F])[^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C|$)`;
// Any other ESC sequence: ESC, intermediates, one final byte (charset switches, RIS, keypad modes...).
const otherEscape = String.raw`\u001B[\u0020-\u002F]*[\u0030-\u007E]?`;
const controls = String.raw`[\u0000-\u0008\u000B-\u001F\u007F-\u009F]`;

const sequencePattern = new RegExp(`${stringSequence}|${csi}|${otherEscape}`, 'g');
const controlPattern = new RegExp(controls, 'g');
const sgrPattern = /^(?:\u001B\[|\u009B)[\d;:]*m$/;

export type SanitizeOptions = {
	/** Keep SGR colour/style codes (`ESC[…m`). @default false */
	keepColors?: boolean;
};

export function sanitize(text: string, options: SanitizeOptions = {}): string {
	const withoutSequences = text.replace(sequencePattern, match =>
		options.keepColors && sgrPattern.test(match) ? match.replace('\u009B', '\u001B[') : '',
	);
	if (!options.keepColors) {
		return withoutSequences.replace(controlPattern, '');
	}

	// Keep the ESC of the SGR codes we let through, drop every other control.
	return withoutSequences.replace(/\u001B\[[\d;:]*m|[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, match =>
		match.length > 1 ? match : '',
	);
}

// Line breaks, tabs and bidirectional overrides have no place in a one-line field (a name, a label, a screen row).
const lineBreaking = /[\t\n\r\u2028\u2029\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

const needsLineSanitizing = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** sanitize() for text shown on one line: also no line breaks, tabs or direction overrides. */
export function sanitizeLine(text: string, options: SanitizeOptions = {}): string {
	// Most screen text has nothing to remove: one test instead of three replaces on every render.
	if (!needsLineSanitizing.test(text)) {
		return text;
	}

	return sanitize(text, options).replace(lineBreaking, ' ');
}

/** sanitize() for text of several lines (CLI output, messages): keeps newlines and tabs, no direction overrides. */
export function sanitizeText(text: string): string {
	return sanitize(text).replace(/[\u2028\u2029\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, ' ');
}

const caretable = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
const invisible = /[\u0080-\u009F\u2028\u2029\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * One line of a file shown as it is (the read-only view of a config that does not parse): every
 * control byte visible instead of acted on: C0 and DEL in caret notation (`^[`, `^G`, `^?`),
 * C1 controls, line separators and direction overrides as U+FFFD. Tabs stay for expandTabs.
 */
export function showControls(line: string): string {
	return line
		.replace(caretable, char => (char === '\u007F' ? '^?' : `^${String.fromCodePoint(char.codePointAt(0)! + 64)}`))
		.replace(invisible, '\uFFFD');
}
