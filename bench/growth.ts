// Posting cost as the books grow (ARCHITECTURE §6: from empty to 10,000,000 sale lines ≤ 1.2 ×):
// the in-process checkout with 32 cashiers on a fresh SQLite shop file, then again after
// `seedBulkSales` wrote BENCH_GROWTH_SALES sales of history (1–5 lines each, ~3 on average:
// 3,400,000 sales ≈ 10 M lines; the default keeps `npm run bench` short). CPU per sale is the
// figure compared; wall time is shown too. Both measurements start from the same stock on hand
// (every product topped up to RESTOCK_TO in every store): the history sells without receipts and
// would otherwise leave every product below zero, and selling below zero is another path (review
// flags, last known cost), not the cost of a bigger file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { uuidv7 } from '../src/core/id/uuidv7';
import { openDatabase } from '../src/db/dialect';
import { migrateToLatest } from '../src/db/migrate';
import { seedBulkSales } from '../src/server/seed/bulk-sales';
import { createServices, type Services } from '../src/server/services';
import { postConcurrently } from './sales';
import { seedSalesShop, type SalesShop } from './sales-fixture';

export interface GrowthBench {
  historySales: number;
  historyLines: number;
  seedSeconds: number;
  rows: { when: string; saleLines: number; sales: number; perSecond: number; cpuMsPerSale: number }[];
  ratio: number;
}

const SALES = Number(process.env.BENCH_SALES ?? 3000);
const HISTORY = Number(process.env.BENCH_GROWTH_SALES ?? 340_000);
const WARM_UP = 3000;

export async function benchGrowth(log: (m: string) => void): Promise<GrowthBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cangshou-bench-growth-'));
  const database = openDatabase({ sqliteFile: path.join(dir, 'bench.db'), sqliteSync: 'FULL' });
  try {
    await migrateToLatest(database);
    const s = createServices(database);
    const shop = await seedSalesShop(s, { stores: 4, registersPerStore: 8, products: 500 });
    const saleLines = async () => Number((await s.db.selectFrom('stock_moves').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows: GrowthBench['rows'] = [];
    // Both measurements start alike: stock topped up, the WAL folded into the file (the restock's
    // and, after it, the history's: their checkpoint is not the sales' cost, and CPU is counted
    // per process), then warm-up sales (JIT, statement cache, the pages the sales touch).
    const measure = async (when: string) => {
      await restock(s, shop);
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(s.db);
      await postConcurrently(s, shop, WARM_UP, 0);
      const lines = await saleLines();
      const r = await postConcurrently(s, shop, SALES, WARM_UP);
      rows.push({ when, saleLines: lines, sales: SALES, perSecond: r.perSecond, cpuMsPerSale: r.cpuMsPerSale });
    };
    await measure('empty');
    log(`growth: writing ${HISTORY} sales of history…`);
    const seeded = await seedBulkSales(s, database, { sales: HISTORY, onProgress: (phase, done, total) => done === total && log(`growth: ${phase} done`) });
    await measure('after history');
    return { historySales: HISTORY, historyLines: seeded.lines, seedSeconds: seeded.seconds + seeded.rollupSeconds, rows, ratio: rows[1].cpuMsPerSale / rows[0].cpuMsPerSale };
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Thousandths on hand each product starts a measurement with, in every store (100 units). */
const RESTOCK_TO = 100_000;

/** Tops every product up to RESTOCK_TO in every store with opening-balance documents. */
async function restock(s: Services, shop: SalesShop): Promise<void> {
  const onHand = await s.db
    .selectFrom('stock_balances')
    .select(['store_id', 'product_id', (eb) => eb.fn.sum<number>('qty').as('qty')])
    .groupBy(['store_id', 'product_id'])
    .execute();
  const qtyOf = new Map(onHand.map((r) => [`${r.store_id}|${r.product_id}`, Number(r.qty)]));
  for (const storeId of new Set(shop.tills.map((t) => t.storeId))) {
    const stock = shop.products
      .map((p) => ({ productId: p.id, qty: RESTOCK_TO - (qtyOf.get(`${storeId}|${p.id}`) ?? 0), unitCost: 100 }))
      .filter((l) => l.qty > 0);
    for (let i = 0; i < stock.length; i += 1000) {
      await s.documents.postOpeningBalance(shop.owner, { id: uuidv7(), storeId, stock: stock.slice(i, i + 1000), accounts: [] });
    }
  }
}
