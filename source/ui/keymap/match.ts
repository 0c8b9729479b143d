import type {Command} from './commands.js';
import {bindings, type Binding, type KeyContext, type KeySpec, type NamedKey} from './bindings.js';

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

/** The command a key press means in a context (pane bindings win over global ones). */
export function matchCommand(input: string, key: KeyPress, context: Exclude<KeyContext, 'global'>, table: Binding[] = bindings): Command | undefined {
	const inPane = table.find(binding => binding.contexts.includes(context) && binding.keys.some(spec => specMatches(spec, input, key)));
	if (inPane) {
		return inPane.command;
	}

	return table.find(binding => binding.contexts.includes('global') && binding.keys.some(spec => specMatches(spec, input, key)))?.command;
}

/** Bindings usable in a context, in table order (for the hint line and the overlay). */
export function bindingsFor(context: Exclude<KeyContext, 'global'>, table: Binding[] = bindings): Binding[] {
	return table.filter(binding => binding.contexts.includes(context) || binding.contexts.includes('global'));
}
