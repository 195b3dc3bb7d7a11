// Reads of products over a period take whole months from rollup_product_month and the leftover
// days from rollup_product_day; the answer must be exactly the sum of the day rows, whether the
// rollups were rebuilt or caught up document by document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../core/time/calendar-date';
import { businessDate } from '../../../core/time/business-date';
import { testDialects } from '../../../db/testing';
import { seedBulkSales } from '../../seed/bulk-sales';
import { makeTestApp, type TestApp } from '../../testing';
import { productPeriodRows, splitByMonth } from './product-period';

describe('splitByMonth', () => {
  it('takes the whole months inside a period and leaves the days around them', () => {
    expect(splitByMonth('2026-01-15', '2026-03-10')).toEqual({ months: { from: '2026-02', to: '2026-02' }, days: [{ from: '2026-01-15', to: '2026-01-31' }, { from: '2026-03-01', to: '2026-03-10' }] });
    expect(splitByMonth('2025-11-30', '2026-02-28')).toEqual({ months: { from: '2025-12', to: '2026-02' }, days: [{ from: '2025-11-30', to: '2025-11-30' }] });
    expect(splitByMonth('2024-02-01', '2024-02-29')).toEqual({ months: { from: '2024-02', to: '2024-02' }, days: [] });
  });

  it('reads days only when no whole month fits', () => {
    expect(splitByMonth('2026-03-02', '2026-03-31')).toEqual({ months: null, days: [{ from: '2026-03-02', to: '2026-03-31' }] });
    expect(splitByMonth('2024-02-01', '2024-02-28')).toEqual({ months: null, days: [{ from: '2024-02-01', to: '2024-02-28' }] });
    expect(splitByMonth('2026-01-20', '2026-02-10')).toEqual({ months: null, days: [{ from: '2026-01-20', to: '2026-02-10' }] });
  });
});

type Sums = { sold_qty: number; returned_qty: number; sales: number; returns: number; tax: number; cost: number; discounts: number; lines: number };
const SUMS = ['sold_qty', 'returned_qty', 'sales', 'returns', 'tax', 'cost', 'discounts', 'lines'] as const;

describe.each(testDialects)('product reads over months and days on %s', (dialect) => {
  let t: TestApp;
  let owner: string;
  // Four months of history to today; the period starts and ends mid-month with whole months between.
  const today = businessDate(new Date(), 'Asia/Shanghai');
  const monthStart = (back: number) => {
    let d = `${today.slice(0, 7)}-01`;
    for (let i = 0; i < back; i++) d = `${addDays(d, -1).slice(0, 7)}-01`;
    return d;
  };
  const periods = [
    { from: addDays(monthStart(3), 9), to: addDays(monthStart(1), 19) }, // mid-month to mid-month
    { from: monthStart(2), to: addDays(monthStart(1), -1) }, // one whole month
    { from: addDays(monthStart(2), 3), to: addDays(monthStart(2), 17) }, // inside a month
  ];

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    owner = await t.login('owner');
    await seedBulkSales(t.services, t.db, { sales: 600, months: 4 });
  }, 120_000);
  afterAll(() => t.close());

  /** Per product, the day rows of the period summed: what every read must answer. */
  const fromDayRows = async (from: string, to: string) => {
    const rows = await t.db.db.selectFrom('rollup_product_day').selectAll().where('business_date', '>=', from).where('business_date', '<=', to).execute();
    const out = new Map<string, Sums>();
    for (const r of rows) {
      const s = out.get(r.product_id) ?? { sold_qty: 0, returned_qty: 0, sales: 0, returns: 0, tax: 0, cost: 0, discounts: 0, lines: 0 };
      for (const c of SUMS) s[c] += Number(r[c]);
      out.set(r.product_id, s);
    }
    return out;
  };

  const expectReadsEqualDayRows = async () => {
    const stores = (await t.db.db.selectFrom('stores').select('id').execute()).map((s) => s.id);
    const products = new Map((await t.db.db.selectFrom('products').select(['id', 'sku', 'name']).execute()).map((p) => [p.id, p]));
    for (const { from, to } of periods) {
      const expected = await fromDayRows(from, to);
      expect(expected.size).toBeGreaterThan(3);

      const rows = await t.db.db.selectFrom(productPeriodRows(t.db.db, stores, from, to).as('r')).selectAll().execute();
      const split = new Map<string, Sums>();
      for (const r of rows) {
        const s = split.get(r.product_id) ?? { sold_qty: 0, returned_qty: 0, sales: 0, returns: 0, tax: 0, cost: 0, discounts: 0, lines: 0 };
        for (const c of SUMS) s[c] += Number(r[c]);
        split.set(r.product_id, s);
      }
      expect(split).toEqual(expected);

      const netOf = (s: Sums) => s.sales - s.returns;
      const top = [...expected]
        .map(([id, s]) => ({ productId: id, sku: products.get(id)!.sku, name: products.get(id)!.name, qty: s.sold_qty - s.returned_qty, netSales: netOf(s), grossProfit: netOf(s) - s.tax - s.cost }))
        .sort((a, b) => b.netSales - a.netSales || a.sku.localeCompare(b.sku));
      const dash = await t.call(owner, 'GET', `/api/v1/dashboard?from=${from}&to=${to}`);
      expect(dash.statusCode, dash.body).toBe(200);
      expect(dash.json().topProducts).toEqual(top.slice(0, 10));

      const best = await t.call(owner, 'GET', `/api/v1/analytics/products?from=${from}&to=${to}&sort=best&limit=1000`);
      expect(best.statusCode, best.body).toBe(200);
      expect(best.json().items.map((i: { productId: string; qty: number; netSales: number; cost: number }) => [i.productId, i.qty, i.netSales, i.cost])).toEqual(
        top.filter((p) => p.netSales !== 0 || p.qty !== 0).map((p) => [p.productId, p.qty, p.netSales, expected.get(p.productId)!.cost]),
      );

      const byProduct = await t.call(owner, 'GET', `/api/v1/analytics/sales?from=${from}&to=${to}&by=product`);
      expect(byProduct.statusCode, byProduct.body).toBe(200);
      const sum = (f: (s: Sums) => number) => [...expected.values()].reduce((x, s) => x + f(s), 0);
      expect(byProduct.json().totals).toMatchObject({ netSales: sum(netOf), tax: sum((s) => s.tax), cost: sum((s) => s.cost), tickets: sum((s) => s.lines), discounts: sum((s) => s.discounts) });
      expect(byProduct.json().rows).toHaveLength(expected.size);
    }
  };

  it('answer exactly the day rows summed, with the rollups rebuilt', async () => {
    await expectReadsEqualDayRows();
  });

  it('answer the same after the rollups were caught up document by document', async () => {
    const rebuiltMonths = await t.db.db.selectFrom('rollup_product_month').selectAll().orderBy('store_id').orderBy('month').orderBy('product_id').execute();
    expect(new Set(rebuiltMonths.map((r) => r.month)).size).toBeGreaterThanOrEqual(4);
    await t.db.db.updateTable('outbox').set({ rolled_up_at: null }).execute();
    for (const table of ['rollup_product_day', 'rollup_category_day', 'rollup_product_month', 'rollup_tax_day', 'rollup_till_hour', 'rollup_payment_day', 'rollup_account_day'] as const) await t.db.db.deleteFrom(table).execute();
    await t.services.rollups.catchUp();
    expect(await t.db.db.selectFrom('rollup_product_month').selectAll().orderBy('store_id').orderBy('month').orderBy('product_id').execute()).toEqual(rebuiltMonths);
    await expectReadsEqualDayRows();
  });
});
