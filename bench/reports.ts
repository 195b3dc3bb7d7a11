// `npm run bench -- reports`: report reads over a seeded sales history (docs/analytics.md).
// Daily sales by store × category for a month (budget p95 ≤ 200 ms, from rollup_category_day) and a
// month's profit and loss (budget p95 ≤ 500 ms, from rollup_account_day), on SQLite and, when
// BENCH_DATABASE_URL or TEST_DATABASE_URL names one, on PostgreSQL. Size: BENCH_REPORT_SALES sales
// (default 20,000) over 12 months; or BENCH_REPORT_DB=<sqlite file> to measure a database seeded
// beforehand with `cangshou seed --products … --stores … --sales 10000000 --bulk`, and
// BENCH_REPORT_URL=<postgres url> the same for a PostgreSQL database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { addDays } from '../src/core/time/calendar-date';
import { businessDate } from '../src/core/time/business-date';
import { openDatabase, type Database, type DialectName } from '../src/db/dialect';
import { migrateToLatest } from '../src/db/migrate';
import { firstOwner } from '../src/server/auth/owner-context';
import { seedBulkSales } from '../src/server/seed/bulk-sales';
import { seedDemo } from '../src/server/seed/demo';
import { seedScale } from '../src/server/seed/scale';
import { createServices } from '../src/server/services';

export interface ReportTiming {
  what: string;
  samples: number;
  p50: number;
  p95: number;
  budgetMs: number;
}

export interface ReportsBench {
  dialect: DialectName;
  sales: number;
  saleLines: number;
  seedSeconds: number;
  seedSalesPerSecond: number;
  month: { from: string; to: string };
  timings: ReportTiming[];
}

const SAMPLES = 30;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function time(what: string, budgetMs: number, fn: () => Promise<unknown>): Promise<ReportTiming> {
  await fn(); // warm-up: statement caches, page cache
  const t: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    await fn();
    t.push(performance.now() - start);
  }
  t.sort((a, b) => a - b);
  return { what, samples: SAMPLES, p50: percentile(t, 50), p95: percentile(t, 95), budgetMs };
}

async function openFresh(dialect: DialectName): Promise<{ database: Database; dispose: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const existing = process.env.BENCH_REPORT_DB;
    if (existing) return { database: openDatabase({ sqliteFile: existing, sqliteSync: 'NORMAL' }), dispose: async () => {} };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cangshou-bench-reports-'));
    const database = openDatabase({ sqliteFile: path.join(dir, 'cangshou.db'), sqliteSync: 'NORMAL' });
    return { database, dispose: async () => (await database.close(), fs.rmSync(dir, { recursive: true, force: true })) };
  }
  const seeded = process.env.BENCH_REPORT_URL;
  if (seeded) return { database: openDatabase({ url: seeded }), dispose: async () => {} };
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('no BENCH_DATABASE_URL or TEST_DATABASE_URL');
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const database = openDatabase({ url, pgSchema: schema });
  return {
    database,
    dispose: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

export async function benchReports(dialect: DialectName, log: (m: string) => void = () => {}): Promise<ReportsBench> {
  const { database, dispose } = await openFresh(dialect);
  try {
    await migrateToLatest(database);
    const s = createServices(database);
    const toSeed = Number(process.env.BENCH_REPORT_SALES ?? 20_000);
    let seedSeconds = 0;
    let seedSalesPerSecond = 0;
    if (!(await firstOwner(s.db))) {
      await seedDemo(s);
      await seedScale(s, { products: 2000, stores: 4 });
      log(`${dialect}: seeding ${toSeed} sales in bulk…`);
      const r = await seedBulkSales(s, database, { sales: toSeed, months: 12 });
      seedSeconds = r.seconds;
      seedSalesPerSecond = r.sales / r.seconds;
    }
    const owner = (await firstOwner(s.db))!;
    // Counted, not taken from the seed: a database seeded beforehand has its own size.
    const sales = Number((await sql<{ n: number }>`SELECT CAST(COUNT(*) AS BIGINT) AS n FROM documents WHERE type = 'sale'`.execute(s.db)).rows[0].n);
    const saleLines = Number((await sql<{ n: number }>`SELECT CAST(COUNT(*) AS BIGINT) AS n FROM document_lines dl JOIN documents d ON d.id = dl.document_id WHERE d.type = 'sale'`.execute(s.db)).rows[0].n);
    // The last whole calendar month.
    const today = businessDate(new Date(), 'Asia/Shanghai');
    const to = addDays(`${today.slice(0, 7)}-01`, -1);
    const from = `${to.slice(0, 7)}-01`;
    const stores = (await s.db.selectFrom('stores').select('id').execute()).map((r) => r.id);
    await s.rollups.catchUp();
    const timings = [
      await time('daily sales by store × category, one month', 200, () =>
        s.db
          .selectFrom('rollup_category_day')
          .select(['store_id', 'business_date', 'category_id', sql<number>`SUM(sales - returns)`.as('net_sales'), sql<number>`SUM(cost)`.as('cost'), sql<number>`SUM(tax)`.as('tax'), sql<number>`SUM(sold_qty - returned_qty)`.as('qty')])
          .where('store_id', 'in', stores)
          .where('business_date', '>=', from)
          .where('business_date', '<=', to)
          .groupBy(['store_id', 'business_date', 'category_id'])
          .execute(),
      ),
      await time('profit and loss, one month, all stores', 500, () => s.reports.profitAndLoss(owner, { from, to })),
      await time('sales analytics by category, one month, 环比', 200, () => s.analytics.sales(owner, { from, to, by: 'category', compare: 'previous', lang: 'zh-CN' })),
      await time('dashboard, one month, all stores', 500, () => s.analytics.dashboard(owner, { from, to })),
      // No budget of its own: an accounting report, held to the profit and loss's.
      await time('VAT summary, month', 500, () => s.reports.vatSummary(owner, { from, to })),
    ];
    return { dialect, sales, saleLines, seedSeconds, seedSalesPerSecond, month: { from, to }, timings };
  } finally {
    await dispose();
  }
}

