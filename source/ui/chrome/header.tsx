import {Box} from 'ink';
import React from 'react';
import {Text} from '../text.js';
import {safeLine} from '../../domain/safe-text.js';
import type {NodeCounts} from '../../domain/node-row.js';
import type {EngineStatus} from '../hooks/use-node-list.js';
import type {HostState} from '../../services/node-service.js';
import type {EngineErrorKind} from '../../docker/engine.js';
import type {Theme} from '../theme.js';
import {fit, wrapWords} from '../text-fit.js';

/** Counts at a glance and the engine this screen talks to. */
export function Header({counts, engine, hosts, width, theme, readOnly, auditFailing}: {counts: NodeCounts; engine: EngineStatus; hosts?: readonly HostState[]; width: number; theme: Theme; readOnly?: boolean; auditFailing?: boolean}) {
	const unknown = counts.unknown > 0 ? ` · ${counts.unknown} unknown` : '';
	const counted = `${counts.total} nodes · ${counts.running} running · ${counts.stopped} stopped · ${counts.invalid} invalid${unknown}`;
	// The modes first: they must stay on screen at 80 columns.
	const modes = `${readOnly ? 'READ-ONLY · ' : ''}${auditFailing ? 'AUDIT LOG FAILING · ' : ''}`;
	const left = width >= 100 ? `vnode-tui  ${modes}${counted}` : `${modes}${counted}`;
	const engineText = engine.state === 'up' ? `Docker ${engine.info.version}` : '';
	// Which engine this is matters most with contexts: when the whole address does not fit, the context name still does.
	const connected = hosts?.filter(host => host.state === 'connected').length ?? 0;
	const choices = hosts
		? [`${hosts.length} hosts · ${connected} connected`, `${connected}/${hosts.length} hosts`]
		: engine.state === 'up'
			? [`${engineText} @ ${safeLine(engine.info.host)}${engine.info.context ? ` (context ${safeLine(engine.info.context)})` : ''}`, ...(engine.info.context ? [`${engineText} @ ${safeLine(engine.info.context)}`] : []), engineText]
			: [engine.state === 'connecting' ? 'connecting to Docker…' : engine.kind === 'permission' ? 'Docker: no permission' : 'Docker unreachable'];
	const right = choices.find(choice => left.length + choice.length + 1 <= width) ?? choices.at(-1)!;
	const gap = Math.max(1, width - left.length - right.length);
	return (
		<Text bold color={theme.color(engine.state === 'down' || auditFailing ? 'error' : readOnly ? 'warn' : undefined)}>
			{fit(`${left}${' '.repeat(gap)}${right}`, width)}
		</Text>
	);
}

/** Rows of the engine banner: one, or up to three for a permission problem, whose fix must fit on the screen. */
export function engineBannerLines(message: string, kind: EngineErrorKind | undefined, width: number): string[] {
	if (kind === 'permission') {
		return wrapWords(`! ${safeLine(message)}`, width, 3).map(line => fit(line, width));
	}

	return [fit(`! Retrying every second; rows show the last known state. ${safeLine(message)}`, width)];
}

/** Shown while the engine is down; the app reconnects by itself. A permission problem is said whole: retrying does not fix it. */
export function EngineBanner({message, kind, width, theme}: {message: string; kind?: EngineErrorKind | undefined; width: number; theme: Theme}) {
	return (
		<Box flexDirection="column">
			{engineBannerLines(message, kind, width).map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key -- rows of one message, never reordered
				<Text key={index} inverse color={theme.color('error')}>
					{line}
				</Text>
			))}
		</Box>
	);
}

/** Rows for config dirs that could not be read (another user's, after a sudo run): what is wrong and what to run. */
export function storeProblemLines(messages: readonly string[], width: number): string[] {
	return messages.flatMap(message => wrapWords(`! ${safeLine(message)}`, width, 4)).slice(0, 5).map(line => fit(line, width));
}

/** Config dirs that could not be read; their nodes are missing from the table, so it says why. */
export function StoreBanner({lines, theme}: {lines: readonly string[]; theme: Theme}) {
	return (
		<Box flexDirection="column">
			{lines.map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key -- rows of fixed messages, never reordered
				<Text key={index} color={theme.color('warn')}>
					{line}
				</Text>
			))}
		</Box>
	);
}
