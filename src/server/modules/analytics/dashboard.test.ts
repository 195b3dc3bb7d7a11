// The dashboard over a hand-checked day in S01: sale A of 2 × ¥11.30 (13%) + 1 × ¥10.90 (9%),
// due 33.50, VAT 2.60 + 0.90, cost 2 × 5.00 + 6.00; sale B of 1 × ¥11.30 (VAT 1.30, cost 5.00),
// then B returned in full. Figures to the fen:
//   sales 33.50 + 11.30 = 44.80, returns 11.30, net 33.50, VAT 3.50, revenue 30.00, cost 16.00,
//   gross profit 14.00, margin 14.00 / 30.00 = 46.67 %, 2 tickets, average ticket 16.75.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { addDays } from '../../../core/time/calendar-date';
import { businessDate } from '../../../core/time/business-date';
import { testDialects } from '../../../db/testing';
import { makeSalesTestApp, type SalesTestApp } from '../sales/test-helpers';

describe.each(testDialects)('dashboard on %s', (dialect) => {
  let t: SalesTestApp;
  let finance: string;
  let a: string;
  let b: string;
  const today = businessDate(new Date(), 'Asia/Shanghai');

  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    finance = await t.login('finance');
    a = await t.product({ price: 1130, taxRate: 1300 });
    b = await t.product({ price: 1090, taxRate: 900 });
    await t.stock.stockIn(t.ids.s01, a, 10_000, 5000);
    await t.stock.stockIn(t.ids.s01, b, 10_000, 6000);
    const saleA = await t.sell({ lines: [{ productId: a, qty: 2000 }, { productId: b, qty: 1000 }], payments: [{ method: 'cash', amount: 5000 }], clientTotal: 3350 });
    expect(saleA.statusCode, saleA.body).toBe(201);
    const saleB = await t.sell({ lines: [{ productId: a, qty: 1000 }], payments: [{ method: 'cash', amount: 1130 }], clientTotal: 1130 });
    expect(saleB.statusCode, saleB.body).toBe(201);
    const ret = await t.call(t.tokens.cashier, 'POST', '/api/v1/returns', {
      id: uuidv7(),
      registerId: t.ids.r01,
      shiftId: t.shifts.r01,
      clientTime: new Date().toISOString(),
      saleNumber: saleB.json().number,
      lines: [{ lineNo: 1, qty: 1000 }],
    });
    expect(ret.statusCode, ret.body).toBe(201);
  });
  afterAll(() => t.close());

  const get = (query: string, token = finance) => t.call(token, 'GET', `/api/v1/dashboard${query}`);

  it('sums a scripted day exactly to the fen', async () => {
    const res = await get(`?storeId=${t.ids.s01}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    const day = { sales: 4480, returns: 1130, netSales: 3350, revenue: 3000, cost: 1600, grossProfit: 1400, grossMarginBp: 4667, tickets: 2, avgTicket: 1675 };
    expect(d).toMatchObject({ storeId: t.ids.s01, today, from: addDays(today, -6), to: today });
    expect(d.todayKpis).toEqual(day);
    expect(d.period).toEqual(day);
    expect(d.previousPeriod).toEqual({ sales: 0, returns: 0, netSales: 0, revenue: 0, cost: 0, grossProfit: 0, grossMarginBp: 0, tickets: 0, avgTicket: 0 });
    expect(d.hourly).toHaveLength(24);
    expect(d.hourly.reduce((s: number, h: { netSales: number }) => s + h.netSales, 0)).toBe(3350);
    expect(d.hourly.reduce((s: number, h: { tickets: number }) => s + h.tickets, 0)).toBe(2);
    expect(d.daily.map((x: { date: string }) => x.date)).toEqual([6, 5, 4, 3, 2, 1, 0].map((n) => addDays(today, -n)));
    expect(d.daily[6]).toEqual({ date: today, netSales: 3350, grossProfit: 1400, tickets: 2 });
    // Product a: 3 sold, 1 back: net 22.60, VAT 2.60, cost 10.00 → 10.00; b: 10.90 − 0.90 − 6.00 = 4.00.
    expect(d.topProducts).toEqual([
      expect.objectContaining({ productId: a, qty: 2000, netSales: 2260, grossProfit: 1000 }),
      expect.objectContaining({ productId: b, qty: 1000, netSales: 1090, grossProfit: 400 }),
    ]);
    expect(d.alerts).toEqual({ lowStock: 0, nearExpiry: 0, negativeStock: 0, offlineReview: 0 });
  });

  it('lists every readable store, and all stores together when none is named', async () => {
    const all = (await get('')).json();
    expect(all.storeId).toBeNull();
    expect(all.period.netSales).toBe(3350);
    expect(all.stores.map((s: { storeId: string }) => s.storeId)).toEqual(expect.arrayContaining([t.ids.s01, t.ids.s02]));
    expect(all.stores[0]).toMatchObject({ storeId: t.ids.s01, netSales: 3350, grossProfit: 1400, tickets: 2, avgTicket: 1675 });
    const s02 = (await get(`?storeId=${t.ids.s02}`)).json();
    expect(s02.period.netSales).toBe(0);
    expect(s02.stores.find((s: { storeId: string }) => s.storeId === t.ids.s01).netSales).toBe(3350);
  });

  it('compares with the previous period of the same length (环比)', async () => {
    const tomorrow = addDays(today, 1);
    const d = (await get(`?storeId=${t.ids.s01}&from=${tomorrow}&to=${tomorrow}`)).json();
    expect(d.period.netSales).toBe(0);
    expect(d.previousPeriod).toMatchObject({ netSales: 3350, tickets: 2 });
  });

  it('refuses bad input with 4xx naming the field', async () => {
    const bad = async (query: string, status: number, field: string) => {
      const res = await get(query);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toContain(field);
    };
    await bad('?from=2026-13-01', 400, 'from');
    await bad('?from=2026-02-30&to=2026-03-01', 400, 'from');
    await bad(`?from=${today}&to=${addDays(today, -1)}`, 400, 'to');
    await bad(`?from=${addDays(today, -400)}&to=${today}`, 400, 'from');
    await bad('?storeId=nope', 404, 'storeId');
    await bad('?color=red', 400, 'color');
    const cashier = await get(`?storeId=${t.ids.s01}`, t.tokens.cashier);
    expect(cashier.statusCode).toBe(403);
  });
});
