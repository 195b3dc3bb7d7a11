// The new goods of an exchange are returnable by the exchange's receipt number, refunded at the
// exchange's prices and back to what paid for them (the customer's top-up first, then the
// original sale's tenders the returned goods were worth); and an exchange whose refund changed
// under it (another return of the same line) is refused whole: 409 return_changed, nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { testDialects } from '../../../db/testing';
import { verifyAll } from '../../verify/verify';
import type { ChargeRequest } from '../../payments/provider';
import { CODES, journalOf, makeSalesTestApp, onHand, type SalesTestApp } from '../sales/test-helpers';

describe.each(testDialects)('returns of an exchange’s new goods, and return_changed, on %s', (dialect) => {
  let t: SalesTestApp;
  let tillTime: string;
  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    tillTime = new Date().toISOString();
    await t.call(t.tokens.owner, 'PUT', `/api/v1/stores/${t.ids.s01}/settings`, { roundingMode: 'none', oversell: 'allow' });
  });
  afterAll(() => t.close());

  async function stocked(price: number, unitCost: number) {
    const p = await t.product({ price, taxRate: 1300 });
    await t.stock.stockIn(t.ids.s01, p, 10_000, unitCost * 10);
    return p;
  }
  async function sell(body: Record<string, unknown>) {
    const res = await t.sell(body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }
  const till = { registerId: () => t.ids.r01, shiftId: () => t.shifts.r01 };
  const ret = (body: Record<string, unknown>) =>
    t.call(t.tokens.cashier, 'POST', '/api/v1/returns', { id: uuidv7(), registerId: till.registerId(), shiftId: till.shiftId(), clientTime: tillTime, ...body });
  const exchange = (body: Record<string, unknown>) =>
    t.call(t.tokens.cashier, 'POST', '/api/v1/exchanges', { id: uuidv7(), registerId: till.registerId(), shiftId: till.shiftId(), clientTime: tillTime, payments: [], ...body });

  it('returns an exchange’s new goods at the exchange’s discounted price, top-up first, never more than bought', async () => {
    // Sale: a 50.00 shirt in cash. Exchange: the shirt back (50.00 credit) for two 45.00 shirts less
    // 10% (9.00) = 81.00; the customer pays the 31.00 difference by WeChat.
    const shirt = await stocked(5000, 2000);
    const better = await stocked(4500, 2500);
    const sale = await sell({ lines: [{ productId: shirt, qty: 1000 }], payments: [{ method: 'cash', amount: 5000 }], clientTotal: 5000 });
    const ex = await exchange({
      saleNumber: sale.number,
      returnLines: [{ lineNo: 1, qty: 1000 }],
      lines: [{ productId: better, qty: 2000 }],
      orderDiscount: { type: 'percent', bp: 1000 },
      payments: [{ method: 'wechat', amount: 3100, authCode: CODES.wechat }],
      clientNet: 3100,
    });
    expect(ex.statusCode, ex.body).toBe(201);
    const e = ex.json();
    expect(e).toMatchObject({ newDue: 8100, net: 3100, credit: [{ method: 'cash', amount: 5000 }], newLines: [{ lineNo: 2, productId: better, qty: 2000, net: 8100 }] });

    // The till finds the exchange by its number and shows the new goods as its lines.
    const view = await t.call(t.tokens.cashier, 'GET', `/api/v1/sales/by-number/${e.number}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ kind: 'exchange', number: e.number, due: 8100, exchangeNet: 3100, lines: [{ lineNo: 2, productId: better, unit: expect.any(String), baseQty: 2000, returnedQty: 0, returnableQty: 2000 }] });
    expect(view.json().lines).toHaveLength(1);
    // The original is spent: its shirt went back in the exchange.
    expect((await ret({ saleNumber: sale.number })).json()).toMatchObject({ status: 409, code: 'nothing_to_return' });

    // One shirt back: round(81.00 × 1/2) = 40.50, the WeChat top-up (31.00) first, then 9.50 cash of the credit.
    const stockBefore = await onHand(t, t.ids.s01, better);
    const first = await ret({ saleNumber: e.number, lines: [{ lineNo: 2, qty: 1000 }] });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      kind: 'return',
      originalDocumentId: e.id,
      originalNumber: e.number,
      refund: 4050,
      lines: [{ returnOf: 2, productId: better, qty: -1000, refund: 4050 }],
      refunds: [
        { tenderNo: 1, method: 'cash', amount: 950 },
        { tenderNo: 2, method: 'wechat', amount: 3100 },
      ],
      walletRefunds: [{ tenderNo: 2, method: 'wechat', amount: 3100, status: 'succeeded' }],
    });
    expect(await onHand(t, t.ids.s01, better)).toBe(stockBefore + 1000);
    // 40.50 with 13% VAT: taxable 35.84, VAT 4.66 (the exchange's line tax prorated).
    const [books, cost] = await journalOf(t, first.json().id);
    expect(books).toEqual([
      { account: '1001', debit: 0, credit: 950 },
      { account: '1012', debit: 0, credit: 3100 },
      { account: '5001', debit: 3584, credit: 0 },
      { account: '2221', debit: 466, credit: 0 },
    ]);
    expect(cost).toEqual([
      { account: '1405', debit: 2500, credit: 0 },
      { account: '5401', debit: 0, credit: 2500 },
    ]);

    const tooMany = await ret({ saleNumber: e.number, lines: [{ lineNo: 2, qty: 2000 }] });
    expect(tooMany.json()).toMatchObject({ status: 409, code: 'return_exceeds_sold', sold: 2000, returned: 1000, returnable: 1000, errors: [{ field: 'lines.0.qty' }] });
    expect((await ret({ saleNumber: e.number, lines: [{ lineNo: 1, qty: 1000 }] })).json()).toMatchObject({ status: 400, code: 'unknown_line' });

    // The rest: 40.50 more, all cash — 50.00 of cash in all, exactly the credit; WeChat 31.00, exactly the top-up.
    const rest = await ret({ saleId: e.id });
    expect(rest.statusCode, rest.body).toBe(201);
    expect(rest.json()).toMatchObject({ refund: 4050, refunds: [{ tenderNo: 1, method: 'cash', amount: 4050 }], walletRefunds: [] });
    expect((await ret({ saleNumber: e.number })).json()).toMatchObject({ status: 409, code: 'nothing_to_return' });
    const after = await t.call(t.tokens.cashier, 'GET', `/api/v1/sales/${e.id}`);
    expect(after.json()).toMatchObject({ lines: [{ returnedQty: 2000, returnableQty: 0 }], followUps: [{ kind: 'return' }, { kind: 'return' }] });
  });

  it('gives the credit back to the original wallet when the exchange paid the customer back', async () => {
    // Sale 50.00 by WeChat; exchange for a 30.00 item: 20.00 back to WeChat, 30.00 stays as credit.
    // Returning the new item then refunds those 30.00 to the same WeChat payment: 50.00 in all, never more.
    const a = await stocked(5000, 2000);
    const b = await stocked(3000, 1000);
    const sale = await sell({ lines: [{ productId: a, qty: 1000 }], payments: [{ method: 'wechat', amount: 5000, authCode: CODES.wechat }], clientTotal: 5000 });
    const ex = await exchange({ saleNumber: sale.number, returnLines: [{ lineNo: 1, qty: 1000 }], lines: [{ productId: b, qty: 1000 }], clientNet: -2000 });
    expect(ex.statusCode, ex.body).toBe(201);
    expect(ex.json()).toMatchObject({ net: -2000, refunds: [{ method: 'wechat', amount: 2000 }], walletRefunds: [{ status: 'succeeded', amount: 2000 }], credit: [{ method: 'wechat', amount: 3000 }] });

    const back = await ret({ saleNumber: ex.json().number });
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json()).toMatchObject({ refund: 3000, refunds: [{ tenderNo: 1, method: 'wechat', amount: 3000 }], walletRefunds: [{ method: 'wechat', amount: 3000, status: 'succeeded' }] });
  });

  it('exchanges an exchange’s new goods again, and returns those too', async () => {
    const a = await stocked(2000, 1000);
    const b = await stocked(2000, 1100);
    const c = await stocked(2500, 1200);
    const sale = await sell({ lines: [{ productId: a, qty: 1000 }], payments: [{ method: 'cash', amount: 2000 }], clientTotal: 2000 });
    const first = await exchange({ saleNumber: sale.number, returnLines: [{ lineNo: 1, qty: 1000 }], lines: [{ productId: b, qty: 1000 }], clientNet: 0 });
    expect(first.statusCode, first.body).toBe(201);
    const second = await exchange({ saleNumber: first.json().number, returnLines: [{ lineNo: 2, qty: 1000 }], lines: [{ productId: c, qty: 1000 }], payments: [{ method: 'cash', amount: 500 }], clientNet: 500 });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ originalNumber: first.json().number, refund: 2000, net: 500, credit: [{ method: 'cash', amount: 2000 }] });
    const back = await ret({ saleNumber: second.json().number });
    expect(back.json()).toMatchObject({ refund: 2500, refunds: [{ tenderNo: 1, method: 'cash', amount: 2000 }, { tenderNo: 2, method: 'cash', amount: 500 }] });
  });

  it('refuses an exchange whose refund changed before it posted (409 return_changed) and writes nothing', async () => {
    // 3 cups at 3.50 less 5% = 9.97: the units refund 3.32, 3.33, 3.32 (round(997·r/3) steps), so
    // the exchange priced for the first cup (3.32) is wrong once another return took it first.
    const cup = await stocked(350, 100);
    const plate = await stocked(1000, 400);
    const sale = await sell({ lines: [{ productId: cup, qty: 3000, lineDiscount: { type: 'percent', bp: 500 } }], payments: [{ method: 'cash', amount: 997 }], clientTotal: 997 });
    const exchangeId = uuidv7();
    let raced: Awaited<ReturnType<typeof ret>> | undefined;
    // The WeChat charge for the difference is the moment between pricing and posting: another
    // register's return of the same line lands there.
    const charge = t.provider.charge.bind(t.provider);
    t.provider.charge = async (req: ChargeRequest) => {
      t.provider.charge = charge;
      raced = await t.call(t.tokens.cashier, 'POST', '/api/v1/returns', { id: uuidv7(), registerId: t.ids.r02, shiftId: t.shifts.r02, clientTime: tillTime, saleNumber: sale.number, lines: [{ lineNo: 1, qty: 1000 }] });
      return charge(req);
    };
    const plateStock = await onHand(t, t.ids.s01, plate);
    const numbers = await t.db.db.selectFrom('documents').select('id').where('register_id', '=', t.ids.r01).execute();

    const res = await exchange({
      id: exchangeId,
      saleNumber: sale.number,
      returnLines: [{ lineNo: 1, qty: 1000 }],
      lines: [{ productId: plate, qty: 1000 }],
      payments: [{ method: 'wechat', amount: 668, authCode: CODES.wechat }],
      clientNet: 668,
    });
    expect(raced?.statusCode, raced?.body).toBe(201);
    expect(raced!.json().refund).toBe(332);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'return_changed', refund: 333, priced: 332, errors: [{ field: 'saleNumber' }] });

    // Nothing of the exchange: no document, no row, no stock move, no number used; the charge reversed.
    expect(await t.db.db.selectFrom('documents').select('id').where('client_id', '=', exchangeId).execute()).toEqual([]);
    expect(await t.db.db.selectFrom('documents').select('id').where('register_id', '=', t.ids.r01).execute()).toHaveLength(numbers.length);
    expect(await t.db.db.selectFrom('sales').select('document_id').where('original_document_id', '=', sale.id).where('kind', '=', 'exchange').execute()).toEqual([]);
    const counter = await t.db.db.selectFrom('sale_line_returns').select('returned_qty').where('document_id', '=', sale.id).executeTakeFirstOrThrow();
    expect(Number(counter.returned_qty)).toBe(1000);
    expect(await onHand(t, t.ids.s01, plate)).toBe(plateStock);
    const charged = t.provider.charged.filter((c) => c.paymentId.startsWith(exchangeId));
    expect(charged).toHaveLength(1);
    expect(t.provider.reversed).toContain(charged[0].paymentId);

    // Priced again, the same exchange goes through at 3.33.
    const again = await exchange({ saleNumber: sale.number, returnLines: [{ lineNo: 1, qty: 1000 }], lines: [{ productId: plate, qty: 1000 }], payments: [{ method: 'cash', amount: 667 }], clientNet: 667 });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ refund: 333, net: 667 });
  });

  it('leaves every invariant intact', async () => {
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
