/**
 * What the UI may call. Types only: cli.tsx builds the real implementations,
 * tests pass fakes.
 */
import type {DockerEngine} from '../docker/engine.js';
import type {HostConfigActions} from '../services/fleet.js';
import type {NodeService} from '../services/node-service.js';
import type {StatsSnapshot, StatsWatcher} from '../services/stats-watch.js';
import type {ExecOutcome} from '../services/exec-shell.js';
import type {AuditReading} from '../domain/audit-entry.js';

export type AppServices = {
	nodes: Pick<NodeService, 'list' | 'start' | 'stop' | 'restart' | 'remove' | 'inspect' | 'inspectContainer' | 'clean'>;
	/** Container events and logs (in a fleet: every host's events, each log from the container's own host). */
	engine: Pick<DockerEngine, 'events' | 'logs'>;
	/** Host environment for volume names in dialogs. */
	hostEnv: Readonly<Record<string, string | undefined>>;
	/** Node configs: create, edit, delete (to a backup), rotate the API key. */
	configs: HostConfigActions;
	/** Opens stats streams for the containers it is told to watch; hands over their latest samples at most once a second. */
	watchStats(onFlush: (cells: StatsSnapshot) => void): StatsWatcher;
	/** Writes a node's log lines to a new file and returns its path. */
	saveLog(nodeName: string, lines: readonly string[]): Promise<string>;
	/**
	 * A shell (`sh`) in a running container, on the whole terminal: the UI steps aside until it exits,
	 * then is drawn again as it was. Rejects when it could not start (an EngineError's message says why).
	 */
	shell(container: string): Promise<ExecOutcome>;
	/** Why every changing action is off (the services refuse them too); undefined when they are on. */
	readOnly?: string;
	/** Said in the status line at start (a settings file that is not valid). */
	startupWarning?: string;
	/** The audit logs, read bounded (the `A` list). */
	readAudit?: () => Promise<AuditReading>;
	/** Told an audit write failed (a message) or worked again (undefined); returns the unsubscribe. */
	onAuditProblem?: (listener: (problem: string | undefined) => void) => () => void;
};
