import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		testTimeout: 30_000,
		hookTimeout: 120_000,
		// Integration tests share one Docker engine; two workers keep a 2-core machine responsive.
		maxWorkers: 2,
		globalSetup: ['test/helpers/global-setup.ts'],
		// Ink's chalk writes no SGR codes to a stream it thinks has no colours; UI tests check some.
		env: {FORCE_COLOR: '1'},
	},
});
