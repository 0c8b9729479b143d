/**
 * The only door to the screen for text: Ink's Text with every string child
 * passed through sanitizeLine, so no control byte from a file, a name, a value
 * or an engine answer reaches the terminal, whatever a pane forgets. Panes,
 * dialogs and chrome import Text from here, never from 'ink' (test/architecture).
 */
import {Text as InkText, type TextProps} from 'ink';
import React, {type ReactNode} from 'react';
import {sanitizeLine} from '../domain/sanitize.js';

export type SafeTextProps = TextProps & {
	/** Keep SGR colour codes (log lines, already sanitized with their colours). */
	colors?: boolean;
};

export function Text({children, colors, ...props}: SafeTextProps) {
	return <InkText {...props}>{safeChildren(children, colors ?? false)}</InkText>;
}

function safeChildren(children: ReactNode, colors: boolean): ReactNode {
	if (typeof children === 'string') {
		return sanitizeLine(children, {keepColors: colors});
	}

	return Array.isArray(children) ? children.map(child => (typeof child === 'string' ? sanitizeLine(child, {keepColors: colors}) : (child as ReactNode))) : children;
}
