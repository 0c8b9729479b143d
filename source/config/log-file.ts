/**
 * Saving a log pane to a file: under ~/vnode-tui-logs (or $VNODE_LOG_DIR),
 * one new file per save, mode 0600 (logs may carry what the node printed about
 * its data).
 */
import {mkdir} from 'node:fs/promises';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {writeNewFile} from './unique-file.js';

export function logDirectory(env: Readonly<Record<string, string | undefined>>): string {
	return env['VNODE_LOG_DIR'] || join(env['HOME'] || homedir(), 'vnode-tui-logs');
}

export async function saveLogFile(dir: string, nodeName: string, lines: readonly string[], now = new Date()): Promise<string> {
	await mkdir(dir, {recursive: true, mode: 0o700});
	const safeName = nodeName.replaceAll(/[^\w.-]/g, '_');
	// Two saves in one second (or one millisecond) give two files, never an error or an overwrite.
	return writeNewFile(dir, safeName, '.log', lines.length > 0 ? `${lines.join('\n')}\n` : '', now);
}
