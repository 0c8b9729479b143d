import React from 'react';
import {Text} from '../text.js';
import {safeLine} from '../../domain/safe-text.js';
import {countNodes, type NodeRow} from '../../domain/node-row.js';
import type {HostState} from '../../services/node-service.js';
import type {Theme} from '../theme.js';
import {fit, truncate} from '../text-fit.js';

/**
 * A fleet's hosts on one line: each host's state and its nodes running of all, the hosts that
 * are down first with why (they reconnect by themselves), e.g.
 * `✗ vps unreachable (connection refused) 0/1 · ● pi-1 2/3 running`.
 */
export function hostsLineText(hosts: readonly HostState[], rows: readonly NodeRow[], width = 80): string {
	// A long reason (an SSH error) leaves room for the other hosts.
	const reasonWidth = Math.max(24, Math.floor(width / 2) - 20);
	const ordered = [...hosts.filter(host => host.state !== 'connected'), ...hosts.filter(host => host.state === 'connected')];
	return ordered
		.map(host => {
			const counts = countNodes(rows.filter(row => row.host === host.name));
			const running = `${counts.running}/${counts.total}`;
			switch (host.state) {
				case 'connected': {
					return `● ${safeLine(host.name)} ${running} running`;
				}

				case 'connecting': {
					return `… ${safeLine(host.name)} connecting`;
				}

				default: {
					return `✗ ${safeLine(host.name)} ${host.state}${host.reason ? ` (${truncate(safeLine(host.reason), reasonWidth)})` : ''} ${running}`;
				}
			}
		})
		.join(' · ');
}

export function HostsLine({hosts, rows, width, theme}: {hosts: readonly HostState[]; rows: readonly NodeRow[]; width: number; theme: Theme}) {
	const down = hosts.some(host => host.state === 'unreachable' || host.state === 'reconnecting');
	return <Text color={theme.color(down ? 'warn' : 'muted')}>{fit(hostsLineText(hosts, rows, width), width)}</Text>;
}
