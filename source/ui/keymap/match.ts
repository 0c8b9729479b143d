import type {Command} from './commands.js';
import {bindings, paneContexts, type Binding, type InputWhere, type KeySpec, type NamedKey} from './bindings.js';

/** The subset of Ink's Key this matcher reads. */
export type KeyPress = Partial<Record<NamedKey | 'ctrl' | 'shift' | 'meta', boolean>>;

function specMatches(spec: KeySpec, input: string, key: KeyPress): boolean {
	if (Boolean(spec.ctrl) !== Boolean(key.ctrl)) {
		return false;
	}

	if (spec.key) {
		return Boolean(key[spec.key]) && (spec.shift === undefined || Boolean(spec.shift) === Boolean(key.shift));
	}

	return spec.input === input && !key.meta;
}

/** Whether some key press matches both specs (`shift` unset on a named key means either). */
export function specsOverlap(a: KeySpec, b: KeySpec): boolean {
	if (Boolean(a.ctrl) !== Boolean(b.ctrl)) {
		return false;
	}

	if (a.key || b.key) {
		return a.key === b.key && (a.shift === undefined || b.shift === undefined || Boolean(a.shift) === Boolean(b.shift));
	}

	return a.input === b.input;
}

/** Whether a binding applies where keys are read now. */
export function appliesIn(binding: Binding, where: InputWhere): boolean {
	return binding.contexts.includes(where) || (binding.contexts.includes('panes') && paneContexts.includes(where as never));
}

/** The command a key press means where keys are read now; no two bindings of one context share a key (test/ui/keymap.test.ts). */
export function matchCommand(input: string, key: KeyPress, where: InputWhere, table: Binding[] = bindings): Command | undefined {
	return table.find(binding => appliesIn(binding, where) && binding.keys.some(spec => specMatches(spec, input, key)))?.command;
}

/** Bindings usable in a context, in table order (for the hint line and the overlay). */
export function bindingsFor(where: InputWhere, table: Binding[] = bindings): Binding[] {
	return table.filter(binding => appliesIn(binding, where));
}
