// Posting a 50-line goods receipt (入库) through the real service, one after another, on SQLite
// synchronous=FULL (issue budget: ≤ 10 ms). Ten of the fifty products track batches, so every
// receipt also finds or creates ten batches. Time per receipt: from the call to its commit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uuidv7 } from '../src/core/id/uuidv7';
import { openDatabase } from '../src/db/dialect';
import { migrateToLatest } from '../src/db/migrate';
import { firstOwner } from '../src/server/auth/owner-context';
import { insertProducts } from '../src/server/modules/catalog/products/insert';
import { seedDemo } from '../src/server/seed/demo';
import { createServices } from '../src/server/services';

export interface ReceiptBench {
  receipts: number;
  lines: number;
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
  /** Process CPU time per receipt: on a busy shared box, wall times include waiting for a core. */
  cpuMsPerReceipt: number;
}

const RECEIPTS = Number(process.env.BENCH_RECEIPTS ?? 200);
const LINES = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function benchReceipt(): Promise<ReceiptBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cangshou-bench-receipt-'));
  const database = openDatabase({ sqliteFile: path.join(dir, 'receipt.db'), sqliteSync: 'FULL' });
  try {
    await migrateToLatest(database);
    const s = createServices(database);
    const { companyId } = await seedDemo(s);
    const owner = (await firstOwner(s.db))!;
    const store = await s.db.selectFrom('stores').select('id').where('code', '=', 'S01').executeTakeFirstOrThrow();
    const productIds = await insertProducts(
      s.db,
      companyId,
      Array.from({ length: LINES }, (_, i) => ({
        sku: `RCPT-${i}`,
        name: `入库测试商品 ${i}`,
        unit: '件',
        taxRate: 1300,
        price: 1000 + i,
        ...(i % 5 === 0 ? { trackBatches: true, shelfLifeDays: 180 } : {}),
      })),
      new Date().toISOString(),
    );

    const times: number[] = [];
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    for (let r = 0; r < RECEIPTS; r++) {
      const input = {
        id: uuidv7(),
        storeId: store.id,
        reference: `DN-${r}`,
        lines: productIds.map((productId, i) => ({
          productId,
          qty: 1000 * (1 + ((r + i) % 24)),
          unitCost: 300 + ((r * 7 + i) % 200),
          ...(i % 5 === 0 ? { batch: { lot: `L${r % 10}-${i}`, expiryDate: '2027-06-30' } } : {}),
        })),
      };
      const t = performance.now();
      await s.inventory.postReceipt(owner, input);
      times.push(performance.now() - t);
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    times.sort((a, b) => a - b);
    return { receipts: RECEIPTS, lines: LINES, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), perSecond: RECEIPTS / seconds, cpuMsPerReceipt: (cpu.user + cpu.system) / 1000 / RECEIPTS };
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
