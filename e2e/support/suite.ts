// The usual life of an e2e suite: a real server on a fresh data directory and Debian's Chromium,
// started before its tests and closed after them. Suites that point at an external server or
// restart theirs keep their own hooks.
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';

export interface ServerAndBrowser {
  server: RunningServer;
  browser: Browser;
}

/**
 * Registers the suite's beforeAll/afterAll and returns the object they fill in: read its fields
 * in hooks and tests, not at the top level. Call it before the suite's own hooks: vitest runs
 * before-hooks in order and after-hooks in reverse, so the suite's set-up finds the server
 * running and its clean-up runs before the browser and server close.
 */
export function useServerAndBrowser(): ServerAndBrowser {
  const suite = {} as ServerAndBrowser;
  beforeAll(async () => {
    suite.server = await startServer();
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    // Either may be missing when its start failed.
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}
