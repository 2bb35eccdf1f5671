import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file opens its own database; two cores run two files at a time.
    maxWorkers: 2,
    globalSetup: ['test/support/build-web.ts'],
  },
});
