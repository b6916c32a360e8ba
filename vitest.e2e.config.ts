import { defineConfig } from 'vitest/config';

// End-to-end: the real core in this Node process, the built renderer in headless Chromium.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['test/e2e/support/require-chromium.ts'],
  },
});
