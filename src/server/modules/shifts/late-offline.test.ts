// A closed shift's report keeps what was counted and shows offline sales synced after the close
// beside it; paid-in / paid-out count in the shift that was open when they were posted (by its id).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { withoutImmutability } from '../../../db/dialect';
import { backfillShiftCashMovements } from '../../../db/migrations/0014_shift_cash_movements';
import { testDialects } from '../../../db/testing';
import { verifyAll } from '../../verify/verify';
import { makeSalesTestApp, type SalesTestApp } from '../sales/test-helpers';

// R02's shift, float 500.00: an online sale of 7.00 (cash 10.00, change 3.00) and a paid-in of
// 20.00 → 527.00 expected. Two offline sales rung up before the close reach the server after it:
// 3.50 cash (in the drawer at the count: 530.50 counted, recorded as 3.50 over) and 7.00 by card
// (on the terminal slip: counted 7.00 against 0 expected, recorded as 7.00 over).
describe.each(testDialects)('late offline sales and paid-in/out by shift on %s', (dialect) => {
  let t: SalesTestApp;
  let cola: string;
  let early: string;
  let paidInId: string;
  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    early = new Date().toISOString();
    cola = await t.product({ price: 350, taxRate: 1300 });
    await t.stock.stockIn(t.ids.s01, cola, 20_000, 4000);
  });
  afterAll(() => t.close());

  const onR02 = (shiftId: string, body: Record<string, unknown>) => t.sell({ registerId: t.ids.r02, shiftId, ...body });
  const cashMove = (direction: 'in' | 'out', amount: number) =>
    t.call(t.tokens.manager, 'POST', '/api/v1/documents/cash-movements', { id: uuidv7(), registerId: t.ids.r02, direction, amount, reason: `paid-${direction}` });
  const xReport = (shiftId: string) => t.call(t.tokens.manager, 'GET', `/api/v1/shifts/${shiftId}/x-report`);

  it('keeps the counted Z report and shows late offline sales by method with the expected figures they make', async () => {
    const shiftId = t.shifts.r02;
    expect((await onR02(shiftId, { lines: [{ productId: cola, qty: 2000 }], payments: [{ method: 'cash', amount: 1000 }], clientTotal: 700 })).statusCode).toBe(201);
    const paidIn = await cashMove('in', 2000);
    expect(paidIn.statusCode, paidIn.body).toBe(201);
    expect(paidIn.json()).toMatchObject({ shiftId });
    paidInId = paidIn.json().id;

    const close = await t.call(t.tokens.manager, 'POST', `/api/v1/shifts/${shiftId}/close`, { id: uuidv7(), cash: { '100': 5, '10': 3, '0.5': 1 }, counted: { card: 700 } });
    expect(close.statusCode, close.body).toBe(201);
    expect(close.json()).toMatchObject({ report: { cash: { expected: 52_700, paidIn: 2000 } }, overShort: 1050 });
    const frozen = close.json().report;

    const cash = await onR02(shiftId, { offline: true, clientTime: early, lines: [{ productId: cola, qty: 1000, unitPrice: 350 }], payments: [{ method: 'cash', amount: 350 }], clientTotal: 350 });
    const card = await onR02(shiftId, { offline: true, clientTime: early, lines: [{ productId: cola, qty: 2000, unitPrice: 350 }], payments: [{ method: 'card', amount: 700, reference: 'POS-8841' }], clientTotal: 700 });
    expect(cash.statusCode, cash.body).toBe(201);
    expect(card.statusCode, card.body).toBe(201);
    expect(cash.json().flags).toContainEqual(expect.objectContaining({ kind: 'shift_closed' }));

    const res = await xReport(shiftId);
    expect(res.statusCode, res.body).toBe(200);
    const x = res.json();
    // The counted figures as frozen at close…
    expect(x).toMatchObject({ shift: { status: 'closed' }, asOf: close.json().closedAt, sales: { count: 1, total: 700 }, netSales: 700, cash: { expected: 52_700 } });
    expect(x.payments).toEqual(frozen.payments);
    // …and the late sales beside them: the drawer's 3.50 and the card's 7.00 over are explained.
    expect(x.lateOffline).toEqual({
      count: 2,
      total: 1050,
      documents: [
        { documentId: cash.json().id, number: cash.json().number, clientTime: early, postedAt: cash.json().postedAt, due: 350 },
        { documentId: card.json().id, number: card.json().number, clientTime: early, postedAt: card.json().postedAt, due: 700 },
      ],
      payments: [
        { method: 'cash', count: 1, received: 350, refunded: 0, change: 0, net: 350 },
        { method: 'card', count: 1, received: 700, refunded: 0, change: 0, net: 700 },
      ],
      expectedCash: 53_050,
      methods: [
        { method: 'cash', expected: 53_050, counted: 53_050, difference: 0 },
        { method: 'card', expected: 700, counted: 700, difference: 0 },
      ],
      overShort: 0,
    });
    // What was posted at close does not move.
    const recorded = await t.db.db.selectFrom('shift_closes').select(['expected_cash', 'counted_cash', 'over_short']).where('shift_id', '=', shiftId).executeTakeFirstOrThrow();
    expect([recorded.expected_cash, recorded.counted_cash, recorded.over_short].map(Number)).toEqual([52_700, 53_050, 1050]);
  });

  it('answers lateOffline null for an open shift and for a closed one nothing arrived late in', async () => {
    expect((await xReport(t.shifts.r01)).json()).toMatchObject({ shift: { status: 'open' }, lateOffline: null });
    const shiftId = await t.openShift(t.ids.r02);
    const close = await t.call(t.tokens.manager, 'POST', `/api/v1/shifts/${shiftId}/close`, { id: uuidv7(), cash: { '100': 5 } });
    expect(close.statusCode, close.body).toBe(201);
    expect((await xReport(shiftId)).json()).toMatchObject({ shift: { status: 'closed' }, lateOffline: null, cash: { expected: 50_000 } });
  });

  it('counts paid-in / paid-out by the shift open when they were posted; none open: in no shift', async () => {
    // R02 has no open shift now.
    const between = await cashMove('in', 1500);
    expect(between.statusCode, between.body).toBe(201);
    expect(between.json()).toMatchObject({ shiftId: null });
    const shiftId = await t.openShift(t.ids.r02);
    const out = await cashMove('out', 800);
    expect(out.json()).toMatchObject({ shiftId });
    expect((await xReport(shiftId)).json()).toMatchObject({ cash: { openingFloat: 50_000, paidIn: 0, paidOut: 800, expected: 49_200 } });

    const rowOf = async (documentId: string) => {
      const r = await t.db.db.selectFrom('shift_cash_movements').select(['shift_id', 'direction', 'amount']).where('document_id', '=', documentId).executeTakeFirstOrThrow();
      return { ...r, amount: Number(r.amount) };
    };
    expect(await rowOf(between.json().id)).toEqual({ shift_id: null, direction: 'in', amount: 1500 });
    expect(await rowOf(out.json().id)).toEqual({ shift_id: shiftId, direction: 'out', amount: 800 });
    expect(await rowOf(paidInId)).toEqual({ shift_id: t.shifts.r02, direction: 'in', amount: 2000 });
  });

  it('backfills rows of documents posted before 0014 by the shifts’ time windows', async () => {
    const before = await t.db.db.selectFrom('shift_cash_movements').selectAll().orderBy('document_id').execute();
    expect(before.length).toBeGreaterThanOrEqual(4);
    await withoutImmutability(t.db, (db) => db.deleteFrom('shift_cash_movements').execute());
    expect(await t.db.db.selectFrom('shift_cash_movements').selectAll().execute()).toEqual([]);
    expect((await verifyAll(t.db.db)).firstViolation).toMatch(/^LINK: cash_(in|out) \S+ has no shift_cash_movements row$/);
    await backfillShiftCashMovements(t.db.db);
    expect(await t.db.db.selectFrom('shift_cash_movements').selectAll().orderBy('document_id').execute()).toEqual(before);
  });

  it('leaves every invariant intact', async () => {
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
