import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // A poll waits for the page to catch up with the server; 1 s (the default) is too short on a
    // loaded CI machine (a reversal then a list reload took longer once).
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
