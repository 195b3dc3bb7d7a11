// Golden month (issue 7): March 2026 at S01 (and S02 for a transfer) scripted through the HTTP API
// as the demo users would, then every statement checked against figures worked out by hand below.
// Two new products in their own category, so the demo's opening stock (posted in February) stays
// out of the month's figures:
//   A 13 % VAT, price 11.30 (taxable 10.00 + VAT 1.30), bought 20 @ 5.00 then 8 @ 5.75
//   B  9 % VAT, price 10.90 (taxable 10.00 + VAT 0.90), bought 10 @ 6.00
// Store 抹零 mode: drop_fen (抹分). Costs are moving averages per product × store (docs/inventory.md).
//
// 03-02 GR  A 20 @ 500 = 10000, B 10 @ 600 = 6000          Dr 1405 16000 / Cr 2202 16000
// 03-03 S1  A×2 2260 + B×1 1090 = 3350; WeChat 2000 + cash 1350
//           13 %: 2260 → 2000 + 260; 9 %: 1090 → 1000 + 90; cost 2×500 + 600 = 1600
// 03-05 S2  A×2 2260 less line discount 113 = 2147 → 1900 + 247 (2147 / 1.13 = 1900 exactly);
//           抹分 2147 → 2140 (Dr 5711 7), cash 2140; cost 2×500 = 1000
// 03-06 S3  B×4 4360 less order discount 360 = 4000 → round(4000 / 1.09 = 3669.72) = 3670 + 330;
//           WeChat 4000; cost 4×600 = 2400
// 03-07 RT  one A of S1's line 1 (2 sold): refund round(2260 / 2) = 1130, VAT round(260 / 2) = 130,
//           last tender first → cash 1130; cost back at the sale's 500
//           A at S01 now 20 − 2 − 2 + 1 = 17 units, 10000 − 1000 − 1000 + 500 = 8500 (avg 500)
// 03-08 GR  A 8 @ 575 = 4600 → A 25 units, 13100 (avg 524)  Dr 1405 4600 / Cr 2202 4600
// 03-12 TO  A×5 S01 → S02: 5 × 524 = 2620                   Dr 1402 2620 / Cr 1405 2620
// 03-13 TI  S02 receives all 5 at 2620                       Dr 1405 2620 / Cr 1402 2620
// 03-15 WO  B×1 damaged: B 10 − 1 − 4 = 5 units, 3000 → 600  Dr 5711 600 / Cr 1405 600
// 03-20 ST  category count: A 19 (book 20, 10480) → short 1 × 524; B 4 (book 4) → no line
//                                                            Dr 1901 524 / Cr 1405 524
// Month end stock: S01 A 19 units 9956, B 4 units 2400; S02 A 5 units 2620.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { testDialects } from '../../../db/testing';
import { makeTestApp, type TestApp } from '../../testing';
import { movableClock, newProduct } from '../inventory/test-fixtures';
import { CODES, CountingProvider } from '../sales/test-helpers';

interface TbLine {
  code: string;
  debit: number;
  credit: number;
}
interface BsLine {
  code: string;
  amount: number;
}

const MONTH = 'from=2026-03-01&to=2026-03-31';

