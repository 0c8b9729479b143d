import {defineConfig} from 'vitest/config';
// @ts-expect-error: plain ESM build script, no types
import {patchedPackages, sourcePatchesVitePlugin} from './scripts/source-patches.mjs';

/** Tests that need no Docker engine and no built bundle: `npm run test:unit`, well under a minute. */
const unitTests = ['test/*.test.ts', 'test/{audit,build,commands,config,docker,domain,launch,services,state,ui}/**/*.test.{ts,tsx}'];
/** Tests that run the built binary (`dist/`, built first if missing): `*.dist.test.ts`. */
const distTests = 'test/**/*.dist.test.ts';
/** Tests against the real engine and the built binary, some in a pseudo-terminal. */
const integrationTests = ['test/{contract,integration,e2e}/**/*.test.{ts,tsx}', distTests];

export default defineConfig({
	// The build patches some dependencies (scripts/source-patches.mjs); the tests run the same patched
	// text. docker-modem and dockerode are CommonJS, which vitest leaves to Node: their patches only defer
	// loading modules, and test/build/source-patches.test.ts loads them patched.
	plugins: [sourcePatchesVitePlugin],
	test: {
		testTimeout: 30_000,
		hookTimeout: 120_000,
		// Integration tests share one Docker engine; two workers keep a 2-core machine responsive.
		maxWorkers: 2,
		// A shared engine, pseudo-terminals and UI waits on a loaded machine make for rare timing misses: one
		// retry, and .ci/run names every test that needed it, so flakiness stays visible instead of failing a landing.
		retry: 1,
		// Ink's chalk writes no SGR codes to a stream it thinks has no colours; UI tests check some.
		env: {FORCE_COLOR: '1'},
		server: {deps: {inline: (patchedPackages as string[]).filter(name => name !== 'docker-modem' && name !== 'dockerode')}},
		projects: [
			{extends: true, test: {name: 'unit', include: unitTests, exclude: [distTests]}},
			{extends: true, test: {name: 'integration', include: integrationTests, globalSetup: ['test/helpers/global-setup.ts']}},
		],
	},
});
