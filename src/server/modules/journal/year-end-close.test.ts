// Year-end close (年结) golden figures. 2025 in S01: sales of 3 × ¥11.30 at 13% (revenue 3000, VAT 390,
// cost 3 × 500 = 1500) and a manual rent expense of 800; in S02 other revenue of 200 by manual entry.
// Profit 2025 = 3000 − 1500 − 800 + 200 = 900 (S01 700, S02 200). 2026: one expense of 100 (a loss).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { testDialects } from '../../../db/testing';
import { makeTestApp, type TestApp } from '../../testing';
import { verifyAll } from '../../verify/verify';
import { movableClock } from '../inventory/test-fixtures';
import { journalOf } from '../sales/test-helpers';
import { booksFixture, postManualEntry, sellForCash } from './test-helpers';

interface Line {
  code: string;
  type: string;
  closing: number;
  amount: number;
}

describe.each(testDialects)('year-end close on %s', (dialect) => {
  let t: TestApp;
  let finance: string;
  let owner: string;
  const time = movableClock('2025-03-02T02:00:00Z');
  const get = (url: string) => t.call(finance, 'GET', url).then((r) => r.json());
  const close = (year: number, token = finance) => t.call(token, 'POST', '/api/v1/books/year-end-close', { year });
  const manual = (storeId: string, date: string, lines: { account: string; debit: number; credit: number }[]) =>
    postManualEntry(t, finance, owner, { storeId, date, memo: `manual ${date}`, lines });

  beforeAll(async () => {
    t = await makeTestApp(dialect, { clock: time.clock });
    const books = await booksFixture(t);
    ({ finance, owner } = books);

    time.setDay('2025-06-15');
    await sellForCash(t, books, [2000, 1000]);
    time.setDay('2025-06-20');
    await manual(t.ids.s01, '2025-06-20', [{ account: '5602', debit: 800, credit: 0 }, { account: '1002', debit: 0, credit: 800 }]);
    time.setDay('2025-09-01');
    await manual(t.ids.s02, '2025-09-01', [{ account: '1001', debit: 200, credit: 0 }, { account: '5051', debit: 0, credit: 200 }]);
    time.setDay('2026-03-01');
    await manual(t.ids.s01, '2026-03-01', [{ account: '5601', debit: 100, credit: 0 }, { account: '1001', debit: 0, credit: 100 }]);
    time.setDay('2027-01-05');
  });
  afterAll(() => t.close());

  it('refuses a year that is not over, a later year while an earlier one is open, and callers without a company-wide books role', async () => {
    const notOver = await close(2027);
    expect([notOver.statusCode, notOver.json().code, notOver.json().errors[0].field]).toEqual([422, 'year_not_over', 'year']);
    const skipped = await close(2026);
    expect([skipped.statusCode, skipped.json().code, skipped.json().openYear]).toEqual([409, 'previous_year_open', 2025]);
    expect((await close(2025, await t.login('auditor'))).statusCode).toBe(403);
    expect((await close(2025, await t.login('manager'))).statusCode).toBe(403);
    expect((await t.call(finance, 'POST', '/api/v1/books/year-end-close', { year: '2025' })).statusCode).toBe(400);
    expect(await t.db.db.selectFrom('documents').select('id').where('type', '=', 'year_end_close').execute()).toEqual([]);
  });

  it('closes 2025 into 3103 then 3104 per store; the P&L keeps the profit; the balance sheet balances before and after', async () => {
    const plBefore = await get('/api/v1/reports/profit-and-loss?from=2025-01-01&to=2025-12-31');
    expect(plBefore.totals).toEqual({ revenue: 3200, costOfSales: 1500, grossProfit: 1700, expenses: 800, netProfit: 900 });
    const bsBefore = await get('/api/v1/reports/balance-sheet?asOf=2025-12-31');
    expect([bsBefore.currentProfit, bsBefore.balanced]).toEqual([900, true]);

    const res = await close(2025);
    expect(res.statusCode, res.body).toBe(201);
    const result = res.json();
    expect(result).toMatchObject({ year: 2025, profit: 900, lockDate: '2025-12-31' });
    expect(result.documents.map((d: { storeId: string; profit: number }) => [d.storeId, d.profit])).toEqual([[t.ids.s01, 700], [t.ids.s02, 200]]);
    expect(result.documents[0].number).toMatch(/^YC-S01-\d{6}$/);

    const [s01, s02] = result.documents;
    expect(await journalOf(t, s01.id)).toEqual([
      [
        { account: '5001', debit: 3000, credit: 0 },
        { account: '5401', debit: 0, credit: 1500 },
        { account: '5602', debit: 0, credit: 800 },
        { account: '3103', debit: 0, credit: 700 },
      ],
      [{ account: '3103', debit: 700, credit: 0 }, { account: '3104', debit: 0, credit: 700 }],
    ]);
    expect(await journalOf(t, s02.id)).toEqual([
      [{ account: '5051', debit: 200, credit: 0 }, { account: '3103', debit: 0, credit: 200 }],
      [{ account: '3103', debit: 200, credit: 0 }, { account: '3104', debit: 0, credit: 200 }],
    ]);
    const doc = await get(`/api/v1/documents/${s01.id}`);
    expect(doc).toMatchObject({ type: 'year_end_close', businessDate: '2025-12-31' });

    // Every revenue and expense account, and 3103, is zero at 12-31; the trial balance still sums to zero.
    const tb = await get('/api/v1/reports/trial-balance?from=2025-01-01&to=2025-12-31');
    expect(tb.totals.closing).toBe(0);
    expect(tb.totals.debit).toBe(tb.totals.credit);
    const pl = tb.items.filter((i: Line) => i.type === 'revenue' || i.type === 'expense' || i.code === '3103');
    expect(pl.length).toBeGreaterThan(4);
    for (const i of pl) expect([i.code, i.closing]).toEqual([i.code, 0]);

    // The year's P&L ignores its closing entries; the balance sheet moves the profit into 3104.
    expect(await get('/api/v1/reports/profit-and-loss?from=2025-01-01&to=2025-12-31')).toEqual(plBefore);
    const bs = await get('/api/v1/reports/balance-sheet?asOf=2025-12-31');
    expect([bs.currentProfit, bs.balanced]).toEqual([0, true]);
    const equity3104 = (b: { equity: Line[] }) => b.equity.find((e) => e.code === '3104')!.amount;
    expect(equity3104(bs)).toBe(equity3104(bsBefore) + 900);
    expect(bs.totals).toEqual(bsBefore.totals);

    expect(await get('/api/v1/books/lock-date')).toEqual({ lockDate: '2025-12-31' });
    const events = await t.db.db.selectFrom('audit_events').select(['action', 'data_json']).where('action', '=', 'books.year_end_closed').execute();
    expect(JSON.parse(events[0].data_json)).toMatchObject({ year: 2025, profit: 900, lockDate: { before: null, after: '2025-12-31' } });
  });

  it('keeps a closed year closed: no second close, no earlier lock date, no posting into it, no reversal of the close', async () => {
    expect((await close(2025)).json().code).toBe('year_already_closed');
    const reopen = await t.call(finance, 'PUT', '/api/v1/books/lock-date', { lockDate: null });
    expect([reopen.statusCode, reopen.json().code]).toEqual([409, 'year_closed']);
    expect((await t.call(finance, 'PUT', '/api/v1/books/lock-date', { lockDate: '2025-06-30' })).json().code).toBe('year_closed');
    const late = await t.call(finance, 'POST', '/api/v1/journal/manual-entries', {
      id: uuidv7(),
      storeId: t.ids.s01,
      date: '2025-12-20',
      memo: 'late accrual',
      lines: [{ account: '5602', debit: 1, credit: 0 }, { account: '2241', debit: 0, credit: 1 }],
    });
    expect([late.statusCode, late.json().code]).toEqual([409, 'period_locked']);
    const yc = await t.db.db.selectFrom('documents').select('id').where('type', '=', 'year_end_close').executeTakeFirstOrThrow();
    expect((await t.call(owner, 'POST', `/api/v1/journal/documents/${yc.id}/reverse`, { memo: 'undo' })).json()).toMatchObject({ code: 'not_reversible' });
  });

  it('closes the next year\'s loss the other way round', async () => {
    const res = await close(2026);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ year: 2026, profit: -100, lockDate: '2026-12-31' });
    expect(res.json().documents).toHaveLength(1);
    expect(await journalOf(t, res.json().documents[0].id)).toEqual([
      [{ account: '5601', debit: 0, credit: 100 }, { account: '3103', debit: 100, credit: 0, }],
      [{ account: '3103', debit: 0, credit: 100 }, { account: '3104', debit: 100, credit: 0 }],
    ]);
    expect((await get('/api/v1/reports/profit-and-loss?from=2026-01-01&to=2026-12-31')).totals.netProfit).toBe(-100);
    expect((await get('/api/v1/reports/balance-sheet?asOf=2026-12-31')).balanced).toBe(true);
    expect((await get('/api/v1/books/year-end-closes')).items.map((y: { year: number; profit: number }) => [y.year, y.profit])).toEqual([[2026, -100], [2025, 900]]);
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
