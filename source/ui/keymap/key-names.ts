/** How a key is written for people: `Ctrl+U`, `Shift+Tab`, `↑`, `Space`. */
import type {KeySpec, NamedKey} from './bindings.js';

const names: Record<NamedKey, string> = {
	upArrow: '↑',
	downArrow: '↓',
	leftArrow: '←',
	rightArrow: '→',
	pageUp: 'PgUp',
	pageDown: 'PgDn',
	home: 'Home',
	end: 'End',
	return: 'Enter',
	escape: 'Esc',
	tab: 'Tab',
	backspace: 'Backspace',
	delete: 'Delete',
};

export function keyName(spec: KeySpec): string {
	const base = spec.key ? names[spec.key] : spec.input === ' ' ? 'Space' : spec.ctrl ? (spec.input ?? '').toUpperCase() : (spec.input ?? '');
	return `${spec.ctrl ? 'Ctrl+' : ''}${spec.shift && spec.key ? 'Shift+' : ''}${base}`;
}
