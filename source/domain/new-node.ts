/**
 * A new node config from the fields of a form (or the flags of `vnode-tui new`):
 * the field rules, and the config the official wizard (`v6 node new`) would
 * write for them, with its defaults. Pure, shared by the CLI and the TUI.
 */
import {apiKeyProblem, hasControlCharacters, imageReferenceProblem, serverUrlProblem} from './field-checks.js';
import {checkNodeName, databaseTypes, isIdentifier, logLevels, type LogLevel, type Scope} from './node-config.js';

export type DatabaseField = {label: string; uri: string; type: string};

export type NewNodeFields = {
	name: string;
	scope: Scope;
	serverUrl: string;
	/** Text as typed; empty means the wizard's default for the URL's scheme. */
	port: string;
	apiPath: string;
	apiKey: string;
	/** Empty means the node's data dir, as the wizard suggests. */
	taskDir: string;
	databases: DatabaseField[];
	logLevel: string;
	encryption: boolean;
	privateKey: string;
	/** Optional `images.node`. */
	image: string;
};

export type FieldErrors = Partial<Record<keyof NewNodeFields | `databases.${number}`, string>>;

export const newNodeDefaults: Omit<NewNodeFields, 'name' | 'apiKey'> = {
	scope: 'user',
	serverUrl: 'http://localhost',
	port: '',
	apiPath: '/api',
	taskDir: '',
	databases: [],
	logLevel: 'INFO',
	encryption: false,
	privateKey: '',
	image: '',
};

/** The wizard's port: 443 for https, else 7601. */
export function defaultPort(serverUrl: string): number {
	return serverUrl.trim().startsWith('https') ? 443 : 7601;
}

export function validateNewNode(fields: NewNodeFields): FieldErrors {
	const errors: FieldErrors = {};
	const nameProblem = checkNodeName(fields.name);
	if (nameProblem) {
		errors.name = nameProblem;
	}

	const urlProblem = serverUrlProblem(fields.serverUrl.trim());
	if (urlProblem) {
		errors.serverUrl = urlProblem;
	}

	if (fields.port.trim() !== '') {
		const port = Number(fields.port);
		if (!Number.isInteger(port) || port < 1 || port > 65_535) {
			errors.port = 'The port is a whole number from 1 to 65535 (empty: 443 for https, else 7601).';
		}
	}

	if (fields.apiPath !== '' && !fields.apiPath.startsWith('/')) {
		errors.apiPath = "The API path starts with '/' (e.g. /api), or is empty.";
	}

	const keyProblem = apiKeyProblem(fields.apiKey.trim());
	if (keyProblem) {
		errors.apiKey = keyProblem;
	}

	if (fields.taskDir !== '' && !fields.taskDir.startsWith('/')) {
		errors.taskDir = 'The task dir is an absolute path (or empty for the node data dir).';
	}

	const labels = new Set<string>();
	for (const [index, database] of fields.databases.entries()) {
		const problem = databaseProblem(database, labels);
		if (problem) {
			errors[`databases.${index}`] = problem;
		}

		labels.add(database.label);
	}

	if (!logLevels.includes(fields.logLevel as LogLevel)) {
		errors.logLevel = `The log level is one of ${logLevels.join(', ')}.`;
	}

	const image = fields.image.trim();
	const imageProblem = image === '' ? undefined : imageReferenceProblem(image);
	if (imageProblem) {
		errors.image = imageProblem;
	}

	// Every other text field ends up in the YAML file as it is: a line break there could add a key.
	for (const key of ['port', 'apiPath', 'taskDir', 'privateKey', 'logLevel'] as const) {
		if (!errors[key] && hasControlCharacters(fields[key])) {
			errors[key] = 'No line breaks, tabs or control characters here.';
		}
	}

	return errors;
}

function databaseProblem(database: DatabaseField, seen: ReadonlySet<string>): string | undefined {
	if (!isIdentifier(database.label)) {
		return `Label '${database.label}': letters, digits and _ only, not starting with a digit.`;
	}

	if (seen.has(database.label)) {
		return `Label '${database.label}' is used twice.`;
	}

	if (hasControlCharacters(database.uri)) {
		return `Database '${database.label}': the uri has no line breaks, tabs or control characters.`;
	}

	if (database.uri.trim() === '') {
		return `Database '${database.label}' needs a uri (a file path, or a connection URL).`;
	}

	if (!(databaseTypes as readonly string[]).includes(database.type)) {
		return `Database '${database.label}': the type is one of ${databaseTypes.join(', ')}.`;
	}

	return undefined;
}

