/** Config objects and YAML texts the tests start from. */
export function validConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		api_key: 'secret-api-key-0123456789',
		server_url: 'http://localhost',
		port: 7601,
		api_path: '/api',
		task_dir: '/tmp/tasks',
		databases: [],
		logging: {
			level: 'INFO',
			use_console: true,
			backup_count: 5,
			max_size: 1024,
			format: '%(asctime)s - %(message)s',
			datefmt: '%Y-%m-%d %H:%M:%S',
		},
		encryption: {enabled: false, private_key: ''},
		...overrides,
	};
}

export const commentedConfigYaml = `# Node of hospital A — edited by hand
api_key: secret-api-key-0123456789 # from the server admin
server_url: http://localhost
port: '7601'
api_path: /api
task_dir: /tmp/tasks
databases:
- label: default
  uri: /data/default.csv
  type: csv
logging:
  level: INFO # DEBUG when troubleshooting
  use_console: true
  backup_count: 5
  max_size: 1024
  format: "%(asctime)s - %(name)-14s - %(levelname)-8s - %(message)s"
  datefmt: "%Y-%m-%d %H:%M:%S"
encryption:
  enabled: no
  private_key:
my_site_notes: {owner: ops, ticket: 42}
policies:
  allowed_algorithms:
    - ^harbor2\\.vantage6\\.ai/.*
`;