describe.each(testDialects)('golden month on %s', (dialect) => {
  let t: TestApp;
  let tok: Record<'owner' | 'manager' | 'cashier' | 'clerk' | 'finance', string>;
  let a: string;
  let b: string;
  let bsFeb: { assets: BsLine[]; liabilities: BsLine[]; equity: BsLine[]; currentProfit: number };
  const time = movableClock('2026-02-20T02:00:00Z');
  const get = async (url: string) => {
    const res = await t.call(tok.finance, 'GET', url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const ok = async (token: string, method: string, url: string, body: unknown) => {
    time.tick(60_000);
    const res = await t.call(token, method, url, body);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };

  beforeAll(async () => {
    const provider = new CountingProvider();
    t = await makeTestApp(dialect, { clock: time.clock, payments: { provider, collect: { sleep: async () => {}, maxQueries: 4 } } });
    tok = {
      owner: await t.login('owner'),
      manager: await t.login('manager'),
      cashier: await t.login('cashier'),
      clerk: await t.login('clerk'),
      finance: await t.login('finance'),
    };
    const category = await ok(tok.owner, 'POST', '/api/v1/categories', { code: 'GOLD', name: '黄金月 Golden month' });
    a = await newProduct(t, { price: 1130, taxRate: 1300, categoryId: category.id });
    b = await newProduct(t, { price: 1090, taxRate: 900, categoryId: category.id });
    await ok(tok.owner, 'PUT', `/api/v1/stores/${t.ids.s01}/settings`, { roundingMode: 'drop_fen' });
    bsFeb = await get('/api/v1/reports/balance-sheet?asOf=2026-02-28');

    time.setDay('2026-03-02');
    const suppliers = await get(`/api/v1/suppliers?pageSize=10`);
    const supplierId = suppliers.items[0].id as string;
    const receipt = (lines: unknown[]) => ok(tok.clerk, 'POST', '/api/v1/inventory/receipts', { id: uuidv7(), storeId: t.ids.s01, supplierId, lines });
    await receipt([{ productId: a, qty: 20_000, unitCost: 500 }, { productId: b, qty: 10_000, unitCost: 600 }]);
    const shiftId = (await ok(tok.cashier, 'POST', '/api/v1/shifts', { id: uuidv7(), registerId: t.ids.r01, openingFloat: 0 })).id as string;
    const sell = (body: Record<string, unknown>) =>
      ok(tok.cashier, 'POST', '/api/v1/sales', { id: uuidv7(), registerId: t.ids.r01, shiftId, offline: false, clientTime: time.clock().toISOString(), ...body });

    time.setDay('2026-03-03');
    const s1 = await sell({
      lines: [{ productId: a, qty: 2000 }, { productId: b, qty: 1000 }],
      payments: [{ method: 'wechat', amount: 2000, authCode: CODES.wechat }, { method: 'cash', amount: 1350 }],
      clientTotal: 3350,
    });
    time.setDay('2026-03-05');
    const s2 = await sell({ lines: [{ productId: a, qty: 2000, lineDiscount: { type: 'amount', fen: 113 } }], payments: [{ method: 'cash', amount: 2140 }], clientTotal: 2140 });
    expect([s2.rounding, s2.due]).toEqual([-7, 2140]);
    time.setDay('2026-03-06');
    await sell({ lines: [{ productId: b, qty: 4000 }], orderDiscount: { type: 'amount', fen: 360 }, payments: [{ method: 'wechat', amount: 4000, authCode: CODES.wechat }], clientTotal: 4000 });

    time.setDay('2026-03-07');
    const ret = await ok(tok.cashier, 'POST', '/api/v1/returns', {
      id: uuidv7(),
      registerId: t.ids.r01,
      shiftId,
      clientTime: time.clock().toISOString(),
      saleNumber: s1.number,
      lines: [{ lineNo: 1, qty: 1000 }],
    });
    expect(ret.refunds.map((r: { method: string; amount: number }) => [r.method, r.amount])).toEqual([['cash', 1130]]);

    time.setDay('2026-03-08');
    await receipt([{ productId: a, qty: 8_000, unitCost: 575 }]);

    time.setDay('2026-03-12');
    const transfer = await ok(tok.clerk, 'POST', '/api/v1/transfers', { id: uuidv7(), fromStoreId: t.ids.s01, toStoreId: t.ids.s02, lines: [{ productId: a, qty: 5000 }] });
    time.setDay('2026-03-13');
    await ok(tok.owner, 'POST', `/api/v1/transfers/${transfer.transferId}/receipts`, { id: uuidv7(), lines: [{ lineNo: 1, qty: 5000 }] });

    time.setDay('2026-03-15');
    await ok(tok.clerk, 'POST', '/api/v1/inventory/write-offs', { id: uuidv7(), storeId: t.ids.s01, reason: 'damaged', memo: '破损 broken', lines: [{ productId: b, qty: 1000 }] });

    time.setDay('2026-03-20');
    const st = await ok(tok.clerk, 'POST', '/api/v1/stocktakes', { storeId: t.ids.s01, scope: 'category', categoryId: category.id });
    await ok(tok.clerk, 'POST', `/api/v1/stocktakes/${st.id}/counts`, { device: 'PDA-1', entries: [{ productId: a, qty: 19_000 }, { productId: b, qty: 4000 }] });
    await ok(tok.manager, 'POST', `/api/v1/stocktakes/${st.id}/approve`, { id: uuidv7() });

    time.setDay('2026-04-01');
  });
  afterAll(() => t?.close());

  it('trial balance: each account\'s debits and credits for March', async () => {
    const tb = await get(`/api/v1/reports/trial-balance?${MONTH}`);
    const moved = Object.fromEntries(tb.items.filter((i: TbLine) => i.debit || i.credit).map((i: TbLine) => [i.code, [i.debit, i.credit]]));
    expect(moved).toEqual({
      '1001': [3490, 1130], //  cash: S1 1350 + S2 2140 in; return 1130 out
      '1012': [6000, 0], //     WeChat: S1 2000 + S3 4000
      '1402': [2620, 2620], //  in transit: shipped and received
      '1405': [23720, 8744], // in: GR 16000 + GR 4600 + return 500 + TI 2620;
      //                       out: sales 1600 + 1000 + 2400, TO 2620, WO 600, ST 524
      '1901': [524, 0], //      stocktake shortage
      '2202': [0, 20600], //    payables: 16000 + 4600
      '2221': [130, 927], //    output VAT: 260 + 90 + 247 + 330; return 130 back
      '5001': [1000, 8570], //  revenue: 2000 + 1000 + 1900 + 3670; return 1000 back
      '5401': [5000, 500], //   COGS: 1600 + 1000 + 2400; return 500 back
      '5711': [607, 0], //      抹零 7 + damaged 600
    });
    // 3490 + 6000 + 2620 + 23720 + 524 + 130 + 1000 + 5000 + 607 = 43091 on each side
    expect([tb.totals.debit, tb.totals.credit]).toEqual([43091, 43091]);
    // S02's side of the month is only the transfer in: Dr 1405 / Cr 1402 2620.
    const s02 = await get(`/api/v1/reports/trial-balance?${MONTH}&storeId=${t.ids.s02}`);
    expect(Object.fromEntries(s02.items.filter((i: TbLine) => i.debit || i.credit).map((i: TbLine) => [i.code, [i.debit, i.credit]]))).toEqual({
      '1402': [0, 2620],
      '1405': [2620, 0],
    });
  });

  it('profit and loss for March', async () => {
    const pl = await get(`/api/v1/reports/profit-and-loss?${MONTH}`);
    // revenue 8570 − 1000 = 7570; COGS 5000 − 500 = 4500; gross 3070; expenses 5711 607; net 3070 − 607 = 2463
    expect(pl.totals).toEqual({ revenue: 7570, costOfSales: 4500, grossProfit: 3070, expenses: 607, netProfit: 2463 });
  });

  it('balance sheet at month end: February\'s balances moved by the month\'s hand figures', async () => {
    const bs = await get('/api/v1/reports/balance-sheet?asOf=2026-03-31');
    expect(bs.balanced).toBe(true);
    const delta = (side: 'assets' | 'liabilities' | 'equity') => {
      const before = new Map(bsFeb[side].map((l) => [l.code, l.amount]));
      const codes = new Set([...before.keys(), ...bs[side].map((l: BsLine) => l.code)]);
      const out: Record<string, number> = {};
      for (const code of codes) {
        const d = (bs[side].find((l: BsLine) => l.code === code)?.amount ?? 0) - (before.get(code) ?? 0);
        if (d) out[code] = d;
      }
      return out;
    };
    // assets: 1001 3490 − 1130 = 2360; 1012 6000; 1405 23720 − 8744 = 14976; 1901 524 (Σ 23860)
    expect(delta('assets')).toEqual({ '1001': 2360, '1012': 6000, '1405': 14976, '1901': 524 });
    // liabilities: 2202 20600; 2221 927 − 130 = 797 (Σ 21397); equity unchanged, profit 2463: 21397 + 2463 = 23860
    expect(delta('liabilities')).toEqual({ '2202': 20600, '2221': 797 });
    expect(delta('equity')).toEqual({});
    expect(bs.currentProfit - bsFeb.currentProfit).toBe(2463);
  });

  it('VAT summary per rate for March, agreeing with the 2221 ledger', async () => {
    const vat = await get(`/api/v1/reports/vat-summary?${MONTH}`);
    const byRate = Object.fromEntries(vat.rates.map((r: { rate: number; gross: number; taxable: number; tax: number }) => [r.rate, [r.gross, r.taxable, r.tax]]));
    expect(byRate).toEqual({
      1300: [3277, 2900, 377], // 2260 + 2147 − 1130; 2000 + 1900 − 1000; 260 + 247 − 130
      900: [5090, 4670, 420], //  1090 + 4000; 1000 + 3670; 90 + 330
    });
    expect([vat.totalTax, vat.ledgerOutputTax]).toEqual([797, 797]); // 377 + 420
  });

  it('stock valuation equals the 1405 ledger in each store, with the golden products at their hand values', async () => {
    for (const [store, golden] of [
      [t.ids.s01, { [a]: [19_000, 9956], [b]: [4000, 2400] }], // A 20 × 524 − 524; B 5 × 600 − 600
      [t.ids.s02, { [a]: [5000, 2620] }],
    ] as const) {
      const v = await get(`/api/v1/inventory/valuation?storeId=${store}&date=2026-03-31`);
      expect([v.totalValue, v.difference]).toEqual([v.ledgerBalance, 0]);
      const mine = Object.fromEntries(v.items.filter((i: { productId: string }) => i.productId in golden).map((i: { productId: string; qty: number; value: number }) => [i.productId, [i.qty, i.value]]));
      expect(mine).toEqual(golden);
    }
  });

  it('sales analytics agree with the P&L revenue (but for 抹零) and COGS, and verify is clean', async () => {
    const an = await get(`/api/v1/analytics/sales?${MONTH}&by=day`);
    // sales 3350 + 2140 + 4000 = 9490; returns 1130; net 8360; VAT 797; cost 4500 = P&L COGS;
    // discounts 113 + 360 = 473
    expect(an.totals).toMatchObject({ sales: 9490, returns: 1130, netSales: 8360, tax: 797, cost: 4500, discounts: 473 });
    // Analytics revenue is net sales − VAT = 8360 − 797 = 7563: the 抹零 given away (7) is in it, while
    // the books keep 5001 at the lines' taxable amounts (7570) and put the 抹零 in 5711 (an expense).
    // So analytics revenue = P&L revenue − 5711 抹零 + 5301 抹零, and gross profit likewise.
    const pl = await get(`/api/v1/reports/profit-and-loss?${MONTH}`);
    expect([an.totals.revenue, an.totals.grossProfit]).toEqual([pl.totals.revenue - 7, pl.totals.grossProfit - 7]);
    expect(an.totals.cost).toBe(pl.totals.costOfSales);
    const byDay = an.rows.filter((r: { netSales: number }) => r.netSales).map((r: { key: string; netSales: number; cost: number }) => [r.key, r.netSales, r.cost]);
    expect(byDay).toEqual([
      ['2026-03-03', 3350, 1600],
      ['2026-03-05', 2140, 1000],
      ['2026-03-06', 4000, 2400],
      ['2026-03-07', -1130, -500],
    ]);
    // The sales summary and the dashboard read the same till rows: the same figures.
    const summary = await get(`/api/v1/reports/sales-summary?${MONTH}`);
    expect(summary.totals).toMatchObject({ sales: 9490, returns: 1130, netSales: 8360, tax: 797, revenue: 7563, cost: 4500, grossProfit: 3063 });
    const dash = await get(`/api/v1/dashboard?${MONTH}`);
    expect(dash.period).toMatchObject({ netSales: 8360, revenue: 7563, cost: 4500, grossProfit: 3063 });
    const verify = await t.call(tok.owner, 'GET', '/api/v1/verify');
    expect(verify.statusCode, verify.body).toBe(200);
    expect(verify.json().firstViolation).toBeNull();
  });
});