/** The config the official wizard would write for these fields (its fixed logging block included). */
export function newNodeConfig(fields: NewNodeFields, dataDir: string): Record<string, unknown> {
	const serverUrl = fields.serverUrl.trim().replace(/\/+$/, '');
	return {
		api_key: fields.apiKey.trim(),
		server_url: serverUrl,
		port: fields.port.trim() === '' ? defaultPort(serverUrl) : Number(fields.port),
		api_path: fields.apiPath,
		task_dir: fields.taskDir || dataDir,
		databases: fields.databases.map(database => ({label: database.label, uri: database.uri, type: database.type})),
		logging: {
			level: fields.logLevel,
			use_console: true,
			backup_count: 5,
			max_size: 1024,
			format: '%(asctime)s - %(name)-14s - %(levelname)-8s - %(message)s',
			datefmt: '%Y-%m-%d %H:%M:%S',
			loggers: ['urllib3', 'requests', 'engineio.client', 'docker.utils.config', 'docker.auth'].map(name => ({name, level: 'warning'})),
		},
		encryption: {enabled: fields.encryption, private_key: fields.privateKey},
		...(fields.image.trim() ? {images: {node: fields.image.trim()}} : {}),
	};
}

/** `label=uri:type` (the `--db` flag); the type is after the last colon. */
export function parseDatabaseFlag(text: string): DatabaseField | undefined {
	const match = /^([^=]+)=(.+):([a-z]+)$/.exec(text);
	return match ? {label: match[1]!, uri: match[2]!, type: match[3]!} : undefined;
}

/** A change to one value of a config file (`value: undefined` deletes the key). */
export type FieldChange = {path: Array<string | number>; value: unknown};

/** The form fields of an existing config, for the edit form. */
export function fieldsOfConfig(config: Record<string, unknown>, name: string, scope: Scope): NewNodeFields {
	const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
	const logging = (config['logging'] ?? {}) as Record<string, unknown>;
	const encryption = (config['encryption'] ?? {}) as Record<string, unknown>;
	const images = (config['images'] ?? {}) as Record<string, unknown>;
	const databases = Array.isArray(config['databases']) ? (config['databases'] as Array<Record<string, unknown>>) : [];
	return {
		name,
		scope,
		serverUrl: text(config['server_url']),
		port: text(config['port']),
		apiPath: text(config['api_path']),
		apiKey: text(config['api_key']),
		taskDir: text(config['task_dir']),
		databases: databases.map(database => ({label: text(database['label']), uri: text(database['uri']), type: text(database['type'])})),
		logLevel: text(logging['level']),
		encryption: encryption['enabled'] === true,
		privateKey: text(encryption['private_key']),
		image: text(images['node']),
	};
}

/** Only what the form changed, as changes to the file; everything else stays as the user wrote it. */
export function changesBetween(before: NewNodeFields, after: NewNodeFields): FieldChange[] {
	const changes: FieldChange[] = [];
	const scalar = (key: keyof NewNodeFields, path: Array<string | number>, value: unknown) => {
		if (before[key] !== after[key]) {
			changes.push({path, value});
		}
	};

	scalar('serverUrl', ['server_url'], after.serverUrl.trim().replace(/\/+$/, ''));
	scalar('port', ['port'], after.port.trim() === '' ? defaultPort(after.serverUrl) : Number(after.port));
	scalar('apiPath', ['api_path'], after.apiPath);
	scalar('apiKey', ['api_key'], after.apiKey.trim());
	scalar('taskDir', ['task_dir'], after.taskDir);
	scalar('logLevel', ['logging', 'level'], after.logLevel);
	scalar('encryption', ['encryption', 'enabled'], after.encryption);
	scalar('privateKey', ['encryption', 'private_key'], after.privateKey);
	if (before.image !== after.image) {
		changes.push({path: ['images', 'node'], value: after.image.trim() === '' ? undefined : after.image.trim()});
	}

	if (JSON.stringify(before.databases) !== JSON.stringify(after.databases)) {
		changes.push({path: ['databases'], value: after.databases.map(database => ({...database}))});
	}

	return changes;
}

/** Fields a form can change, in form order. */
const editableFields = ['serverUrl', 'port', 'apiPath', 'apiKey', 'taskDir', 'logLevel', 'encryption', 'privateKey', 'image', 'databases'] as const;

export type EditableField = (typeof editableFields)[number];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Fields the form changed that also changed on disk since the form loaded them,
 * to something else: saving would overwrite someone's edit without a word.
 */
export function conflictingFields(loaded: NewNodeFields, edited: NewNodeFields, onDisk: NewNodeFields): EditableField[] {
	return editableFields.filter(field => !same(loaded[field], edited[field]) && !same(onDisk[field], loaded[field]) && !same(onDisk[field], edited[field]));
}

/** The edited values with the given fields put back as loaded: saving them leaves what is on disk. */
export function withoutEdits(loaded: NewNodeFields, edited: NewNodeFields, fields: readonly EditableField[]): NewNodeFields {
	return {...edited, ...Object.fromEntries(fields.map(field => [field, loaded[field]]))};
}
