// Postings into a year racing its year-end close (年结). On PostgreSQL a posting holds the books lock
// shared before it reads the lock date and the close holds it exclusively from the balances it
// closes to the lock date it sets (posting/books-lock.ts), so each posting either lands before the close (and is closed out
// with the year) or after it (refused, or an offline sale moved to the first open date). Nothing
// lands in the closed year after its closing entries: its revenue and expense accounts end at zero.
// On SQLite the single writer serializes the same way; the test runs on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { uuidv7 } from '../../../core/id/uuidv7';
import { testDialects } from '../../../db/testing';
import { stockFixtures } from '../../inventory/test-stock';
import { makeTestApp, type TestApp } from '../../testing';
import { verifyAll } from '../../verify/verify';
import { movableClock, newProduct } from '../inventory/test-fixtures';
import { MANUAL_ENTRIES } from './test-helpers';

const WORKERS = 8;
const DRAFTS = 40;

describe.each(testDialects)('postings racing the year-end close on %s', (dialect) => {
  let t: TestApp;
  let finance: string;
  let owner: string;
  let cashier: string;
  let product: string;
  let shiftId: string;
  const time = movableClock('2025-03-02T02:00:00Z');

  beforeAll(async () => {
    t = await makeTestApp(dialect, { clock: time.clock });
    finance = await t.login('finance');
    owner = await t.login('owner');
    cashier = await t.login('cashier');
    const stock = await stockFixtures(t);
    product = await newProduct(t, { price: 1130, taxRate: 1300 });
    await stock.stockIn(t.ids.s01, product, 100_000, 50_000);
    time.setDay('2025-12-20');
    const shift = await t.call(cashier, 'POST', '/api/v1/shifts', { id: uuidv7(), registerId: t.ids.r01, openingFloat: 0 });
    expect(shift.statusCode, shift.body).toBe(201);
    shiftId = shift.json().id;
  });
  afterAll(() => t.close());

  it('lands every concurrent posting wholly before or wholly after the close; the closed year ends at zero', async () => {
    // Drafts of rent (Dr 5602 100 / Cr 1002 100) dated in 2025, alternating stores, approved during the close.
    const drafts: string[] = [];
    for (let i = 0; i < DRAFTS; i++) {
      const id = uuidv7();
      const lines = [{ account: '5602', debit: 100, credit: 0 }, { account: '1002', debit: 0, credit: 100 }];
      const res = await t.call(finance, 'POST', MANUAL_ENTRIES, { id, storeId: i % 2 ? t.ids.s02 : t.ids.s01, date: '2025-12-20', memo: `rent ${i}`, lines });
      expect(res.statusCode, res.body).toBe(201);
      drafts.push(id);
    }
    // An offline sale rung up on 2025-12-30: one ¥11.30 unit at 13% (revenue 1000, VAT 130, cost 500).
    const offlineSale = () =>
      t.call(cashier, 'POST', '/api/v1/sales', {
        id: uuidv7(),
        registerId: t.ids.r01,
        shiftId,
        offline: true,
        clientTime: '2025-12-30T04:00:00.000Z',
        lines: [{ productId: product, qty: 1000, unitPrice: 1130 }],
        payments: [{ method: 'cash', amount: 1130 }],
        clientTotal: 1130,
      });
    const approve = (id: string) => t.call(owner, 'POST', `${MANUAL_ENTRIES}/${id}/approve`, {});
    time.setDay('2026-01-05');
    // Before the race, one entry per store and one sale land in 2025 for certain.
    const settled = [];
    for (const id of drafts.splice(0, 2)) settled.push(await approve(id));
    settled.push(await offlineSale());

    // Workers post one after another (odd ones approve drafts while there are any, even ones
    // sell) before, during and after the close, each at least two more once it has answered.
    const pending = [...drafts];
    const answers: Awaited<ReturnType<typeof approve>>[] = [];
    let closeDone = false;
    const worker = async (w: number) => {
      for (let after = 0; after < 2; ) {
        if (closeDone) after += 1;
        const id = w % 2 ? pending.shift() : undefined;
        answers.push(await (id ? approve(id) : offlineSale()));
      }
    };
    const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
    while (answers.length < WORKERS) await new Promise((r) => setTimeout(r, 2));
    const closeRes = await t.call(finance, 'POST', '/api/v1/books/year-end-close', { year: 2025 });
    closeDone = true;
    await Promise.all(workers);
    expect(closeRes.statusCode, closeRes.body).toBe(201);

    // Each answer is one of the two sides of the close, never anything else.
    let approvedIn2025 = 0;
    let salesIn2025 = 0;
    for (const res of [...settled, ...answers]) {
      const body = res.json();
      if (body.type === 'manual_entry') {
        expect([res.statusCode, body.businessDate]).toEqual([201, '2025-12-20']);
        approvedIn2025 += 1;
      } else if (body.type === 'sale') {
        expect(res.statusCode, res.body).toBe(201);
        if (body.businessDate === '2025-12-30') salesIn2025 += 1;
        else expect([body.businessDate, body.periodLocked?.lockDate]).toEqual(['2026-01-01', '2025-12-31']);
      } else {
        expect([res.statusCode, body.code, body.lockDate]).toEqual([409, 'period_locked', '2025-12-31']);
      }
    }
    // The close closed out exactly what landed before it: 500 gross profit per sale, 100 rent per entry.
    expect(closeRes.json().profit).toBe(500 * salesIn2025 - 100 * approvedIn2025);

    // Every revenue and expense account is zero over 2025 (closing entries included), per store.
    const { rows } = await sql<{ store_id: string; account_code: string; balance: number }>`
      SELECT e.store_id, l.account_code, CAST(SUM(l.debit - l.credit) AS BIGINT) AS balance
      FROM journal_entries e
      JOIN journal_lines l ON l.entry_id = e.id
      JOIN accounts a ON a.company_id = l.company_id AND a.code = l.account_code
      WHERE e.company_id = ${t.ids.companyId} AND e.business_date BETWEEN '2025-01-01' AND '2025-12-31'
        AND a.type IN ('revenue', 'expense')
      GROUP BY e.store_id, l.account_code`.execute(t.db.db);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => Number(r.balance) !== 0)).toEqual([]);
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
