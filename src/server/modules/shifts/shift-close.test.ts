import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { isImmutableViolation } from '../../../db/dialect';
import { testDialects } from '../../../db/testing';
import { verifyAll } from '../../verify/verify';
import { journalOf, makeSalesTestApp, type SalesTestApp } from '../sales/test-helpers';

// One shift on R01 hand-checked to the fen, opened with a 500.00 float:
//   sale 1: 2 colas at 3.50 = 7.00, cash 10.00, change 3.00
//   sale 2: 4 colas at 3.50 = 14.00 less 5% (0.70) = 13.30, WeChat
//   return of sale 1: 7.00 back in cash
//   paid-in 20.00, paid-out 5.00 (by the manager)
// expected drawer: 500.00 + 10.00 − 3.00 − 7.00 + 20.00 − 5.00 = 515.00.
describe.each(testDialects)('shift close (交接班), X report and day close (日结) on %s', (dialect) => {
  let t: SalesTestApp;
  let cola: string;
  let businessDate: string;
  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    cola = t.ids.products['DRK-COLA-330'];
    const shift = await t.call(t.tokens.cashier, 'GET', `/api/v1/shifts/current?registerId=${t.ids.r01}`);
    businessDate = shift.json().businessDate;
  });
  afterAll(() => t.close());

  const xReport = (shiftId: string, token = t.tokens.cashier) => t.call(token, 'GET', `/api/v1/shifts/${shiftId}/x-report`);
  const close = (shiftId: string, body: Record<string, unknown>, token = t.tokens.cashier) => t.call(token, 'POST', `/api/v1/shifts/${shiftId}/close`, body);
  const cashMove = (direction: 'in' | 'out', amount: number, token: string) =>
    t.call(token, 'POST', '/api/v1/documents/cash-movements', { id: uuidv7(), registerId: t.ids.r01, direction, amount, reason: `paid-${direction}` });

  it('reports the shift so far: sales, returns, discounts, tax, takings by method, expected cash, average ticket', async () => {
    const first = await t.sell({ lines: [{ productId: cola, qty: 2000 }], payments: [{ method: 'cash', amount: 1000 }], clientTotal: 700 });
    expect(first.statusCode).toBe(201);
    const wechat = await t.sell({
      lines: [{ productId: cola, qty: 4000, lineDiscount: { type: 'percent', bp: 500 } }],
      payments: [{ method: 'wechat', amount: 1330, authCode: '134567890123456789' }],
      clientTotal: 1330,
    });
    expect(wechat.statusCode, wechat.body).toBe(201);
    const ret = await t.call(t.tokens.cashier, 'POST', '/api/v1/returns', {
      id: uuidv7(),
      registerId: t.ids.r01,
      shiftId: t.shifts.r01,
      clientTime: new Date().toISOString(),
      saleNumber: first.json().number,
    });
    expect(ret.statusCode, ret.body).toBe(201);
    expect((await cashMove('in', 2000, t.tokens.cashier)).statusCode).toBe(201);
    expect((await cashMove('out', 500, t.tokens.manager)).statusCode).toBe(201);

    const res = await xReport(t.shifts.r01);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      shift: { id: t.shifts.r01, status: 'open', openingFloat: 50_000 },
      sales: { count: 2, total: 2030 },
      returns: { count: 1, total: -700 },
      voids: { count: 0, total: 0 },
      netSales: 1330,
      discounts: 70,
      rounding: 0,
      // 7.00 → 0.81, given back by the return; 13.30 → 13.30 − round(13.30 / 1.13) = 1.53
      tax: 153,
      tickets: 2,
      averageTicket: 665,
      payments: [
        { method: 'cash', count: 2, received: 1000, refunded: 700, change: 300, net: 0 },
        { method: 'wechat', count: 1, received: 1330, refunded: 0, change: 0, net: 1330 },
      ],
      cash: { openingFloat: 50_000, received: 1000, change: 300, refunded: 700, paidIn: 2000, paidOut: 500, expected: 51_500 },
    });
  });

  it('keeps X reports to those who may see the register', async () => {
    expect((await xReport(t.shifts.s02r01)).statusCode).toBe(404);
    expect((await xReport(uuidv7())).statusCode).toBe(404);
    expect((await xReport(t.shifts.r01, t.tokens.auditor)).statusCode).toBe(200);
  });

  it('closes with the drawer counted by denomination and posts a 0.10 shortage to 1901', async () => {
    const otherCashier = await t.call(t.tokens.owner, 'POST', '/api/v1/users', {
      username: 'cashier2',
      displayName: '另一位收银员',
      password: 'Kq7!mPz2-rXw',
      roles: [{ role: 'cashier', storeId: t.ids.s01 }],
    });
    expect(otherCashier.statusCode, otherCashier.body).toBe(201);
    // 5 × 100 + 1 × 10 + 4 × 1 + 1 × 0.5 + 4 × 0.1 = 514.90
    const body = { id: uuidv7(), cash: { '100': 5, '10': 1, '1': 4, '0.5': 1, '0.1': 4 }, counted: { wechat: 1330 } };
    const notTheirs = await close(t.shifts.r01, body, await t.login('cashier2', 'Kq7!mPz2-rXw'));
    expect(notTheirs.json()).toMatchObject({ status: 403, code: 'not_shift_cashier' });

    const res = await close(t.shifts.r01, body);
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({
      type: 'shift_close',
      number: expect.stringMatching(/^S01-R01-\d{6}$/),
      total: -10,
      shiftId: t.shifts.r01,
      cashCount: { total: 51_490 },
      methods: [
        { method: 'cash', expected: 51_500, counted: 51_490, difference: -10 },
        { method: 'wechat', expected: 1330, counted: 1330, difference: 0 },
      ],
      overShort: -10,
      report: { netSales: 1330, cash: { expected: 51_500 } },
    });
    expect(await journalOf(t, doc.id)).toEqual([
      [
        { account: '1901', debit: 10, credit: 0 },
        { account: '1001', debit: 0, credit: 10 },
      ],
    ]);

    const again = await close(t.shifts.r01, body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(doc);
    expect((await close(t.shifts.r01, { ...body, id: uuidv7() })).json()).toMatchObject({ status: 409, code: 'shift_closed' });

    const sale = await t.sell({ lines: [{ productId: cola, qty: 1000 }], payments: [{ method: 'cash', amount: 350 }], clientTotal: 350 });
    expect(sale.json()).toMatchObject({ status: 409, code: 'shift_closed' });
    const after = await xReport(t.shifts.r01);
    expect(after.json()).toMatchObject({ shift: { status: 'closed', closedAt: doc.closedAt }, asOf: doc.closedAt, netSales: 1330 });

    const audit = await t.call(t.tokens.owner, 'GET', `/api/v1/audit?chain=register:${t.ids.r01}&action=document.shift_close.posted`);
    expect(audit.json().items[0]).toMatchObject({ subjectId: doc.id, data: { shiftId: t.shifts.r01, expectedCash: 51_500, countedCash: 51_490, overShort: -10 } });
  });

  it('refuses a count that is not whole notes and coins, naming the field', async () => {
    const res = await close(t.shifts.r02, { id: uuidv7(), cash: { '100': 1.5 } });
    expect(res.json()).toMatchObject({ status: 400, errors: [{ field: 'cash.100' }] });
    const coin = await close(t.shifts.r02, { id: uuidv7(), cash: { '2': 1 } });
    expect(coin.statusCode).toBe(400);
  });

  it('closes the day only when every shift of the date is closed, then refuses new shifts on it', async () => {
    const url = `/api/v1/stores/${t.ids.s01}/day-close`;
    const dayClose = { id: uuidv7(), businessDate };
    const early = await t.call(t.tokens.manager, 'POST', url, dayClose);
    expect(early.json()).toMatchObject({ status: 409, code: 'shifts_open', shiftIds: [t.shifts.r02], errors: [{ field: 'businessDate' }] });
    expect((await t.call(t.tokens.cashier, 'POST', url, dayClose)).statusCode).toBe(403);

    // A manager closes the R02 cashier's shift; the drawer holds exactly its float: nothing posted to the books.
    const r02 = await close(t.shifts.r02, { id: uuidv7(), cash: { '100': 5 } }, t.tokens.manager);
    expect(r02.statusCode, r02.body).toBe(201);
    expect(r02.json()).toMatchObject({ total: 0, overShort: 0 });
    expect(await journalOf(t, r02.json().id)).toEqual([]);

    const res = await t.call(t.tokens.manager, 'POST', url, dayClose);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      storeId: t.ids.s01,
      businessDate,
      closed: true,
      id: dayClose.id,
      summary: {
        shifts: { count: 2, open: [] },
        sales: { count: 2, total: 2030 },
        returns: { count: 1, total: -700 },
        netSales: 1330,
        discounts: 70,
        rounding: 0,
        tax: 153,
        tickets: 2,
        averageTicket: 665,
        payments: [{ method: 'cash', net: 0 }, { method: 'wechat', net: 1330 }],
        cash: { openingFloat: 100_000, expected: 101_500 },
        overShort: { total: -10, byMethod: expect.arrayContaining([{ method: 'cash', expected: 101_500, counted: 101_490, difference: -10 }]) },
      },
    });
    const replay = await t.call(t.tokens.manager, 'POST', url, dayClose);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(res.json());
    expect((await t.call(t.tokens.manager, 'POST', url, { ...dayClose, id: uuidv7() })).json()).toMatchObject({ status: 409, code: 'day_already_closed' });
    expect((await t.call(t.tokens.auditor, 'GET', `${url}?businessDate=${businessDate}`)).json()).toEqual(res.json());

    const reopen = await t.call(t.tokens.cashier, 'POST', '/api/v1/shifts', { id: uuidv7(), registerId: t.ids.r01, openingFloat: 0 });
    expect(reopen.json()).toMatchObject({ status: 409, code: 'day_closed', businessDate });

    const audit = await t.call(t.tokens.owner, 'GET', `/api/v1/audit?chain=store:${t.ids.s01}&action=store.day_closed`);
    expect(audit.json().items[0]).toMatchObject({ data: { id: dayClose.id, businessDate, netSales: 1330, overShort: -10 } });
  });

  it('shows a day not yet closed as its figures so far', async () => {
    const res = await t.call(t.tokens.owner, 'GET', `/api/v1/stores/${t.ids.s02}/day-close?businessDate=${businessDate}`);
    expect(res.json()).toMatchObject({ closed: false, id: null, summary: { shifts: { count: 1, open: [t.shifts.s02r01] } } });
    expect((await t.call(t.tokens.manager, 'GET', `/api/v1/stores/${t.ids.s02}/day-close?businessDate=${businessDate}`)).statusCode).toBe(404);
  });

  it('never counts a sale into a shift closed under it: each racing sale is in the close or refused', async () => {
    const sell = () =>
      t.call(t.tokens.owner, 'POST', '/api/v1/sales', {
        id: uuidv7(),
        registerId: t.ids.s02r01,
        shiftId: t.shifts.s02r01,
        offline: false,
        clientTime: new Date().toISOString(),
        lines: [{ productId: cola, qty: 1000 }],
        payments: [{ method: 'cash', amount: 350 }],
        clientTotal: 350,
      });
    const [before, closed, after] = await Promise.all([
      Promise.all([0, 1, 2, 3].map(sell)),
      close(t.shifts.s02r01, { id: uuidv7(), cash: { '100': 5 } }, t.tokens.owner),
      Promise.all([0, 1, 2, 3].map(sell)),
    ]);
    expect(closed.statusCode, closed.body).toBe(201);
    const sales = [...before, ...after];
    const posted = sales.filter((r) => r.statusCode === 201).length;
    for (const r of sales.filter((r) => r.statusCode !== 201)) expect(r.json()).toMatchObject({ status: 409, code: 'shift_closed' });
    expect(closed.json().report.sales.count).toBe(posted);
    const rows = await t.db.db.selectFrom('sales').select('document_id').where('shift_id', '=', t.shifts.s02r01).execute();
    expect(rows).toHaveLength(posted);
  });

  it('lets exactly one of four racing closes of a shift win', async () => {
    const shiftId = await t.openShift(t.ids.s02r01, t.tokens.owner);
    const results = await Promise.all([0, 1, 2, 3].map(() => close(shiftId, { id: uuidv7(), cash: { '100': 5 } }, t.tokens.owner)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    const closes = await t.db.db.selectFrom('shift_closes').select('shift_id').where('shift_id', '=', shiftId).execute();
    expect(closes).toHaveLength(1);
  });

  it('keeps closes, counts, day closes and reprints append-only', async () => {
    for (const [table, set] of [
      ['shift_closes', 'over_short = 0'],
      ['shift_close_methods', 'counted = 0'],
      ['day_closes', "summary_json = '{}'"],
    ] as const) {
      await expect(sql.raw(`UPDATE ${table} SET ${set}`).execute(t.db.db)).rejects.toSatisfy(isImmutableViolation);
      await expect(sql.raw(`DELETE FROM ${table}`).execute(t.db.db)).rejects.toSatisfy(isImmutableViolation);
    }
  });

  it('leaves every invariant intact', async () => {
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
