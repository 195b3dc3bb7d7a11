// Offline sales (离线销售): rung up while the server was unreachable, delivered later. The money is
// already taken, so the sale is accepted as charged; what differs from the server's view is
// flagged for review, never refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { businessDate } from '../../../core/time/business-date';
import { testDialects } from '../../../db/testing';
import { verifyAll } from '../../verify/verify';
import { journalOf, makeSalesTestApp, onHand, type SalesTestApp } from './test-helpers';

describe.each(testDialects)('offline sales on %s', (dialect) => {
  let t: SalesTestApp;
  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    await t.call(t.tokens.owner, 'PUT', `/api/v1/stores/${t.ids.s01}/settings`, { oversell: 'block', roundingMode: 'none' });
  });
  afterAll(() => t.close());

  const offline = (body: Record<string, unknown>) => t.sell({ offline: true, ...body });

  it('accepts a sale at a stale price with no stock, and flags both for review', async () => {
    // The server's price went up to 10.00; the till still had 9.00. Nothing is in stock, and the
    // store blocks overselling online: offline that is flagged, not refused.
    const p = await t.product({ price: 1000, taxRate: 1300 });
    const res = await offline({ lines: [{ productId: p, qty: 2000, unitPrice: 900 }], payments: [{ method: 'cash', amount: 2000 }], clientTotal: 1800 });
    expect(res.statusCode, res.body).toBe(201);
    const sale = res.json();
    expect(sale).toMatchObject({ offline: true, memo: 'offline sale', due: 1800, change: 200, lines: [{ unitPrice: 900, gross: 1800, flags: ['price_differs', 'negative_stock'] }] });
    expect(sale.flags).toEqual([
      { kind: 'price_differs', lineNo: 1, productId: p, tillPrice: 900, serverPrice: 1000 },
      { kind: 'negative_stock', lineNo: 1, productId: p, onHandBefore: 0, qtySold: 2000, onHandAfter: -2000 },
    ]);
    expect(await onHand(t, t.ids.s01, p)).toBe(-2000);
    // Booked at what was charged: 18.00 = 15.93 + 2.07 VAT.
    expect((await journalOf(t, sale.id))[0]).toEqual([
      { account: '1001', debit: 1800, credit: 0 },
      { account: '5001', debit: 0, credit: 1593 },
      { account: '2221', debit: 0, credit: 207 },
    ]);

    const review = await t.call(t.tokens.manager, 'GET', `/api/v1/sales/review?storeId=${t.ids.s01}`);
    expect(review.statusCode).toBe(200);
    const mine = review.json().items.filter((i: { documentId: string }) => i.documentId === sale.id);
    expect(mine).toEqual([
      expect.objectContaining({ number: sale.number, offline: true, shiftId: t.shifts.r01, lineNo: 1, kind: 'price_differs', detail: { productId: p, tillPrice: 900, serverPrice: 1000 } }),
      expect.objectContaining({ lineNo: 1, kind: 'negative_stock', detail: { productId: p, onHandBefore: 0, qtySold: 2000, onHandAfter: -2000 } }),
    ]);
    const onlyStock = await t.call(t.tokens.manager, 'GET', `/api/v1/sales/review?storeId=${t.ids.s01}&kind=negative_stock`);
    expect(onlyStock.json().items.every((i: { kind: string }) => i.kind === 'negative_stock')).toBe(true);
  });

  it('flags nothing when the till had the server’s price and the stock was there', async () => {
    const p = await t.product({ price: 500 });
    await t.stock.stockIn(t.ids.s01, p, 5000, 1500);
    const res = await offline({ lines: [{ productId: p, qty: 1000, unitPrice: 500 }], payments: [{ method: 'cash', amount: 500 }], clientTotal: 500 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().flags).toEqual([]);
  });

  it('belongs to the business day the till rang it up, and may name a shift closed since', async () => {
    const p = await t.product({ price: 500 });
    await t.stock.stockIn(t.ids.s01, p, 5000, 1500);
    await t.db.db.updateTable('shifts').set({ status: 'closed', closed_at: new Date().toISOString() }).where('id', '=', t.shifts.r02).execute();
    const yesterday = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
    const res = await offline({
      registerId: t.ids.r02,
      shiftId: t.shifts.r02,
      clientTime: yesterday,
      lines: [{ productId: p, qty: 1000, unitPrice: 500 }],
      payments: [{ method: 'cash', amount: 500 }],
      clientTotal: 500,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ businessDate: businessDate(yesterday, 'Asia/Shanghai'), clientTime: yesterday, shiftId: t.shifts.r02 });
    expect(res.json().flags).toEqual([expect.objectContaining({ kind: 'shift_closed', lineNo: 0, shiftId: t.shifts.r02 })]);
  });

  it('takes the till’s 抹零 when the store changed its mode since, and flags it', async () => {
    const p = await t.product({ price: 1005 });
    const res = await offline({ lines: [{ productId: p, qty: 1000, unitPrice: 1005 }], payments: [{ method: 'cash', amount: 1000 }], clientTotal: 1000 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ roundingMode: 'drop_fen', rounding: -5, due: 1000 });
    expect(res.json().flags).toContainEqual({ kind: 'rounding_differs', lineNo: 0, storeMode: 'none', tillMode: 'drop_fen' });
  });

  it('records a wallet payment the till took as it was (no second charge), and flags an override nobody approved', async () => {
    const p = await t.product({ price: 1000 });
    const charges = t.provider.charged.length;
    const res = await offline({
      lines: [{ productId: p, qty: 1000, priceOverride: 800 }],
      payments: [{ method: 'wechat', amount: 800, reference: '4200001234202603020000000001' }],
      clientTotal: 800,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(t.provider.charged.length).toBe(charges);
    expect(res.json().payments).toEqual([{ method: 'wechat', amount: 800, reference: '4200001234202603020000000001' }]);
    expect(res.json().flags).toContainEqual({ kind: 'approval_missing', lineNo: 0, action: 'sale.price_override' });
  });

  it('still checks the arithmetic: a total its own lines do not give, a missing price, an underpayment', async () => {
    const p = await t.product({ price: 1000 });
    const wrong = await offline({ lines: [{ productId: p, qty: 1000, unitPrice: 900 }], payments: [{ method: 'cash', amount: 1000 }], clientTotal: 950 });
    expect(wrong.json()).toMatchObject({ status: 422, code: 'client_total_mismatch', serverDue: 900, clientDue: 950 });
    const noPrice = await offline({ lines: [{ productId: p, qty: 1000 }], payments: [{ method: 'cash', amount: 1000 }], clientTotal: 1000 });
    expect(noPrice.json()).toMatchObject({ status: 400, code: 'unit_price_required', errors: [{ field: 'lines.0.unitPrice' }] });
    const short = await offline({ lines: [{ productId: p, qty: 1000, unitPrice: 900 }], payments: [{ method: 'cash', amount: 800 }], clientTotal: 900 });
    expect(short.json()).toMatchObject({ status: 422, code: 'underpaid' });
  });

  it('is replayed like any sale: the till’s outbox may deliver it twice', async () => {
    const p = await t.product({ price: 300 });
    const body = { id: uuidv7(), lines: [{ productId: p, qty: 1000, unitPrice: 300 }], payments: [{ method: 'cash', amount: 300 }], clientTotal: 300 };
    const first = await offline(body);
    const second = await offline(body);
    expect([first.statusCode, second.statusCode]).toEqual([201, 200]);
    expect(second.json()).toEqual(first.json());
  });

  it('shows the review list only to those who may review, in their stores', async () => {
    expect((await t.call(t.tokens.cashier, 'GET', `/api/v1/sales/review?storeId=${t.ids.s01}`)).statusCode).toBe(403);
    expect((await t.call(t.tokens.manager, 'GET', `/api/v1/sales/review?storeId=${t.ids.s02}`)).statusCode).toBe(404);
    expect((await t.call(t.tokens.auditor, 'GET', `/api/v1/sales/review?storeId=${t.ids.s02}`)).json()).toEqual({ items: [], total: 0 });
  });

  it('leaves every invariant intact', async () => {
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
