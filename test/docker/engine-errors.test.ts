import {describe, expect, it} from 'vitest';
import {socketPermissionMessage, toEngineError} from '../../source/docker/engine-errors.js';

describe('toEngineError', () => {
	it('reads EACCES on the socket as a permission problem with its fix, not as an engine that is down', () => {
		const error = toEngineError(Object.assign(new Error('connect EACCES /var/run/docker.sock'), {code: 'EACCES'}), '/var/run/docker.sock');
		expect(error.kind).toBe('permission');
		expect(error.message).toMatch(/^No permission to use the Docker engine at \/var\/run\/docker\.sock: user \S+ is not in the 'docker' group\. Fix: 'sudo usermod -aG docker \S+' and log in again, or run vnode-tui with sudo\.$/);
		expect(error.message).not.toMatch(/reach|running\?/);
	});

	it('names the user, or $USER when the name could not be printed safely', () => {
		expect(socketPermissionMessage('/s', 'alice')).toContain("user alice is not in the 'docker' group. Fix: 'sudo usermod -aG docker alice'");
		expect(socketPermissionMessage('/s', undefined)).toContain("this user is not in the 'docker' group. Fix: 'sudo usermod -aG docker $USER'");
	});

	it('keeps ECONNREFUSED an engine that is down', () => {
		expect(toEngineError(Object.assign(new Error('refused'), {code: 'ECONNREFUSED'}), '/s').kind).toBe('daemon-unreachable');
	});
});
