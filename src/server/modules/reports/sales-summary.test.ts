// The sales summary (销售汇总) reads rollup_till_hour and answers, to the fen, what the till documents'
// own `sales` rows say: one day with a split-tender sale, 抹零 both ways, a return, a void and an
// exchange. Hand-checked (A ¥11.30 at 13 %, cost 5.00; B ¥10.90 at 9 %, cost 6.00; C ¥15.88 at 13 %,
// cost 8.00):
//   S1  2 A + 1 B, WeChat 20.00 + cash 15.00: due 3350, VAT 260 + 90, cost 1600, change 150
//   S2  1 C with 抹角 (drop_jiao): 1588 → due 1500 (抹零 −88), VAT 183 (before rounding), cost 800
//   S3  1 C with 四舍五入到角 (round_jiao): due 1590 (+2), VAT 183, cost 800; then voided
//   R   1 A of S1 back: refund 1130, VAT −130, cost −500
//   X   the other A of S1 exchanged for 1 B: refund 1130, new goods 1090, net −40, VAT −40, cost +100
// tickets 3 − 1 void = 2; sales 3350 + 1500 + 1590 − 1590 (void) + 1090 = 5940; returns 1130 + 1130
// = 2260; net 3680 = Σ due; VAT 363; revenue 3317; cost 2000; gross profit 1317.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { uuidv7 } from '../../../core/id/uuidv7';
import { businessDate } from '../../../core/time/business-date';
import { testDialects } from '../../../db/testing';
import { CODES, makeSalesTestApp, type SalesTestApp } from '../sales/test-helpers';

