import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node', testTimeout: 30_000 } },
      // The renderer's state and views in a DOM (happy-dom), against a real backend in the same process.
      { test: { name: 'renderer', include: ['tests/renderer/**/*.test.{ts,tsx}'], environment: 'happy-dom', testTimeout: 30_000 } },
      {
        test: {
          name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node',
          testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false,
        },
      },
    ],
  },
});
