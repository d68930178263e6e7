import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test file's temporary folders are removed after it.
    setupFiles: ['test/cleanup.ts'],
    // End-to-end tests print real PDFs with Chromium: give them time, and do not
    // run more of them at once than these 2-core machines can carry.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    env: { TZ: 'America/Los_Angeles' },
  },
});
