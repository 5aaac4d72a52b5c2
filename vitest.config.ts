import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      // Every suite but the browser and DOM ones: tests/main/ and tests/shared/ mirror the source tree; tests/faults/, tests/crash/,
      // tests/fuzz/ and tests/tooling/ cut across it.
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.{ts,tsx}'],
          exclude: ['**/node_modules/**', 'tests/e2e/**', 'tests/renderer/**'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      // The renderer's state and views in a DOM (happy-dom), against a real backend in the same process.
      {
        test: {
          name: 'renderer',
          include: ['tests/renderer/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
