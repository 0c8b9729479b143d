/** The screen: composition of panes around the app state. */
import {Box, useApp} from 'ink';
import React, {useEffect, useMemo, useReducer, useState} from 'react';
import {countNodes} from './domain/node-row.js';
import {openRunItem, runItems} from './domain/run-items.js';
import {appReducer, type AppAction} from './state/app-reducer.js';
import {initialAppState} from './state/app-state.js';
import {withValidSelection} from './state/selection.js';
import {Header, EngineBanner, engineBannerLines, StoreBanner, storeProblemLines} from './ui/chrome/header.js';
import {HelpBar} from './ui/chrome/help-bar.js';
import {HostsLine} from './ui/chrome/hosts-line.js';
import {StatusLine} from './ui/chrome/status-line.js';
import {TooSmall} from './ui/chrome/too-small.js';
import {DetailArea} from './ui/detail-area.js';
import {HelpOverlay} from './ui/dialogs/help-overlay.js';
import {NodeFormView} from './ui/dialogs/node-form.js';
import {RawConfigDialog} from './ui/dialogs/config-dialogs.js';
import {AuditDialog} from './ui/dialogs/audit-dialog.js';
import {keyContextOf} from './ui/input/key-context.js';
import {useInputRouter} from './ui/input/use-input-router.js';
import {inspectTargetOf, useInspect} from './ui/hooks/use-inspect.js';
import {logModelOf} from './ui/hooks/use-log-model.js';
import {useLogTail} from './ui/hooks/use-log-tail.js';
import {plainText} from './domain/log-view.js';
import {useMinuteClock} from './ui/hooks/use-minute-clock.js';
import {useNodeActions} from './ui/hooks/use-node-actions.js';
import {useNodeList} from './ui/hooks/use-node-list.js';
import {useStatusExpiry} from './ui/hooks/use-status-expiry.js';
import {useSelectionSync} from './ui/hooks/use-selection-sync.js';
import {useTerminalSize} from './ui/hooks/use-terminal-size.js';
import {computeLayout} from './ui/layout.js';
import {NodeTable} from './ui/panes/node-table/node-table.js';
import {showsStats, statsTarget, tableWindow} from './ui/panes/node-table/table-layout.js';
import {useContainerStats} from './ui/hooks/use-container-stats.js';
import {detailContent} from './ui/panes/detail-content.js';
import {maxOffset} from './ui/panes/text-window.js';
import type {AppServices} from './ui/services.js';
import type {NodeListing} from './services/node-service.js';
import type {Theme} from './ui/theme.js';

export type AppOptions = {
	/** Log lines kept per pane. @default 10000 */
	logCapacity?: number;
	/** Keep the containers' colour codes in the log. @default true */
	logColors?: boolean;
};

export type AppProps = {
	services: AppServices;
	theme: Theme;
	options?: AppOptions;
	/** The first listing, asked for before the UI code loaded, and its value if it has arrived. */
	firstListing?: Promise<NodeListing>;
	readyListing?: NodeListing;
};