describe.each(testDialects)('sales summary from the rollups on %s', (dialect) => {
  let t: SalesTestApp;
  const today = businessDate(new Date(), 'Asia/Shanghai');
  const period = `from=${today}&to=${today}`;
  const summary = (query = '') => t.call(t.tokens.owner, 'GET', `/api/v1/reports/sales-summary?${period}${query}`);

  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    const [a, b, c] = [await t.product({ price: 1130, taxRate: 1300 }), await t.product({ price: 1090, taxRate: 900 }), await t.product({ price: 1588, taxRate: 1300 })];
    await t.stock.stockIn(t.ids.s01, a, 100_000, 50_000);
    await t.stock.stockIn(t.ids.s01, b, 100_000, 60_000);
    await t.stock.stockIn(t.ids.s01, c, 100_000, 80_000);
    const ok = async (res: Promise<{ statusCode: number; body: string; json(): { id: string } }>) => {
      const r = await res;
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id;
    };
    const rounding = (roundingMode: string) => t.call(t.tokens.owner, 'PUT', `/api/v1/stores/${t.ids.s01}/settings`, { roundingMode });
    const till = { registerId: t.ids.r01, shiftId: t.shifts.r01, clientTime: new Date().toISOString() };

    const s1 = await ok(
      t.sell({
        lines: [{ productId: a, qty: 2000 }, { productId: b, qty: 1000 }],
        payments: [{ method: 'wechat', amount: 2000, authCode: CODES.wechat }, { method: 'cash', amount: 1500 }],
        clientTotal: 3350,
      }),
    );
    try {
      expect((await rounding('drop_jiao')).statusCode).toBe(200);
      await ok(t.sell({ lines: [{ productId: c, qty: 1000 }], payments: [{ method: 'cash', amount: 1500 }], clientTotal: 1500 }));
      expect((await rounding('round_jiao')).statusCode).toBe(200);
      const s3 = await ok(t.sell({ lines: [{ productId: c, qty: 1000 }], payments: [{ method: 'cash', amount: 2000 }], clientTotal: 1590 }));
      await ok(t.call(t.tokens.manager, 'POST', '/api/v1/voids', { id: uuidv7(), registerId: t.ids.r01, saleId: s3 }));
    } finally {
      await rounding('none');
    }
    await ok(t.call(t.tokens.cashier, 'POST', '/api/v1/returns', { id: uuidv7(), ...till, saleId: s1, lines: [{ lineNo: 1, qty: 1000 }] }));
    await ok(
      t.call(t.tokens.cashier, 'POST', '/api/v1/exchanges', {
        id: uuidv7(),
        ...till,
        saleId: s1,
        returnLines: [{ lineNo: 1, qty: 1000 }],
        lines: [{ productId: b, qty: 1000 }],
        clientNet: -40,
      }),
    );
  });
  afterAll(() => t.close());

  it('answers the hand-checked day, for the store and for all stores', async () => {
    const expected = { tickets: 2, sales: 5940, returns: 2260, netSales: 3680, tax: 363, revenue: 3317, cost: 2000, grossProfit: 1317 };
    const all = await summary();
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().days).toEqual([{ date: today, ...expected }]);
    expect(all.json().totals).toEqual(expected);
    expect((await summary(`&storeId=${t.ids.s01}`)).json().totals).toEqual(expected);
    const s02 = (await summary(`&storeId=${t.ids.s02}`)).json();
    expect([s02.days, s02.totals.netSales]).toEqual([[], 0]);
  });

  it('equals the till documents\' own rows: Σ due, VAT and cost of `sales`, receipts less voids, and the tenders taken', async () => {
    const { totals } = (await summary()).json();
    const raw = await sql<{ kind: string; n: number; due: number; tax: number; cost: number }>`
      SELECT s.kind, COUNT(*) AS n, CAST(SUM(s.due) AS BIGINT) AS due, CAST(SUM(s.tax) AS BIGINT) AS tax, CAST(SUM(s.cost) AS BIGINT) AS cost
      FROM sales s JOIN documents d ON d.id = s.document_id
      WHERE d.business_date = ${today} GROUP BY s.kind`.execute(t.db.db);
    const kinds = Object.fromEntries(raw.rows.map((r) => [r.kind, { n: Number(r.n), due: Number(r.due), tax: Number(r.tax), cost: Number(r.cost) }]));
    expect(Object.keys(kinds).sort()).toEqual(['exchange', 'return', 'sale', 'void']);
    const sum = (k: 'due' | 'tax' | 'cost') => Object.values(kinds).reduce((s, r) => s + r[k], 0);
    expect([totals.netSales, totals.tax, totals.cost]).toEqual([sum('due'), sum('tax'), sum('cost')]);
    expect(totals.tickets).toBe(kinds.sale.n - kinds.void.n);
    expect(totals.sales - totals.returns).toBe(totals.netSales);

    // Split tender: what the tenders took, cash net of change, is the net sales too.
    const tenders = await t.db.db.selectFrom('rollup_payment_day').select(['method', 'amount']).where('business_date', '=', today).execute();
    expect(tenders.reduce((s, r) => s + Number(r.amount), 0)).toBe(totals.netSales);
    expect(Number(tenders.find((r) => r.method === 'wechat')?.amount)).toBe(2000);

    // The dashboard reads the same rollup: the same figures.
    const dash = (await t.call(t.tokens.owner, 'GET', `/api/v1/dashboard?${period}`)).json();
    expect(dash.period).toMatchObject({ netSales: totals.netSales, revenue: totals.revenue, cost: totals.cost, grossProfit: totals.grossProfit });
  });

  it('includes a sale posted after the rollups last ran (the read catches up first)', async () => {
    const before = (await summary()).json().totals;
    const p = await t.product({ price: 500, taxRate: 0 });
    const res = await t.sell({ lines: [{ productId: p, qty: 1000 }], payments: [{ method: 'cash', amount: 500 }], clientTotal: 500 });
    expect(res.statusCode, res.body).toBe(201);
    const after = (await summary()).json().totals;
    expect([after.tickets - before.tickets, after.sales - before.sales, after.netSales - before.netSales, after.tax - before.tax]).toEqual([1, 500, 500, 0]);
  });
});
