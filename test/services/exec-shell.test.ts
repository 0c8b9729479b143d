/**
 * runExec binds a terminal to an exec on the (fake) engine: typed bytes reach the process, its
 * output reaches the terminal, the size follows resizes, and a program that is not in the image
 * is named as such.
 */
import {describe, expect, it} from 'vitest';
import {isEngineError} from '../../source/docker/engine.js';
import {runExec, type ExecTerminal} from '../../source/services/exec-shell.js';
import {FakeDockerEngine} from '../helpers/fake-docker-engine.js';

function terminal(): {terminal: ExecTerminal; shown: () => string; type: (text: string) => void; resize: () => void; size: {rows: number; columns: number}} {
	let output = '';
	let onResize: (() => void) | undefined;
	let typed: ((data: Uint8Array) => void) | undefined;
	const size = {rows: 24, columns: 80};
	return {
		terminal: {
			write(piece) {
				output += Buffer.from(piece.data).toString();
				return undefined;
			},
			onInput(listener) {
				typed = listener;
				return () => {
					typed = undefined;
				};
			},
			tty: {
				size: () => ({...size}),
				onResize(listener) {
					onResize = listener;
					return () => {
						onResize = undefined;
					};
				},
			},
		},
		shown: () => output,
		type: text => typed?.(Buffer.from(text)),
		resize: () => onResize?.(),
		size,
	};
}

describe('runExec', () => {
	it('passes typed keys and output through, and the size on each resize, until the shell exits', async () => {
		const engine = new FakeDockerEngine();
		engine.plant('vantage6-a-user', {system: 'False', name: 'a'});
		const side = terminal();
		const running = runExec(engine, 'vantage6-a-user', ['sh'], side.terminal);
		await expect.poll(() => engine.execs.length).toBe(1);
		expect(engine.execs[0]!.request).toMatchObject({cmd: ['sh'], tty: true, stdin: true, size: {rows: 24, columns: 80}});
		side.type('echo x\r');
		await expect.poll(() => side.shown()).toContain('echo x');
		side.size.rows = 40;
		side.resize();
		await expect.poll(() => engine.execResizes).toEqual([{rows: 40, columns: 80}]);
		side.type('exit\r');
		expect(await running).toEqual({exitCode: 0});
		// The terminal is let go: later keys and resizes reach nothing.
		side.resize();
		expect(engine.execResizes).toHaveLength(1);
	});

	it('a program the image does not have: exit 126 and a sentence that says so', async () => {
		const engine = new FakeDockerEngine();
		engine.plant('vantage6-b-user', {system: 'False', name: 'b'});
		const outcome = await runExec(engine, 'vantage6-b-user', ['bash'], terminal().terminal);
		expect(outcome.exitCode).toBe(126);
		expect(outcome.problem).toMatch(/^the container has no 'bash' to run \(exit 126\)\. Docker said: OCI runtime exec failed/);
	});

	it('a program that exits 126 by itself is not mistaken for a missing one', async () => {
		const engine = new FakeDockerEngine();
		engine.plant('vantage6-c-user', {system: 'False', name: 'c'});
		expect(await runExec(engine, 'vantage6-c-user', ['sh', '-c', 'exit 126'], terminal().terminal)).toEqual({exitCode: 126});
	});

	it('a stopped container: a conflict that says a shell needs a running container', async () => {
		const engine = new FakeDockerEngine();
		engine.plant('vantage6-d-user', {system: 'False', name: 'd'});
		await engine.stopFromOutside('vantage6-d-user');
		await expect(runExec(engine, 'vantage6-d-user', ['sh'], terminal().terminal)).rejects.toSatisfy(
			error => isEngineError(error, 'conflict') && /vantage6-d-user is not running: a shell needs a running container/.test(error.message),
		);
	});
});
