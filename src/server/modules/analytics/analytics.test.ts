// Sales analytics over the dashboard's hand-checked day (see dashboard.test.ts): sale A 2 × ¥11.30
// (13%) + 1 × ¥10.90 (9%) paid ¥50 cash, sale B 1 × ¥11.30 paid exactly, then B returned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { addDays } from '../../../core/time/calendar-date';
import { businessDate } from '../../../core/time/business-date';
import { testDialects } from '../../../db/testing';
import { makeSalesTestApp, type SalesTestApp } from '../sales/test-helpers';

describe.each(testDialects)('sales analytics on %s', (dialect) => {
  let t: SalesTestApp;
  let finance: string;
  let a: string;
  let b: string;
  const today = businessDate(new Date(), 'Asia/Shanghai');
  const period = `from=${today}&to=${today}`;

  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    finance = await t.login('finance');
    a = await t.product({ price: 1130, taxRate: 1300 });
    b = await t.product({ price: 1090, taxRate: 900 });
    await t.stock.stockIn(t.ids.s01, a, 10_000, 5000);
    await t.stock.stockIn(t.ids.s01, b, 10_000, 6000);
    expect((await t.sell({ lines: [{ productId: a, qty: 2000 }, { productId: b, qty: 1000 }], payments: [{ method: 'cash', amount: 5000 }], clientTotal: 3350 })).statusCode).toBe(201);
    const saleB = await t.sell({ lines: [{ productId: a, qty: 1000 }], payments: [{ method: 'cash', amount: 1130 }], clientTotal: 1130 });
    const ret = await t.call(t.tokens.cashier, 'POST', '/api/v1/returns', { id: uuidv7(), registerId: t.ids.r01, shiftId: t.shifts.r01, clientTime: new Date().toISOString(), saleNumber: saleB.json().number, lines: [{ lineNo: 1, qty: 1000 }] });
    expect(ret.statusCode, ret.body).toBe(201);
  });
  afterAll(() => t.close());

  const get = (url: string) => t.call(finance, 'GET', `/api/v1/analytics/${url}`);
  const day = { sales: 4480, returns: 1130, netSales: 3350, tax: 350, revenue: 3000, cost: 1600, grossProfit: 1400, grossMarginBp: 4667, tickets: 2, avgTicket: 1675, itemsPerTicketMilli: 2000, discounts: 0, returnRateBp: 2522 };

  it('sums the day by date, by store and by cashier to the fen', async () => {
    const byDay = (await get(`sales?${period}&storeId=${t.ids.s01}`)).json();
    expect(byDay.rows).toEqual([expect.objectContaining({ key: today, ...day })]);
    expect(byDay.totals).toEqual(day);
    const byStore = (await get(`sales?${period}&by=store`)).json();
    expect(byStore.rows[0]).toMatchObject({ key: t.ids.s01, ...day });
    const byCashier = (await get(`sales?${period}&by=cashier`)).json();
    expect(byCashier.rows).toEqual([expect.objectContaining({ label: expect.any(String), ...day })]);
    const byHour = (await get(`sales?${period}&by=hour`)).json();
    expect(byHour.rows).toHaveLength(24);
    expect(byHour.totals).toEqual(day);
    const byWeekday = (await get(`sales?${period}&by=weekday`)).json();
    expect(byWeekday.rows.map((r: { key: string }) => r.key)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });

  it('sums products and categories from their lines, and payments net of change', async () => {
    const byProduct = (await get(`sales?${period}&by=product`)).json();
    // a: 3 sold (33.90), 1 back (11.30); VAT 2.60; cost 10.00. b: 10.90, VAT 0.90, cost 6.00.
    expect(byProduct.rows).toEqual([
      expect.objectContaining({ key: a, sales: 3390, returns: 1130, netSales: 2260, tax: 260, revenue: 2000, cost: 1000, grossProfit: 1000, tickets: 2, itemsPerTicketMilli: 1000 }),
      expect.objectContaining({ key: b, sales: 1090, returns: 0, netSales: 1090, tax: 90, revenue: 1000, cost: 600, grossProfit: 400, tickets: 1 }),
    ]);
    const byPayment = (await get(`sales?${period}&by=payment`)).json();
    // 50.00 handed over − 16.50 change + 11.30 − 11.30 refunded.
    expect(byPayment.rows).toEqual([expect.objectContaining({ key: 'cash', sales: 3350, tickets: 2 })]);
    const byCategory = (await get(`sales?${period}&by=category`)).json();
    expect(byCategory.totals.netSales).toBe(3350);
  });

  it('compares with the previous period (环比) and the same dates last year (同比)', async () => {
    const tomorrow = addDays(today, 1);
    const prev = (await get(`sales?from=${tomorrow}&to=${tomorrow}&compare=previous`)).json();
    expect(prev).toMatchObject({ compareFrom: today, compareTo: today, totals: { netSales: 0 }, compareTotals: { netSales: 3350, tickets: 2 } });
    expect(prev.rows[0].compare).toMatchObject({ netSales: 3350 });
    const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
    const yoy = (await get(`sales?from=${nextYear}&to=${nextYear}&compare=year`)).json();
    expect(yoy).toMatchObject({ compareFrom: today, compareTotals: { netSales: 3350 } });
  });

  it('ranks best sellers, classes products ABC and measures stock turnover', async () => {
    const best = (await get(`products?${period}&storeId=${t.ids.s01}&limit=2`)).json();
    expect(best.items.map((i: { productId: string }) => i.productId)).toEqual([a, b]);
    const slow = (await get(`products?${period}&storeId=${t.ids.s01}&sort=slow`)).json();
    expect(slow.items.length).toBeGreaterThan(0);
    expect(slow.items.every((i: { onHandQty: number }) => i.onHandQty > 0)).toBe(true);
    const abc = (await get(`abc?${period}&storeId=${t.ids.s01}`)).json();
    // Revenue 20.00 + 10.00: b starts at 66.67 % < 80 %, so both are A.
    expect(abc.totalRevenue).toBe(3000);
    expect(abc.items.map((i: { productId: string; class: string; shareBp: number }) => [i.productId, i.class, i.shareBp])).toEqual([
      [a, 'A', 6667],
      [b, 'A', 3333],
    ]);
    const turnover = (await get(`stock-turnover?${period}&storeId=${t.ids.s01}`)).json();
    // a: 8 left worth 40.00; cost of sales 10.00 in one day → 0.25 turns, 4 days of cover.
    expect(turnover.items.find((i: { productId: string }) => i.productId === a)).toMatchObject({ onHandQty: 8000, stockValue: 4000, cost: 1000, turnoverMilli: 250, daysOfCover: 4 });
  });

  it('exports each report as CSV, XLSX and PDF', async () => {
    const csv = await get(`sales?${period}&by=product&format=csv&lang=en`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Net sales');
    expect(csv.body).toContain('22.60');
    for (const url of [`sales?${period}&format=xlsx`, `products?${period}&format=pdf`, `abc?${period}&format=csv`, `stock-turnover?${period}&format=xlsx`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-disposition'], url).toContain('attachment');
    }
  });

  it('refuses bad input with 4xx naming the field', async () => {
    const bad = async (url: string, status: number, field: string) => {
      const res = await get(url);
      expect(res.statusCode, `${url} ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toContain(`"${field}`);
    };
    await bad(`sales?${period}&by=colour`, 400, 'by');
    await bad(`sales?${period}&compare=last`, 400, 'compare');
    await bad(`sales?to=${today}`, 400, 'from');
    await bad(`sales?from=${today}&to=${addDays(today, -1)}`, 400, 'to');
    await bad(`sales?from=2026-02-30&to=2026-03-01`, 400, 'from');
    await bad(`sales?${period}&format=doc`, 400, 'format');
    await bad(`products?${period}&limit=0`, 400, 'limit');
    await bad(`products?${period}&sort=worst`, 400, 'sort');
    await bad(`abc?${period}&storeId=elsewhere`, 404, 'storeId');
    await bad(`stock-turnover?from=${addDays(today, -400)}&to=${today}`, 400, 'from');
  });
});
