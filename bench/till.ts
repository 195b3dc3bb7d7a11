// The till at scale, in Debian's Chromium against a real server (ARCHITECTURE §6: cold start with
// 100,000 products ≤ 5 s; search within 50 ms of a keystroke). The server (`cangshou serve`,
// e2e/support/server.ts) runs on a SQLite file seeded with BENCH_TILL_PRODUCTS products (default
// 100,000, bench/catalog.ts's generator); the till is paired and signed in through its screens.
// - first load: an empty IndexedDB, the cashier's PIN submitted → the full snapshot downloaded,
//   stored and indexed (scan-ready);
// - cold start: BENCH_TILL_RELOADS reloads (default 5) → the snapshot read back from IndexedDB,
//   the scan box up (the server answers, as at a shift change);
// - per keystroke: queries typed one character at a time into the scan box, timed from the input
//   event to React's committed render (search + results list), and the in-memory search alone.
// Requires a built dist/web (npm run build:web).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openDatabase } from '../src/db/dialect';
import { migrateToLatest } from '../src/db/migrate';
import { seedDemo } from '../src/server/seed/demo';
import { createServices } from '../src/server/services';
import { launchBrowser } from '../e2e/support/browser';
import { repoRoot, startServer } from '../e2e/support/server';
import { openShift, pairRegister, signInCashier } from '../e2e/support/till';
import { benchSku, ean, percentile, seedBenchProducts } from './catalog';

const N = Number(process.env.BENCH_TILL_PRODUCTS ?? 100_000);
const RELOADS = Number(process.env.BENCH_TILL_RELOADS ?? 5);
const ROUNDS = 5;
/** Long enough for a full pull of 100,000 products on a loaded 2-core box. */
const READY_TIMEOUT_MS = 300_000;

export interface Stats {
  samples: number;
  p50: number;
  p95: number;
  max: number;
}

export interface TillBench {
  products: number;
  seedSeconds: number;
  firstLoad: {
    /** PIN submitted → every product in the till's memory (wall clock, seen from the bench). */
    signInToReadyMs: number;
    /** The till's own figures for the full pull: download, IndexedDB write, scan maps. */
    refresh: Record<string, number>;
    snapshotRequests: number;
  };
  coldStart: {
    runs: {
      /** page.reload() → scan box up with every product in memory (wall clock). */
      reloadToReadyMs: number;
      /** The till's snapshot load (IndexedDB read, parse, scan maps). */
      snapshotLoadMs: number;
      parts: Record<string, number>;
    }[];
    reloadToReady: Stats;
    snapshotLoad: Stats;
  };
  keystrokes: { kind: string; query: string; hits: number; render: Stats; searchOnly: Stats }[];
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  return { samples: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] };
}

interface TillWindow {
  __tillCatalog?: { size: number; search(q: string, limit?: number): unknown[] };
  __tillColdStartMs?: number;
  __tillColdStart?: Record<string, number>;
  __tillRefresh?: Record<string, number>;
}

async function seededDataDir(log: (msg: string) => void): Promise<{ dir: string; seedSeconds: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cangshou-bench-till-'));
  // The file `cangshou serve` opens for DATA_DIR; not empty, so it seeds no demo of its own.
  const database = openDatabase({ sqliteFile: path.join(dir, 'cangshou.db'), sqliteSync: 'NORMAL' });
  await migrateToLatest(database);
  const s = createServices(database);
  const { companyId } = await seedDemo(s);
  const t0 = performance.now();
  await seedBenchProducts(s, companyId, N, log);
  const seedSeconds = (performance.now() - t0) / 1000;
  await database.close();
  return { dir, seedSeconds };
}

/** The catalog holds the seeded products (the demo's few come on top). */
const catalogReady = (page: Page, extra = '') =>
  page.waitForFunction(
    ([n, sel]) => (!sel || document.querySelector(sel as string)) && ((window as TillWindow).__tillCatalog?.size ?? 0) >= (n as number),
    [N, extra],
    { timeout: READY_TIMEOUT_MS, polling: 20 },
  );

async function firstLoad(page: Page, url: string): Promise<TillBench['firstLoad']> {
  await pairRegister(page, url);
  let snapshotRequests = 0;
  const count = (r: { url(): string }) => void (r.url().includes('/api/v1/till/snapshot') && snapshotRequests++);
  page.on('request', count);
  const t0 = performance.now();
  await signInCashier(page);
  await catalogReady(page);
  const signInToReadyMs = performance.now() - t0;
  // Both pulls started at sign-in (if more than one) have finished: the last one's figures.
  await page.waitForFunction(() => ((window as TillWindow).__tillRefresh?.products ?? 0) > 0, undefined, { timeout: READY_TIMEOUT_MS });
  const refresh = await page.evaluate(() => (window as TillWindow).__tillRefresh!);
  page.off('request', count);
  await openShift(page);
  return { signInToReadyMs, refresh, snapshotRequests };
}

