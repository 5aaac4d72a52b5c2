import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      // Every suite but the browser one: tests/main/ and tests/shared/ mirror the source tree; tests/faults/, tests/crash/,
      // tests/fuzz/ and tests/tooling/ cut across it.
      {
        test: {
          name: 'unit', include: ['tests/**/*.test.{ts,tsx}'], exclude: ['**/node_modules/**', 'tests/e2e/**'],
          environment: 'node', testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node',
          testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false,
        },
      },
    ],
  },
});
