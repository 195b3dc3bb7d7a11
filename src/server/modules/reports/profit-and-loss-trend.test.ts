// The P&L month by month (GET /reports/profit-and-loss/trend), over hand-checked figures:
// 2025-06-15 S01 sells 3 × ¥11.30 at 13 % (revenue 3000, cost 3 × 500 = 1500); 2025-06-20 S01 rent
// 800 (5602); 2025-09-01 S02 other revenue 200 (5051); 2026-03-01 S01 office expense 100 (5601).
// 2025 is then closed (年结, entries dated 2025-12-31) and December must stay at zero.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../db/testing';
import { makeTestApp, type TestApp } from '../../testing';
import { movableClock } from '../inventory/test-fixtures';
import { booksFixture, postManualEntry, sellForCash } from '../journal/test-helpers';

interface Month {
  month: string;
  revenue: number;
  costOfSales: number;
  grossProfit: number;
  expenses: number;
  netProfit: number;
}

const zero = (month: string): Month => ({ month, revenue: 0, costOfSales: 0, grossProfit: 0, expenses: 0, netProfit: 0 });

describe.each(testDialects)('profit and loss trend on %s', (dialect) => {
  let t: TestApp;
  let finance: string;
  let owner: string;
  const time = movableClock('2025-03-02T02:00:00Z');
  const call = (url: string, token = finance) => t.call(token, 'GET', `/api/v1/reports/profit-and-loss/trend?${url}`);
  const trend = async (url: string, token = finance): Promise<Month[]> => {
    const res = await call(url, token);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().months;
  };
  const manual = (storeId: string, date: string, lines: { account: string; debit: number; credit: number }[]) =>
    postManualEntry(t, finance, owner, { storeId, date, memo: `manual ${date}`, lines });

  beforeAll(async () => {
    t = await makeTestApp(dialect, { clock: time.clock });
    const books = await booksFixture(t);
    ({ finance, owner } = books);

    time.setDay('2025-06-15');
    await sellForCash(t, books, [3000]);
    time.setDay('2025-06-20');
    await manual(t.ids.s01, '2025-06-20', [{ account: '5602', debit: 800, credit: 0 }, { account: '1002', debit: 0, credit: 800 }]);
    time.setDay('2025-09-01');
    await manual(t.ids.s02, '2025-09-01', [{ account: '1001', debit: 200, credit: 0 }, { account: '5051', debit: 0, credit: 200 }]);
    time.setDay('2026-03-01');
    await manual(t.ids.s01, '2026-03-01', [{ account: '5601', debit: 100, credit: 0 }, { account: '1001', debit: 0, credit: 100 }]);
    time.setDay('2027-01-05');
    const closed = await t.call(finance, 'POST', '/api/v1/books/year-end-close', { year: 2025 });
    expect(closed.statusCode, closed.body).toBe(201);
  });
  afterAll(() => t.close());

  it('gives every month of the period in order, zeros where nothing was booked, and leaves the year-end close out', async () => {
    expect(await trend('from=2025-05-01&to=2026-03-31')).toEqual([
      zero('2025-05'),
      { month: '2025-06', revenue: 3000, costOfSales: 1500, grossProfit: 1500, expenses: 800, netProfit: 700 },
      zero('2025-07'),
      zero('2025-08'),
      { month: '2025-09', revenue: 200, costOfSales: 0, grossProfit: 200, expenses: 0, netProfit: 200 },
      zero('2025-10'),
      zero('2025-11'),
      zero('2025-12'),
      zero('2026-01'),
      zero('2026-02'),
      { month: '2026-03', revenue: 0, costOfSales: 0, grossProfit: 0, expenses: 100, netProfit: -100 },
    ]);
  });

  it('cuts the first and last months at the period, so the months add up to the P&L of the period', async () => {
    const months = await trend('from=2025-06-16&to=2025-09-01');
    expect(months.map((m) => [m.month, m.netProfit])).toEqual([['2025-06', -800], ['2025-07', 0], ['2025-08', 0], ['2025-09', 200]]);
    for (const period of ['from=2025-06-16&to=2025-09-01', 'from=2025-01-01&to=2026-12-31']) {
      const pl = (await t.call(finance, 'GET', `/api/v1/reports/profit-and-loss?${period}`)).json();
      const sums = (await trend(period)).reduce((s, m) => ({ revenue: s.revenue + m.revenue, costOfSales: s.costOfSales + m.costOfSales, grossProfit: s.grossProfit + m.grossProfit, expenses: s.expenses + m.expenses, netProfit: s.netProfit + m.netProfit }), { revenue: 0, costOfSales: 0, grossProfit: 0, expenses: 0, netProfit: 0 });
      expect(sums).toEqual(pl.totals);
    }
  });

  it("follows the store filter and the caller's stores", async () => {
    const s02 = await trend(`from=2025-06-01&to=2025-09-30&storeId=${t.ids.s02}`);
    expect(s02.map((m) => [m.month, m.revenue, m.netProfit])).toEqual([['2025-06', 0, 0], ['2025-07', 0, 0], ['2025-08', 0, 0], ['2025-09', 200, 200]]);
    // The S01 manager sees S01 only: June's sale and rent, not S02's September.
    const mine = await trend('from=2025-06-01&to=2025-09-30', await t.login('manager'));
    expect(mine.map((m) => m.netProfit)).toEqual([700, 0, 0, 0]);
    expect((await call(`from=2025-06-01&to=2025-09-30&storeId=${t.ids.s02}`, await t.login('manager'))).statusCode).toBe(404);
    expect((await call('from=2025-06-01&to=2025-09-30', await t.login('cashier'))).statusCode).toBe(403);
  });

  it('refuses a bad period naming the field', async () => {
    const backwards = await call('from=2025-09-01&to=2025-06-01');
    expect([backwards.statusCode, backwards.json().errors[0].field]).toEqual([400, 'to']);
    const tooLong = await call('from=2015-01-01&to=2025-01-31');
    expect([tooLong.statusCode, tooLong.json().code, tooLong.json().errors[0].field]).toEqual([400, 'period_too_long', 'to']);
    expect((await call('from=2025-02-30&to=2025-03-01')).json().errors[0].field).toBe('from');
    expect((await call('from=2025-06-01')).statusCode).toBe(400);
    // Ten whole years is the longest trend.
    expect(await trend('from=2016-01-01&to=2025-12-31')).toHaveLength(120);
  });
});
