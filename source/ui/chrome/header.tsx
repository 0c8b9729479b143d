import React from 'react';
import {Text} from '../text.js';
import {safeLine} from '../../domain/safe-text.js';
import type {NodeCounts} from '../../domain/node-row.js';
import type {EngineStatus} from '../hooks/use-node-list.js';
import type {Theme} from '../theme.js';
import {fit} from '../text-fit.js';

/** Counts at a glance and the engine this screen talks to. */
export function Header({counts, engine, width, theme, readOnly, auditFailing}: {counts: NodeCounts; engine: EngineStatus; width: number; theme: Theme; readOnly?: boolean; auditFailing?: boolean}) {
	const unknown = counts.unknown > 0 ? ` · ${counts.unknown} unknown` : '';
	const counted = `${counts.total} nodes · ${counts.running} running · ${counts.stopped} stopped · ${counts.invalid} invalid${unknown}`;
	// The modes first: they must stay on screen at 80 columns.
	const modes = `${readOnly ? 'READ-ONLY · ' : ''}${auditFailing ? 'AUDIT LOG FAILING · ' : ''}`;
	const left = width >= 100 ? `vnode-tui  ${modes}${counted}` : `${modes}${counted}`;
	const engineText = engine.state === 'up' ? `Docker ${engine.info.version}` : '';
	const withHost = engine.state === 'up' ? `${engineText} @ ${safeLine(engine.info.host)}` : '';
	const right =
		engine.state === 'up'
			? left.length + withHost.length + 1 <= width
				? withHost
				: engineText
			: engine.state === 'connecting'
				? 'connecting to Docker…'
				: 'Docker unreachable';
	const gap = Math.max(1, width - left.length - right.length);
	return (
		<Text bold color={theme.color(engine.state === 'down' || auditFailing ? 'error' : readOnly ? 'warn' : undefined)}>
			{fit(`${left}${' '.repeat(gap)}${right}`, width)}
		</Text>
	);
}

/** Shown while the engine is down; the app reconnects by itself. */
export function EngineBanner({message, width, theme}: {message: string; width: number; theme: Theme}) {
	return (
		<Text inverse color={theme.color('error')}>
			{fit(`! Retrying every second; rows show the last known state. ${safeLine(message)}`, width)}
		</Text>
	);
}
