import React from 'react';
import {Text} from '../text.js';
import {commands} from '../keymap/commands.js';
import {bindingsFor, type PaneContext} from '../keymap/match.js';
import type {Theme} from '../theme.js';
import {truncate} from '../text-fit.js';

/** `s start  x stop …`: generated from the keymap for the focused pane. */
export function HelpBar({context, width, theme}: {context: PaneContext; width: number; theme: Theme}) {
	const hints = bindingsFor(context)
		.filter(binding => commands[binding.command].hint)
		.map(binding => `${binding.label} ${commands[binding.command].hint}`)
		.join('  ');
	return <Text color={theme.color('muted')}>{truncate(hints, width)}</Text>;
}
