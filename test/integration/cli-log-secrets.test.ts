/**
 * A node that logs its secrets (nodes print their config and connection
 * strings at start-up): `vnode-tui logs` shows the lines with every secret
 * masked, on the real engine.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, dockerSkipReason, dockerTitle, fixtureImage, removeNodeLeftovers} from '../helpers/docker.js';
import {Sandbox, uniqueNodeName} from '../helpers/sandbox.js';

const secretLines = [
	'api_key: PLANTED-log-key',
	'db postgresql://u:PLANTED-log-pw1@h/db?password=PLANTED-log-pw2',
	'dsn host=db password=PLANTED-log-pw3 dbname=a',
	'{"password": "PLANTED-log-pw4"}',
];

describe.skipIf(dockerSkipReason)(dockerTitle('secrets a node logs are masked'), () => {
	const sandbox = new Sandbox();
	const name = uniqueNodeName('logsecret');

	beforeAll(async () => {
		const container = await docker.createContainer({
			name: `vantage6-${name}-user`,
			Image: fixtureImage,
			Cmd: ['sh', '-c', `${secretLines.map(line => `echo '${line}'`).join('; ')}; echo done-marker`],
			Labels: {'vantage6-type': 'node', system: 'False', name},
		});
		await container.start();
		await container.wait();
	}, 60_000);

	afterAll(async () => {
		await removeNodeLeftovers(name);
		sandbox.cleanup();
	});

	it('vnode-tui logs prints every line, each secret masked', async () => {
		const result = await sandbox.run(['logs', name]);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toContain('done-marker');
		expect(result.stdout).toContain('api_key: ••••••••');
		expect(result.stdout).toContain('postgresql://u:••••••••@h/db');
		expect(result.stdout).not.toMatch(/PLANTED/);
	});
});