export function App({services, theme, options = {}, firstListing, readyListing}: AppProps) {
	const {exit} = useApp();
	const size = useTerminalSize();
	const nowMs = useMinuteClock();
	const [stored, dispatch] = useReducer(appReducer, initialAppState);
	const list = useNodeList(services, firstListing, readyListing);
	const rows = useMemo(() => {
		const filter = stored.filter.toLowerCase();
		// In a fleet `/` matches the host too.
		return filter ? list.rows.filter(row => row.name.toLowerCase().includes(filter) || (row.host?.toLowerCase().includes(filter) ?? false)) : list.rows;
	}, [list.rows, stored.filter]);
	// The selection is valid in the same render the rows change in; the stored key catches up in an effect.
	const state = useMemo(() => withValidSelection(stored, rows), [stored, rows]);
	useSelectionSync(rows, dispatch);
	useStatusExpiry(state.status, dispatch);
	const auditProblem = useAuditProblem(services, dispatch);
	const actions = useNodeActions(services, dispatch, list.refresh);
	const storeLines = useMemo(() => storeProblemLines(list.problems.map(problem => problem.message), size.columns), [list.problems, size.columns]);
	const bannerRows = (list.engine.state === 'down' ? engineBannerLines(list.engine.message, list.engine.kind, size.columns).length : 0) + storeLines.length + (list.hosts ? 1 : 0);
	const layout = computeLayout(size.columns, size.rows, bannerRows, rows.length);
	const selected = rows.find(row => row.key === state.selectedKey);
	// A run opened from the Runs tab: the inspector and the log show its container instead of the node's.
	const run = openRunItem(selected, state.openRun);
	const runKey = run && selected ? `${selected.key}#${run.id}` : undefined;
	const inspectTarget = run && runKey ? {key: runKey, container: run.id} : inspectTargetOf(selected);
	const inspect = useInspect(services, inspectTarget, `${run ? `${run.state}:${run.exitCode ?? ''}` : (selected?.container?.id ?? '')}:${selected?.status ?? ''}:${list.eventCount}`);
	const showLogs = state.detailMode === 'logs' || layout.sideBySide || state.log.fullScreen;
	const logOptions = useMemo(() => ({capacity: options.logCapacity ?? 10_000, colors: options.logColors ?? true}), [options.logCapacity, options.logColors]);
	// The nodes one key press away (the rows below and above): their logs are opened ahead.
	const at = selected ? rows.indexOf(selected) : -1;
	const ahead = useMemo(() => (at < 0 || runKey ? [] : [rows[at + 1], rows[at - 1]].flatMap(row => (row?.container ? [row.container.id] : []))), [rows, at, runKey]);
	const log = useLogTail(services, runKey ?? selected?.key, run ? run.id : selected?.container?.id, showLogs && !layout.tooSmall, state.log.range, logOptions, ahead, run ? 'run' : 'node');
	// Read when a key comes, not at each render: a flush renders only the log pane.
	const logNow = () => logModelOf(log.source.get().entries, state.log);
	const shownLayout = state.log.fullScreen ? {...layout, detailHeight: layout.tableHeight + layout.detailHeight, tableHeight: 0, sideBySide: false, logWidth: layout.width} : layout;
	// Stats streams only for what is on screen: the running rows of the table's window when it has CPU and MEM
	// columns, and the selected container while the inspector's container tab shows it.
	const tableShown = !state.form && state.dialog?.type !== 'raw-config' && state.dialog?.type !== 'help' && !state.log.fullScreen && !layout.tooSmall;
	const inspectorShown = tableShown && !state.dialog && (state.detailMode === 'inspector' || layout.sideBySide) && state.inspectorTab === 'container';
	const statsIds = useMemo(() => {
		const ids = new Set<string>();
		if (tableShown && showsStats(layout.width)) {
			for (const row of tableWindow(rows, state.selectedKey, Math.max(1, layout.tableHeight - 2)).visible) {
				const id = statsTarget(row);
				if (id) {
					ids.add(id);
				}
			}
		}

		const own = inspectorShown && selected ? statsTarget(selected) : undefined;
		if (own) {
			ids.add(own);
		}

		return [...ids];
	}, [rows, state.selectedKey, tableShown, inspectorShown, selected, layout.width, layout.tableHeight]);
	const stats = useContainerStats(services, statsIds);
	const selectedStats = selected?.container && statsTarget(selected) ? stats.get(selected.container.id) : undefined;
	const content = detailContent({state, layout: shownLayout, selected, ...(run ? {run} : {}), inspect, log, nowMs, ...(selectedStats && !run ? {stats: selectedStats} : {})});
	useInputRouter(
		{
			state,
			dispatch,
			rows,
			actions,
			hostEnv: services.hostEnv,
			tablePage: Math.max(1, layout.tableHeight - 2),
			detailPage: Math.max(1, layout.detailHeight - 1),
			detailMax: maxOffset(content.lineCount, layout.detailHeight - 1),
			runCount: runItems(selected).length,
			runOpen: run !== undefined,
			...(run ? {openRun: run} : {}),
			log: {
				get shown() {
					return logNow().shown.length;
				},
				get matchPositions() {
					return logNow().matchPositions;
				},
				bodyHeight: Math.max(1, shownLayout.detailHeight - 1),
				lines: () => log.held().map(entry => `${entry.time ? `${entry.time} ` : ''}${plainText(entry.text)}`),
				...(selected ? {nodeName: run ? `${selected.name}-${run.kind === 'run' ? `run-${run.runId ?? ''}` : run.kind}` : selected.name} : {}),
			},
			saveLog: services.saveLog,
			services,
			refresh: list.refresh,
			exit,
		},
	);

	if (layout.tooSmall) {
		return <TooSmall columns={size.columns} rows={size.rows} />;
	}

	const bodyHeight = layout.tableHeight + layout.detailHeight;
	// shownLayout is the layout itself unless the log is full screen.
	const detail = (
		<DetailArea
			state={state}
			layout={shownLayout}
			title={content.title}
			inspectorLines={content.inspectorLines}
			log={log}
			{...(content.logEmptyText ? {logEmptyText: content.logEmptyText} : {})}
			theme={theme}
		/>
	);
	const table = (
		<NodeTable
			rows={rows}
			{...(state.selectedKey ? {selectedKey: state.selectedKey} : {})}
			pending={state.pending}
			seenRuns={state.seenRuns}
			width={layout.width}
			height={layout.tableHeight}
			focused={state.focus === 'table'}
			filter={state.filter}
			filterEditing={state.filterEditing}
			stale={list.engine.state === 'down'}
			loaded={list.loaded}
			nowMs={nowMs}
			stats={stats}
			theme={theme}
		/>
	);
	const body = state.form ? (
		<NodeFormView form={state.form} width={layout.width} height={bodyHeight} theme={theme} />
	) : state.dialog?.type === 'raw-config' ? (
		<RawConfigDialog dialog={state.dialog} width={layout.width} height={bodyHeight} theme={theme} />
	) : state.dialog?.type === 'audit' ? (
		<AuditDialog dialog={state.dialog} width={layout.width} height={bodyHeight} theme={theme} />
	) : state.dialog?.type === 'help' ? (
		<HelpOverlay offset={state.dialog.offset} width={layout.width} height={bodyHeight} theme={theme} />
	) : state.log.fullScreen ? (
		detail
	) : (
		<>
			{table}
			{detail}
		</>
	);

	return (
		<Box flexDirection="column" width={layout.width} height={layout.height}>
			<Header
				counts={countNodes(list.rows)}
				engine={list.engine}
				{...(list.hosts ? {hosts: list.hosts} : {})}
				width={layout.width}
				theme={theme}
				{...(services.readOnly === undefined ? {} : {readOnly: true})}
				{...(auditProblem === undefined ? {} : {auditFailing: true})}
			/>
			{list.hosts ? <HostsLine hosts={list.hosts} rows={list.rows} width={layout.width} theme={theme} /> : null}
			{list.engine.state === 'down' ? <EngineBanner message={list.engine.message} kind={list.engine.kind} width={layout.width} theme={theme} /> : null}
			{storeLines.length > 0 ? <StoreBanner lines={storeLines} theme={theme} /> : null}
			{body}
			<StatusLine {...(state.status ? {status: state.status} : {})} width={layout.width} theme={theme} />
			<HelpBar context={keyContextOf(state)} width={layout.width} theme={theme} />
		</Box>
	);
}

/**
 * The start-up warning (a settings file that is not valid) in the status line, and whether the
 * audit log is failing: each failure is said in the status line, and the header keeps a mark
 * until an entry is written again.
 */
function useAuditProblem(services: AppServices, dispatch: React.Dispatch<AppAction>): string | undefined {
	const [problem, setProblem] = useState<string | undefined>(undefined);
	useEffect(() => {
		if (services.startupWarning) {
			dispatch({type: 'status', message: {kind: 'warn', text: services.startupWarning}});
		}

		return services.onAuditProblem?.(next => {
			setProblem(next);
			if (next !== undefined) {
				dispatch({type: 'status', message: {kind: 'error', text: `Audit log: ${next}`}});
			}
		});
	}, [services, dispatch]);
	return problem;
}
