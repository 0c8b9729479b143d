/**
 * Saving a log pane to a file: under ~/vnode-tui-logs (or $VNODE_LOG_DIR),
 * one new file per save, mode 0600 (logs may carry what the node printed about
 * its data).
 */
import {mkdir, writeFile} from 'node:fs/promises';
import {homedir} from 'node:os';
import {join} from 'node:path';

export function logDirectory(env: Readonly<Record<string, string | undefined>>): string {
	return env['VNODE_LOG_DIR'] || join(env['HOME'] || homedir(), 'vnode-tui-logs');
}

export async function saveLogFile(dir: string, nodeName: string, lines: readonly string[], now = new Date()): Promise<string> {
	await mkdir(dir, {recursive: true, mode: 0o700});
	const stamp = now.toISOString().replaceAll(':', '').replace(/\.\d+Z$/, 'Z');
	const safeName = nodeName.replaceAll(/[^\w.-]/g, '_');
	const path = join(dir, `${safeName}-${stamp}.log`);
	await writeFile(path, lines.length > 0 ? `${lines.join('\n')}\n` : '', {mode: 0o600, flag: 'wx'});
	return path;
}
