import {useStdout} from 'ink';
import {useMemo, useSyncExternalStore} from 'react';

export type TerminalSize = {columns: number; rows: number};

/**
 * The terminal's size from Ink's stdout, updated on resize (Ink 6 has no useWindowSize).
 *
 * Read from the terminal during every render, not kept in state: a render that
 * runs in the same tick as the resize (see `runTui`) already lays out for the
 * new size, while a state update would only be rendered after Ink's own resize
 * listener had drawn a frame at the old size.
 */
export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const source = useMemo(() => terminalSizeSource(stdout), [stdout]);
	return useSyncExternalStore(source.subscribe, source.read);
}

function terminalSizeSource(stdout: NodeJS.WriteStream) {
	let last: TerminalSize = {columns: stdout.columns || 80, rows: stdout.rows || 24};
	return {
		subscribe(onChange: () => void) {
			stdout.on('resize', onChange);
			return () => {
				stdout.off('resize', onChange);
			};
		},
		// The same object while the size is the same: React compares snapshots by identity.
		read(): TerminalSize {
			const columns = stdout.columns || 80;
			const rows = stdout.rows || 24;
			if (columns !== last.columns || rows !== last.rows) {
				last = {columns, rows};
			}

			return last;
		},
	};
}
