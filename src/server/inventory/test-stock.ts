// Test fixtures that put stock in or take it out through the posting engine itself (receipt and
// write-off documents built with planReceipt / planIssue), so tests of transfers and stocktakes do
// not depend on the inventory API and every figure still comes from the one costing rule.
import { uuidv7 } from '../../core/id/uuidv7';
import { negateFen } from '../../core/money/round';
import { insertProducts } from '../modules/catalog/products/insert';
import type { TestApp } from '../testing';
import { planIssue, planReceipt } from './stock-moves';

export interface StockFixtures {
  /** A new product (sku unique per test app) with no stock. */
  product(sku: string, opts?: { categoryId?: string; unit?: string }): Promise<string>;
  /** A batch (lot) of the product; created_at orders "newest". */
  batch(productId: string, lot: string, expiryDate: string | null, createdAt: string): Promise<string>;
  /** Posts a receipt of `qty` worth `value` fen into the store's main location (or `locationId`). */
  stockIn(storeId: string, productId: string, qty: number, value: number, opts?: { batchId?: string; locationId?: string }): Promise<void>;
  /** Posts a write-off (a sale as stock sees it) of `qty`, FEFO; returns its cost. */
  writeOff(storeId: string, productId: string, qty: number, opts?: { locationId?: string }): Promise<number>;
  mainLocation(storeId: string): Promise<string>;
}

export async function stockFixtures(t: TestApp): Promise<StockFixtures> {
  const owner = await t.db.db.selectFrom('users').select('id').where('username', '=', 'owner').executeTakeFirstOrThrow();
  const mainLocation = async (storeId: string) =>
    (await t.db.db.selectFrom('locations').select('id').where('store_id', '=', storeId).where('code', '=', 'MAIN').executeTakeFirstOrThrow()).id;
  const post = (storeId: string, type: 'receipt' | 'write_off', build: Parameters<TestApp['services']['engine']['post']>[0]['build']) =>
    t.services.engine.post({ clientId: uuidv7(), companyId: t.ids.companyId, storeId, type, actorId: owner.id, payloadHash: uuidv7(), build });

  return {
    mainLocation,
    async product(sku, opts = {}) {
      const [id] = await insertProducts(t.db.db, t.ids.companyId, [{ sku, name: `测试 ${sku}`, unit: opts.unit ?? '件', taxRate: 1300, price: 1000, categoryId: opts.categoryId ?? null }], new Date().toISOString());
      return id;
    },
    async batch(productId, lot, expiryDate, createdAt) {
      const id = uuidv7();
      await t.db.db.insertInto('batches').values({ id, company_id: t.ids.companyId, product_id: productId, lot, production_date: null, expiry_date: expiryDate, created_at: createdAt }).execute();
      return id;
    },
    async stockIn(storeId, productId, qty, value, opts = {}) {
      const locationId = opts.locationId ?? (await mainLocation(storeId));
      await post(storeId, 'receipt', async (trx) => {
        const move = await planReceipt(trx, { lineNo: 1, storeId, locationId, productId, qty, value, batchId: opts.batchId });
        return {
          total: value,
          lines: [{ productId, qty, unitPrice: 0, amount: value }],
          moves: [move],
          journal: value ? [{ memo: 'test receipt', lines: [{ account: '1405', debit: value, credit: 0 }, { account: '2202', debit: 0, credit: value }] }] : [],
        };
      });
    },
    async writeOff(storeId, productId, qty, opts = {}) {
      const locationId = opts.locationId ?? (await mainLocation(storeId));
      const out = await post(storeId, 'write_off', async (trx) => {
        const moves = await planIssue(trx, { lineNo: 1, storeId, locationId, productId, qty });
        const cost = negateFen(moves.reduce((s, m) => s + m.costValue, 0));
        return {
          total: cost,
          lines: [{ productId, qty, unitPrice: 0, amount: cost }],
          moves,
          journal: cost ? [{ memo: 'test write-off', lines: [{ account: '5711', debit: cost, credit: 0 }, { account: '1405', debit: 0, credit: cost }] }] : [],
        };
      });
      return out.document.total;
    },
  };
}
