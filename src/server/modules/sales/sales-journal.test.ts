import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { testDialects } from '../../../db/testing';
import { makeSalesTestApp, type SalesTestApp } from './test-helpers';

// The office's sales journal (GET /sales) and shift list (GET /shifts) over one S01 shift with a
// sale, its return, a second sale and its void.
describe.each(testDialects)('sales journal and shift list on %s', (dialect) => {
  let t: SalesTestApp;
  let sale1: { id: string; number: string };
  let sale2: { id: string; number: string };
  let businessDate: string;
  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    const cola = t.ids.products['DRK-COLA-330'];
    const first = await t.sell({ lines: [{ productId: cola, qty: 2000 }], payments: [{ method: 'cash', amount: 1000 }], clientTotal: 700 });
    expect(first.statusCode, first.body).toBe(201);
    sale1 = first.json();
    businessDate = first.json().businessDate;
    const ret = await t.call(t.tokens.cashier, 'POST', '/api/v1/returns', {
      id: uuidv7(), registerId: t.ids.r01, shiftId: t.shifts.r01, clientTime: new Date().toISOString(), saleNumber: sale1.number,
    });
    expect(ret.statusCode, ret.body).toBe(201);
    const second = await t.sell({ lines: [{ productId: cola, qty: 1000 }], payments: [{ method: 'cash', amount: 350 }], clientTotal: 350 }, t.tokens.manager);
    expect(second.statusCode, second.body).toBe(201);
    sale2 = second.json();
    const voided = await t.call(t.tokens.manager, 'POST', '/api/v1/voids', { id: uuidv7(), registerId: t.ids.r01, saleId: sale2.id, reason: 'wrong item' });
    expect(voided.statusCode, voided.body).toBe(201);
  });
  afterAll(() => t.close());

  const journal = (query: string, token = t.tokens.manager) => t.call(token, 'GET', `/api/v1/sales?${query}`);

  it('lists sales, returns and voids newest first with signed dues, cashier and original receipt', async () => {
    const res = await journal(`storeId=${t.ids.s01}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBe(4);
    expect(body.items.map((i: { kind: string }) => i.kind)).toEqual(['void', 'sale', 'return', 'sale']);
    const [voidRow, , returnRow, saleRow] = body.items;
    expect(saleRow).toMatchObject({ documentId: sale1.id, number: sale1.number, due: 700, registerId: t.ids.r01, shiftId: t.shifts.r01, offline: false, flags: 0, originalNumber: null });
    expect(saleRow.cashierName).toBeTruthy();
    expect(returnRow).toMatchObject({ kind: 'return', due: -700, originalDocumentId: sale1.id, originalNumber: sale1.number });
    expect(voidRow).toMatchObject({ kind: 'void', due: -350, originalNumber: sale2.number });
  });

  it('filters by kind, cashier, register, date range and receipt number, and pages', async () => {
    expect((await journal(`storeId=${t.ids.s01}&kind=return`)).json().total).toBe(1);
    const cashierId = (await journal(`storeId=${t.ids.s01}&kind=return`)).json().items[0].cashierId;
    expect((await journal(`storeId=${t.ids.s01}&cashierId=${cashierId}`)).json().total).toBe(2);
    expect((await journal(`storeId=${t.ids.s01}&registerId=${t.ids.r02}`)).json().total).toBe(0);
    expect((await journal(`storeId=${t.ids.s01}&from=${businessDate}&to=${businessDate}`)).json().total).toBe(4);
    expect((await journal(`storeId=${t.ids.s01}&from=2000-01-01&to=2000-01-02`)).json().total).toBe(0);
    expect((await journal(`number=${sale2.number}`)).json().items.map((i: { documentId: string }) => i.documentId)).toEqual([sale2.id]);
    const page2 = (await journal(`storeId=${t.ids.s01}&page=2&pageSize=3`)).json();
    expect(page2).toMatchObject({ total: 4, items: [{ documentId: sale1.id }] });
  });

  it('keeps the journal to stores the caller may read and names a bad filter', async () => {
    expect((await journal(`storeId=${t.ids.s02}`, t.tokens.cashier)).statusCode).toBe(404);
    const own = (await journal('', t.tokens.cashier)).json();
    expect(own.items.every((i: { storeId: string }) => i.storeId === t.ids.s01)).toBe(true);
    const bad = await journal('kind=refund');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('kind');
  });

  it('lists a store’s shifts with status, and a closed shift’s expected and counted cash and over/short', async () => {
    const list = await t.call(t.tokens.manager, 'GET', `/api/v1/shifts?storeId=${t.ids.s01}&from=${businessDate}&to=${businessDate}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().total).toBe(2);
    expect(list.json().items.every((s: { status: string; close: unknown }) => s.status === 'open' && s.close === null)).toBe(true);

    // Drawer: 500.00 float + 10.00 − 3.00 change − 7.00 refund + 3.50 − 3.50 voided = 500.00; counted 499.90.
    const close = await t.call(t.tokens.cashier, 'POST', `/api/v1/shifts/${t.shifts.r01}/close`, { id: uuidv7(), cash: { '100': 4, '50': 1, '20': 2, '5': 1, '1': 4, '0.5': 1, '0.1': 4 } });
    expect(close.statusCode, close.body).toBe(201);
    const closed = await t.call(t.tokens.manager, 'GET', `/api/v1/shifts?storeId=${t.ids.s01}&status=closed`);
    expect(closed.json()).toMatchObject({
      total: 1,
      items: [{ id: t.shifts.r01, registerId: t.ids.r01, status: 'closed', openingFloat: 50_000, close: { expectedCash: 50_000, countedCash: 49_990, overShort: -10 } }],
    });
    expect(closed.json().items[0].registerCode).toBeTruthy();
    expect(closed.json().items[0].closedByName).toBeTruthy();
  });

  it('keeps shift lists to the caller’s stores and needs a store', async () => {
    expect((await t.call(t.tokens.cashier, 'GET', `/api/v1/shifts?storeId=${t.ids.s02}`)).statusCode).toBe(404);
    const missing = await t.call(t.tokens.manager, 'GET', '/api/v1/shifts');
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('storeId');
  });
});
