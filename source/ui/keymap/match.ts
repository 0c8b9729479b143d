import type {Command} from './commands.js';
import {bindings, type Binding, type KeyContext, type KeySpec, type NamedKey} from './bindings.js';

/** The subset of Ink's Key this matcher reads. */
export type KeyPress = Partial<Record<NamedKey | 'ctrl' | 'shift' | 'meta', boolean>>;

export type PaneContext = Exclude<KeyContext, 'global'>;

function specMatches(spec: KeySpec, input: string, key: KeyPress): boolean {
	if (Boolean(spec.ctrl) !== Boolean(key.ctrl)) {
		return false;
	}

	if (spec.key) {
		return Boolean(key[spec.key]) && (spec.shift === undefined || Boolean(spec.shift) === Boolean(key.shift));
	}

	return spec.input === input && !key.meta;
}

/** Whether a binding applies in a pane; the log is a detail pane, so detail bindings apply there too. */
function appliesIn(binding: Binding, context: PaneContext): boolean {
	return binding.contexts.includes(context) || (context === 'log' && binding.contexts.includes('detail'));
}

/** The command a key press means in a context: the pane's own bindings, then the detail pane's, then global ones. */
export function matchCommand(input: string, key: KeyPress, context: PaneContext, table: Binding[] = bindings): Command | undefined {
	const matching = (binding: Binding) => binding.keys.some(spec => specMatches(spec, input, key));
	return (
		table.find(binding => binding.contexts.includes(context) && matching(binding)) ??
		table.find(binding => appliesIn(binding, context) && matching(binding)) ??
		table.find(binding => binding.contexts.includes('global') && matching(binding))
	)?.command;
}

/** Bindings usable in a context, in table order (for the hint line and the overlay). */
export function bindingsFor(context: PaneContext, table: Binding[] = bindings): Binding[] {
	return table.filter(binding => appliesIn(binding, context) || binding.contexts.includes('global'));
}
