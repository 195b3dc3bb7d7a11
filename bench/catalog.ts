// Catalog at scale (issue budget: 1,000,000 products; barcode lookup p99 ≤ 1 ms, name/pinyin
// search p95 ≤ 20 ms). Products are written through the same `insertProducts` path as the API and
// imports, then the till's lookup and the search are timed with the functions the routes call.
import fs from 'node:fs';
import { sql } from 'kysely';
import os from 'node:os';
import path from 'node:path';
import { eanCheckDigit } from '../src/core/barcode/ean';
import { openDatabase } from '../src/db/dialect';
import { migrateToLatest } from '../src/db/migrate';
import { lookupCode } from '../src/server/modules/catalog/products/lookup';
import { insertProducts, type NewProduct } from '../src/server/modules/catalog/products/insert';
import { searchProducts } from '../src/server/modules/catalog/products/search';
import { seedDemo } from '../src/server/seed/demo';
import { createServices, type Services } from '../src/server/services';

const N = Number(process.env.BENCH_PRODUCTS ?? 1_000_000);
const WORDS = ['可口可乐', '矿泉水', '纯牛奶', '全麦面包', '五常大米', '调和油', '红富士苹果', '香蕉', '薯片', '饼干', '酸奶', '绿茶', '咖啡', '洗发水', '牙膏', '纸巾', '火腿肠', '方便面', '啤酒', '橙汁'];

export interface CatalogBench {
  products: number;
  seedSeconds: number;
  lookup: { samples: number; p50: number; p99: number };
  /** cpuMs: mean process CPU time per search; on a busy shared box wall times include waiting for a core. */
  search: { query: string; samples: number; p50: number; p95: number; cpuMs: number }[];
  /** The back-office product list without a search, sorted on the server (page 1 and page 51 of 20). */
  browse: { sort: string; page: number; samples: number; p50: number; p95: number }[];
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The EAN-13 of the i-th seeded product. */
export function ean(i: number): string {
  const body = `69${String(i).padStart(10, '0')}`;
  return body + eanCheckDigit(body);
}

/** The i-th seeded product's SKU (`B` + 8 digits). */
export const benchSku = (i: number) => `B${String(i).padStart(8, '0')}`;

/**
 * Seeds `n` active products (two names out of WORDS and the index, e.g. "纯牛奶 可口可乐 12", an
 * EAN-13 each, prices 1.00–90.99) through `insertProducts`, 20,000 per transaction.
 */
export async function seedBenchProducts(s: Services, companyId: string, n: number, log: (msg: string) => void = () => {}): Promise<void> {
  const at = new Date().toISOString();
  const CHUNK = 20_000;
  for (let i = 0; i < n; i += CHUNK) {
    const batch: NewProduct[] = [];
    for (let j = i; j < Math.min(i + CHUNK, n); j++) {
      batch.push({ sku: benchSku(j), name: `${WORDS[j % WORDS.length]} ${WORDS[(j * 7 + 3) % WORDS.length]} ${j}`, unit: '件', taxRate: 1300, price: 100 + (j % 9000) });
    }
    await s.db.transaction().execute(async (trx) => {
      const ids = await insertProducts(trx, companyId, batch, at);
      for (let k = 0; k < ids.length; k += 1000) {
        await trx
          .insertInto('barcodes')
          .values(ids.slice(k, k + 1000).map((productId, m) => ({ company_id: companyId, code: ean(i + k + m), product_id: productId, unit: '件', kind: 'ean13', created_at: at })))
          .execute();
      }
    });
    if ((i / CHUNK) % 10 === 0) log(`  seeded ${Math.min(i + CHUNK, n)} / ${n} products`);
  }
}

export async function benchCatalog(log: (msg: string) => void = () => {}): Promise<CatalogBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cangshou-catalog-'));
  const database = openDatabase({ sqliteFile: path.join(dir, 'catalog.db'), sqliteSync: 'NORMAL' });
  await migrateToLatest(database);
  const s = createServices(database);
  const { companyId } = await seedDemo(s);
  const store = await s.db.selectFrom('stores').select('id').where('code', '=', 'S01').executeTakeFirstOrThrow();
  const t0 = performance.now();
  await seedBenchProducts(s, companyId, N, log);
  const seedSeconds = (performance.now() - t0) / 1000;
  await sql`ANALYZE`.execute(s.db);

  const lookups: number[] = [];
  for (let i = 0; i < 5000; i++) {
    const code = ean(Math.floor(Math.random() * N));
    const t = performance.now();
    await lookupCode(s.db, companyId, store.id, code);
    lookups.push(performance.now() - t);
  }
  lookups.sort((a, b) => a - b);

  // The last two match nothing, the substring tier's worst case (before its index, 0007, it read
  // every row): one of 3+ characters (trigrams) and one of 2 (short pieces). "oukel" is a pinyin
  // substring, "麦面" one in the middle of a name.
  const queries = ['kkkl', 'kekou', 'B0012', '牛奶', '麦面', 'oukel', '6900000123', '不存在的商品', '鑫鑫'];
  const search: CatalogBench['search'] = [];
  for (const q of queries) {
    const times: number[] = [];
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < 40; i++) {
      const t = performance.now();
      await searchProducts(s.db, companyId, { q, status: 'active', page: 1, pageSize: 20 });
      times.push(performance.now() - t);
    }
    const cpu = process.cpuUsage(cpu0);
    times.sort((a, b) => a - b);
    search.push({ query: q, samples: times.length, p50: percentile(times, 50), p95: percentile(times, 95), cpuMs: (cpu.user + cpu.system) / 1000 / times.length });
  }

  // Every list sort the office offers for products; each page also counts the company's products.
  const browse: CatalogBench['browse'] = [];
  for (const sort of ['sku', '-name', 'price', '-updatedAt'] as const) {
    for (const page of [1, 51]) {
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        await searchProducts(s.db, companyId, { status: 'active', sort, page, pageSize: 20 });
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      browse.push({ sort, page, samples: times.length, p50: percentile(times, 50), p95: percentile(times, 95) });
    }
  }

  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { products: N, seedSeconds, lookup: { samples: lookups.length, p50: percentile(lookups, 50), p99: percentile(lookups, 99) }, search, browse };
}
