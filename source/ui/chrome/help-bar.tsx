import React from 'react';
import {Text} from '../text.js';
import type {InputWhere} from '../keymap/bindings.js';
import {commandInfo} from '../keymap/commands.js';
import {bindingsFor} from '../keymap/match.js';
import type {Theme} from '../theme.js';
import {truncate} from '../text-fit.js';

/** The hint line of a context: `s start  x stop …`, or a dialog's answers. */
export function hintLine(where: InputWhere): string {
	return bindingsFor(where)
		.filter(binding => commandInfo(binding.command).hint)
		.map(binding => `${binding.label} ${commandInfo(binding.command).hint}`)
		.join('  ');
}

/** Generated from the keymap for where keys are read now. */
export function HelpBar({context, width, theme}: {context: InputWhere; width: number; theme: Theme}) {
	return <Text color={theme.color('muted')}>{truncate(hintLine(context), width)}</Text>;
}
