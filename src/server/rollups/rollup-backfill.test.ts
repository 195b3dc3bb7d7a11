// Upgrading a database with history to 0020/0021: the new tables are backfilled from what the
// rollups already took in, and documents still pending in the outbox are added by the next
// catch-up, once; the result is what a rebuild from the raw rows gives.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../db/testing';
import { up as taxRollup } from '../../db/migrations/0020_tax_rollup';
import { up as productMonthRollup } from '../../db/migrations/0021_product_month_rollup';
import { seedBulkSales } from '../seed/bulk-sales';
import { makeSalesTestApp, type SalesTestApp } from '../modules/sales/test-helpers';

describe.each(testDialects)('migrations 0020 and 0021 on %s', (dialect) => {
  let t: SalesTestApp;

  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    await seedBulkSales(t.services, t.db, { sales: 300, months: 3 });
  }, 120_000);
  afterAll(() => t.close());

  const snapshot = async () => ({
    tax: await t.db.db.selectFrom('rollup_tax_day').selectAll().orderBy('company_id').orderBy('store_id').orderBy('business_date').orderBy('tax_rate').execute(),
    month: await t.db.db.selectFrom('rollup_product_month').selectAll().orderBy('store_id').orderBy('month').orderBy('product_id').execute(),
  });

  it('backfill what was rolled up, and the next catch-up adds the pending documents once', async () => {
    // Two sales posted and not rolled up yet when the upgrade runs.
    const product = await t.product({ price: 1130, taxRate: 1300 });
    await t.stock.stockIn(t.ids.s01, product, 10_000, 5000);
    for (let i = 0; i < 2; i++) {
      const sale = await t.sell({ lines: [{ productId: product, qty: 1000 }], payments: [{ method: 'cash', amount: 1130 }], clientTotal: 1130 });
      expect(sale.statusCode, sale.body).toBe(201);
    }
    const pending = await t.db.db.selectFrom('outbox').select('id').where('rolled_up_at', 'is', null).execute();
    expect(pending.length).toBeGreaterThanOrEqual(2);

    await sql`DROP TABLE rollup_tax_day`.execute(t.db.db);
    await sql`DROP TABLE rollup_product_month`.execute(t.db.db);
    await taxRollup(t.db.db, dialect);
    await productMonthRollup(t.db.db, dialect);
    const backfilled = await snapshot();
    expect(new Set(backfilled.month.map((r) => r.month)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(backfilled.tax.map((r) => r.tax_rate)).size).toBeGreaterThanOrEqual(2);

    await t.services.rollups.catchUp();
    const caughtUp = await snapshot();
    expect(caughtUp).not.toEqual(backfilled);
    await t.services.rollups.rebuild();
    expect(await snapshot()).toEqual(caughtUp);
  });
});
