// Posting 5-line sales in process through the real checkout (price check, tender, FEFO stock,
// costing, journal, audit, sales rows) with 32 concurrent cashiers, against a raw better-sqlite3
// loop writing the same rows (ARCHITECTURE §6). SQLite synchronous=FULL on a file for both.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/dialect';
import { migrateToLatest } from '../src/db/migrate';
import { createServices, type Services } from '../src/server/services';
import { rawSaleLoop } from './raw-sale';
import { benchSale, seedSalesShop, type SalesShop } from './sales-fixture';

export interface SalesBench {
  /** cpuMsPerSale: this process's CPU per sale, steadier than wall time on a shared machine. */
  rows: { name: string; sales: number; seconds: number; perSecond: number; cpuMsPerSale: number }[];
  ratios: Record<string, number>;
}

const SALES = Number(process.env.BENCH_SALES ?? 6000);
const CASHIERS = 32;

/**
 * `sales` sales from every till of the shop at once (one cashier per register, group commit),
 * numbered from `first` so each has its own basket: sales/s and this process's CPU per sale.
 */
export async function postConcurrently(s: Services, shop: SalesShop, sales: number, first: number): Promise<{ perSecond: number; cpuMsPerSale: number }> {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    shop.tills.map(async (till) => {
      while (next < sales) await s.sales.post(shop.owner, benchSale(shop, till, first + next++));
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu);
  return { perSecond: sales / seconds, cpuMsPerSale: (used.user + used.system) / 1000 / sales };
}

export async function benchSales(): Promise<SalesBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cangshou-bench-sales-'));
  const file = path.join(dir, 'bench.db');
  const database = openDatabase({ sqliteFile: file, sqliteSync: 'FULL' });
  await migrateToLatest(database);
  const s = createServices(database);
  const shop = await seedSalesShop(s, { stores: 4, registersPerStore: CASHIERS / 4, products: 500 });
  const rows: SalesBench['rows'] = [];
  let cpu = process.cpuUsage();
  const record = (name: string, sales: number, seconds: number) => {
    const used = process.cpuUsage(cpu);
    rows.push({ name, sales, seconds, perSecond: sales / seconds, cpuMsPerSale: (used.user + used.system) / 1000 / sales });
  };
  const start = () => {
    cpu = process.cpuUsage();
    return performance.now();
  };

  // Warm up (statement cache, JIT) outside the timing.
  for (let i = 0; i < 50; i++) await s.sales.post(shop.owner, benchSale(shop, shop.tills[i % CASHIERS], i));

  // One cashier at a time: one transaction (one fsync) per sale.
  const seqSales = Math.min(SALES, 1000);
  const t0 = start();
  for (let i = 0; i < seqSales; i++) await s.sales.post(shop.owner, benchSale(shop, shop.tills[i % CASHIERS], i));
  record('checkout, 1 cashier (1 sale/txn)', seqSales, (performance.now() - t0) / 1000);

  // 32 cashiers, each on its own register: group commit writes their sales together.
  const group = await postConcurrently(s, shop, SALES, seqSales + 50);
  rows.push({ name: `checkout, ${CASHIERS} cashiers (group commit)`, sales: SALES, seconds: SALES / group.perSecond, perSecond: group.perSecond, cpuMsPerSale: group.cpuMsPerSale });
  await database.close();

  start();
  record('raw better-sqlite3, 1 sale/txn', seqSales, rawSaleLoop(file, shop, seqSales, 1));
  start();
  record('raw better-sqlite3, 32 sales/txn', SALES, rawSaleLoop(file, shop, SALES, 32));
  fs.rmSync(dir, { recursive: true, force: true });

  const rate = (prefix: string) => rows.find((r) => r.name.startsWith(prefix))!.perSecond;
  const cpuOf = (prefix: string) => rows.find((r) => r.name.startsWith(prefix))!.cpuMsPerSale;
  return {
    rows,
    ratios: {
      'checkout group commit / raw 1 sale per txn': rate('checkout, 32') / rate('raw better-sqlite3, 1 sale'),
      'checkout group commit / raw 32 sales per txn': rate('checkout, 32') / rate('raw better-sqlite3, 32'),
      'CPU per sale: raw 32 per txn / checkout group commit': cpuOf('raw better-sqlite3, 32') / cpuOf('checkout, 32'),
    },
  };
}
