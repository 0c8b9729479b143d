/**
 * The dispatcher: a command the keymap marks dangerous opens the confirmation
 * its handler names and runs nothing; any other command acts at once.
 */
import {describe, expect, it} from 'vitest';
import type {NodeRow} from '../../../source/domain/node-row.js';
import type {AppAction} from '../../../source/state/app-reducer.js';
import {initialAppState} from '../../../source/state/app-state.js';
import {commandInfo, commands, type Command} from '../../../source/ui/keymap/commands.js';
import {handlers, runCommand} from '../../../source/ui/input/command-handlers.js';
import type {CommandContext} from '../../../source/ui/input/input-context.js';

function world(status: NodeRow['status'], container = true) {
	const dispatched: AppAction[] = [];
	const ran: string[] = [];
	const leftovers = [{kind: 'volume', name: 'vantage6-a-user-vol', reason: 'volume of a node that is not running', ambiguous: false}];
	const row = {key: 'user/a', name: 'a', scope: 'user', configPath: '/c/a.yaml', problems: [], status, runs: [], helpers: [], leftovers, ...(container ? {container: {id: 'c1'}} : {})} as unknown as NodeRow;
	const action = (name: string) => () => {
		ran.push(name);
	};

	const context = {
		state: {...initialAppState, selectedKey: 'user/a'},
		dispatch: (action: AppAction) => dispatched.push(action),
		rows: [row],
		actions: {start: action('start'), stop: action('stop'), restart: action('restart'), remove: action('remove'), clean: action('clean')},
		hostEnv: {},
		tablePage: 5,
		detailPage: 5,
		detailMax: 0,
		runCount: 0,
		runOpen: false,
		log: {shown: 0, matchPositions: [], bodyHeight: 5, lines: () => []},
		saveLog: async () => '',
		services: {configs: {} as never, shell: async () => ({exitCode: 0})},
		refresh: async () => undefined,
		exit: action('exit'),
		where: 'table',
	} satisfies CommandContext;
	return {context, dispatched, ran};
}

const dangerous = (Object.keys(commands) as Command[]).filter(command => commandInfo(command).dangerous);

describe('the command dispatcher', () => {
	it.each(dangerous)('%s (dangerous) opens a confirmation and runs nothing', command => {
		const {context, dispatched, ran} = world(command === 'stop' || command === 'restart' ? 'running' : 'exited');
		runCommand(command, context);
		expect(ran).toEqual([]);
		expect(dispatched).toHaveLength(1);
		expect(dispatched[0]).toMatchObject({type: 'open-dialog'});
	});

	it('the handler of a dangerous command only names the dialog: the dispatcher opens it', () => {
		const {context, dispatched} = world('running');
		expect(handlers.stop(context)).toMatchObject({type: 'confirm', action: 'stop', commandLine: 'v6 node stop --name a --user'});
		expect(dispatched).toEqual([]);
	});

	it('a dangerous command that cannot run says why and opens nothing', () => {
		const {context, dispatched, ran} = world('exited');
		runCommand('stop', context);
		expect(ran).toEqual([]);
		expect(dispatched).toEqual([{type: 'status', message: {kind: 'info', text: 'a is not running.'}}]);
	});

	it('start is not dangerous: it runs at once', () => {
		const {context, dispatched, ran} = world('exited');
		runCommand('start', context);
		expect(ran).toEqual(['start']);
		expect(dispatched).toEqual([]);
	});
});
