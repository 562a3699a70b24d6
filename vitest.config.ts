import { defineConfig } from 'vitest/config';

export default defineConfig({
  // One copy of graphql-js: Node (and so Apollo and type-graphql) loads its CommonJS entry, while
  // vitest would load the .mjs build for a bare import, and their instanceof checks then fail.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['test/**/*.spec.ts'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // 2 cores: keep files in parallel modest so gRPC and SQLite tests stay deterministic.
    maxWorkers: 2,
  },
});
