/**
 * The official client's tests (`npm run test:esdb-conformance`), run as they are with vitest:
 * jest's globals mapped onto vitest's (setup.ts), `@test-utils` replaced by a shim that starts
 * test doubles (test-utils.ts), the client and gRPC resolved from this repository; the files of
 * `RUN_ALONE` after all the others, on their own.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { RUN, RUN_ALONE, SKIPPED, skippedTestsPattern, TEST_PACKAGE } from './suite.js';

const repo = resolve(import.meta.dirname, '..');
const modules = resolve(repo, 'node_modules');

export default defineConfig({
  root: TEST_PACKAGE,
  resolve: {
    alias: [
      { find: /^@test-utils$/, replacement: resolve(import.meta.dirname, 'test-utils.ts') },
      { find: /^@conformance-utils\/(.*)$/, replacement: resolve(TEST_PACKAGE, 'src/utils/$1') },
      { find: /^@eventstore\/db-client$/, replacement: resolve(modules, '@eventstore/db-client/dist/index.js') },
      { find: /^@eventstore\/db-client\/(.*)$/, replacement: resolve(modules, '@eventstore/db-client/$1') },
      { find: /^uuid$/, replacement: resolve(modules, '@eventstore/db-client/node_modules/uuid/dist/index.js') },
      { find: /^@grpc\/grpc-js$/, replacement: resolve(modules, '@grpc/grpc-js/build/src/index.js') },
    ],
  },
  test: {
    // `vitest list` of the files not run (run.ts), to name their tests in the skipped list.
    projects: process.env.ESDB_CONFORMANCE_LIST
      ? [{ extends: true, test: { name: 'not run', include: Object.keys(SKIPPED) } }]
      : [
          { extends: true, test: { name: 'client tests', include: RUN.filter((file) => !RUN_ALONE.includes(file)) } },
          ...RUN_ALONE.map((file, i) => ({ extends: true, test: { name: `alone ${i + 1}`, include: [file], sequence: { groupOrder: 1 + i } } })),
        ],
    testNamePattern: skippedTestsPattern(),
    globals: true,
    globalSetup: [resolve(import.meta.dirname, 'global-setup.ts')],
    setupFiles: [resolve(import.meta.dirname, 'setup.ts')],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    server: { deps: { external: [/node_modules/] } },
  },
});