async function coldStart(page: Page): Promise<TillBench['coldStart']['runs'][number]> {
  const t0 = performance.now();
  await page.reload();
  await catalogReady(page, '[data-testid=scan]');
  const reloadToReadyMs = performance.now() - t0;
  // Search keys are built in the task right after: wait so the next run starts from rest.
  await page.waitForFunction(() => (window as TillWindow).__tillColdStart?.searchIndexMs !== undefined, undefined, { timeout: READY_TIMEOUT_MS });
  const w = await page.evaluate(() => ({ ms: (window as TillWindow).__tillColdStartMs!, parts: (window as TillWindow).__tillColdStart! }));
  return { reloadToReadyMs, snapshotLoadMs: w.ms, parts: w.parts };
}

/** Types each query one character at a time into the scan box, ROUNDS times. */
async function keystrokes(page: Page): Promise<TillBench['keystrokes']> {
  const queries: [string, string][] = [
    ['barcode (scanner)', ean(Math.floor(N * 0.4321))],
    ['SKU', benchSku(Math.floor(N * 0.777))],
    ['name', '纯牛奶'],
    ['pinyin initials', 'kkkl'],
    ['full pinyin', 'chunniunai'],
    ['no match (every name read)', 'xyzq'],
  ];
  const out: TillBench['keystrokes'] = [];
  // tsx compiles with esbuild's keepNames: functions sent to the page call its `__name` helper.
  await page.evaluate('globalThis.__name ??= (f) => f');
  for (const [kind, query] of queries) {
    const r = await page.evaluate(
      async ({ query, rounds }) => {
        const input = document.querySelector<HTMLInputElement>('[data-testid=scan]')!;
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        // What a keystroke does to the controlled input: the value changes, React sees `input`.
        const type = (v: string) => {
          setValue.call(input, v);
          input.dispatchEvent(new Event('input', { bubbles: true }));
        };
        // A macrotask without timer clamping: React has committed the keystroke's render by then.
        const nextTask = () =>
          new Promise<void>((resolve) => {
            const c = new MessageChannel();
            c.port1.onmessage = () => resolve();
            c.port2.postMessage(null);
          });
        const catalog = (window as TillWindow).__tillCatalog!;
        const render: number[] = [];
        const searchOnly: number[] = [];
        let hits = 0;
        for (let round = 0; round < rounds; round++) {
          for (let i = 1; i <= query.length; i++) {
            const t0 = performance.now();
            type(query.slice(0, i));
            await nextTask();
            render.push(performance.now() - t0);
            if (input.value !== query.slice(0, i)) throw new Error(`the scan box shows "${input.value}", not "${query.slice(0, i)}"`);
            const t1 = performance.now();
            catalog.search(query.slice(0, i), 10);
            searchOnly.push(performance.now() - t1);
          }
          hits = document.querySelectorAll('[data-testid=results] .row').length;
          type('');
          await nextTask();
        }
        return { render, searchOnly, hits };
      },
      { query, rounds: ROUNDS },
    );
    out.push({ kind, query, hits: r.hits, render: stats(r.render), searchOnly: stats(r.searchOnly) });
  }
  return out;
}

export async function benchTill(log: (msg: string) => void = () => {}): Promise<TillBench> {
  if (!fs.existsSync(path.join(repoRoot, 'dist/web/till/index.html'))) throw new Error('dist/web/till is missing: run `npm run build:web` first');
  log(`Seeding ${N} products…`);
  const { dir, seedSeconds } = await seededDataDir(log);
  const server = await startServer({ dataDir: dir, readyTimeoutMs: 120_000 });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    log('First load (empty IndexedDB)…');
    const first = await firstLoad(page, server.url);
    const runs: TillBench['coldStart']['runs'] = [];
    for (let i = 0; i < RELOADS; i++) {
      log(`Cold start ${i + 1} / ${RELOADS}…`);
      runs.push(await coldStart(page));
    }
    log('Keystrokes…');
    const keys = await keystrokes(page);
    return {
      products: N,
      seedSeconds,
      firstLoad: first,
      coldStart: { runs, reloadToReady: stats(runs.map((r) => r.reloadToReadyMs)), snapshotLoad: stats(runs.map((r) => r.snapshotLoadMs)) },
      keystrokes: keys,
    };
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
