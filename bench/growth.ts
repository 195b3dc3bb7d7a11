// Posting cost as the books grow (ARCHITECTURE §6: from empty to 10,000,000 sale lines ≤ 1.2 ×):
// the in-process checkout with 32 cashiers on a fresh SQLite shop file, then again after
// `seedBulkSales` wrote BENCH_GROWTH_SALES sales of history (1–5 lines each, ~3 on average:
// 3,400,000 sales ≈ 10 M lines; the default keeps `npm run bench` short). CPU per sale is the
// figure compared; wall time is shown too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/dialect';
import { migrateToLatest } from '../src/db/migrate';
import { seedBulkSales } from '../src/server/seed/bulk-sales';
import { createServices } from '../src/server/services';
import { postConcurrently } from './sales';
import { seedSalesShop } from './sales-fixture';

export interface GrowthBench {
  historySales: number;
  historyLines: number;
  seedSeconds: number;
  rows: { when: string; saleLines: number; sales: number; perSecond: number; cpuMsPerSale: number }[];
  ratio: number;
}

const SALES = Number(process.env.BENCH_SALES ?? 3000);
const HISTORY = Number(process.env.BENCH_GROWTH_SALES ?? 340_000);

export async function benchGrowth(log: (m: string) => void): Promise<GrowthBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cangshou-bench-growth-'));
  const database = openDatabase({ sqliteFile: path.join(dir, 'bench.db'), sqliteSync: 'FULL' });
  try {
    await migrateToLatest(database);
    const s = createServices(database);
    const shop = await seedSalesShop(s, { stores: 4, registersPerStore: 8, products: 500 });
    const saleLines = async () => Number((await s.db.selectFrom('stock_moves').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows: GrowthBench['rows'] = [];
    const measure = async (when: string) => {
      const lines = await saleLines();
      const r = await postConcurrently(s, shop, SALES, 0);
      rows.push({ when, saleLines: lines, sales: SALES, perSecond: r.perSecond, cpuMsPerSale: r.cpuMsPerSale });
    };
    await postConcurrently(s, shop, 200, 0); // warm-up: JIT, statement cache
    await measure('empty');
    log(`growth: writing ${HISTORY} sales of history…`);
    const seeded = await seedBulkSales(s, database, { sales: HISTORY, onProgress: (phase, done, total) => done === total && log(`growth: ${phase} done`) });
    // The history's last transactions left a large WAL: fold it into the database file first, so
    // the checkpoint of the seed is not counted against the sales measured (CPU is per process).
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(s.db);
    await postConcurrently(s, shop, 200, SALES);
    await measure('after history');
    return { historySales: HISTORY, historyLines: seeded.lines, seedSeconds: seeded.seconds + seeded.rollupSeconds, rows, ratio: rows[1].cpuMsPerSale / rows[0].cpuMsPerSale };
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
