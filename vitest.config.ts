import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.spec.ts'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // 2 cores: keep files in parallel modest so gRPC and SQLite tests stay deterministic.
    maxWorkers: 2,
  },
});
