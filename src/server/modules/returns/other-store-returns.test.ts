// Bought at S01, brought back to S02: the goods go into S02's stock at the sale's cost, the
// refund leaves S02's drawer (or goes back to the original wallet), the books are S02's, and the
// sale's counters still allow no more back than was sold — unless S02 refuses other stores' receipts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { testDialects } from '../../../db/testing';
import { verifyAll } from '../../verify/verify';
import { position } from '../inventory/test-fixtures';
import { CODES, journalOf, makeSalesTestApp, type SalesTestApp } from '../sales/test-helpers';

describe.each(testDialects)('returns at another store of the company on %s', (dialect) => {
  let t: SalesTestApp;
  let s02Cashier: string;
  let tillTime: string;
  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    tillTime = new Date().toISOString();
    await t.call(t.tokens.owner, 'PUT', `/api/v1/stores/${t.ids.s01}/settings`, { roundingMode: 'none' });
    // A cashier of S02 only: S01's receipts are not theirs to read, except to take goods back.
    const user = await t.call(t.tokens.owner, 'POST', '/api/v1/users', { username: 'cashier_s02', displayName: '钱收银 Qian', password: 'Vb8#nQs4-tLm', roles: [{ role: 'cashier', storeId: t.ids.s02 }] });
    expect(user.statusCode, user.body).toBe(201);
    s02Cashier = await t.login('cashier_s02', 'Vb8#nQs4-tLm');
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
  const retAtS02 = (body: Record<string, unknown>, token = s02Cashier) =>
    t.call(token, 'POST', '/api/v1/returns', { id: uuidv7(), registerId: t.ids.s02r01, shiftId: t.shifts.s02r01, clientTime: tillTime, ...body });

  it('takes S01’s goods back into S02’s stock at the sale’s cost, refunds from S02’s drawer, books at S02', async () => {
    // 2 teapots at 39.00 (cost 22.00 each at S01), cash 80.00, change 2.00.
    const teapot = await stocked(3900, 2200);
    const sale = await sell({ lines: [{ productId: teapot, qty: 2000 }], payments: [{ method: 'cash', amount: 8000 }], clientTotal: 7800 });
    const s01Before = await position(t, t.ids.s01, teapot);
    const s02Before = await position(t, t.ids.s02, teapot);

    // The S02 till finds the receipt through its register; without it, S01's sale is not S02's to see.
    expect((await t.call(s02Cashier, 'GET', `/api/v1/sales/by-number/${sale.number}`)).statusCode).toBe(404);
    const view = await t.call(s02Cashier, 'GET', `/api/v1/sales/by-number/${sale.number}?registerId=${t.ids.s02r01}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ number: sale.number, storeId: t.ids.s01, lines: [{ returnableQty: 2000 }] });
    expect((await t.call(s02Cashier, 'GET', `/api/v1/sales/by-number/${sale.number}?registerId=${t.ids.r01}`)).statusCode).toBe(404);

    const res = await retAtS02({ saleNumber: sale.number, lines: [{ lineNo: 1, qty: 1000 }] });
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({ storeId: t.ids.s02, registerId: t.ids.s02r01, shiftId: t.shifts.s02r01, originalDocumentId: sale.id, refund: 3900, refunds: [{ method: 'cash', amount: 3900 }] });
    expect(doc.number).toMatch(/^S02-R01-\d{6}$/);

    // Stock: S02 gains the teapot at 22.00, S01 is untouched.
    expect(await position(t, t.ids.s02, teapot)).toEqual({ qty: s02Before.qty + 1000, value: s02Before.value + 2200 });
    expect(await position(t, t.ids.s01, teapot)).toEqual(s01Before);
    const moves = await t.db.db.selectFrom('stock_moves').innerJoin('locations', 'locations.id', 'stock_moves.location_id').select(['stock_moves.store_id', 'locations.store_id as locationStore', 'stock_moves.qty', 'stock_moves.cost_value']).where('document_id', '=', doc.id).execute();
    expect(moves.map((m) => ({ store: m.store_id, location: m.locationStore, qty: Number(m.qty), cost: Number(m.cost_value) }))).toEqual([{ store: t.ids.s02, location: t.ids.s02, qty: 1000, cost: 2200 }]);

    // Books at S02: revenue and VAT reversed, cash out of S02's drawer, cost back into its stock.
    const entries = await t.db.db.selectFrom('journal_entries').select('store_id').where('document_id', '=', doc.id).execute();
    expect(entries.map((e) => e.store_id)).toEqual([t.ids.s02, t.ids.s02]);
    expect(await journalOf(t, doc.id)).toEqual([
      [
        { account: '1001', debit: 0, credit: 3900 },
        { account: '5001', debit: 3451, credit: 0 },
        { account: '2221', debit: 449, credit: 0 },
      ],
      [
        { account: '1405', debit: 2200, credit: 0 },
        { account: '5401', debit: 0, credit: 2200 },
      ],
    ]);
    // The refund is in S02's shift (its drawer), the return's row is S02's.
    const row = await t.db.db.selectFrom('sales').select(['store_id', 'shift_id', 'due']).where('document_id', '=', doc.id).executeTakeFirstOrThrow();
    expect({ ...row, due: Number(row.due) }).toEqual({ store_id: t.ids.s02, shift_id: t.shifts.s02r01, due: -3900 });
    const x = await t.call(t.tokens.owner, 'GET', `/api/v1/shifts/${t.shifts.s02r01}/x-report`);
    expect(x.json()).toMatchObject({ returns: { count: 1, total: -3900 }, cash: { refunded: 3900 } });

    // The sale's counter is shared: S01 takes back the last one, then nothing is left anywhere.
    const counters = await t.db.db.selectFrom('sale_line_returns').select(['store_id', 'returned_qty']).where('document_id', '=', sale.id).execute();
    expect(counters.map((c) => ({ store: c.store_id, back: Number(c.returned_qty) }))).toEqual([{ store: t.ids.s01, back: 1000 }]);
    const home = await t.call(t.tokens.cashier, 'POST', '/api/v1/returns', { id: uuidv7(), registerId: t.ids.r01, shiftId: t.shifts.r01, clientTime: tillTime, saleNumber: sale.number });
    expect(home.json()).toMatchObject({ refund: 3900 });
    expect((await retAtS02({ saleNumber: sale.number })).json()).toMatchObject({ status: 409, code: 'nothing_to_return' });
  });

  it('refunds an S01 WeChat payment to the same wallet from S02', async () => {
    const vase = await stocked(12_000, 6000);
    const sale = await sell({ lines: [{ productId: vase, qty: 1000 }], payments: [{ method: 'wechat', amount: 12_000, authCode: CODES.wechat }], clientTotal: 12_000 });
    const res = await retAtS02({ saleId: sale.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ refund: 12_000, refunds: [{ method: 'wechat', amount: 12_000 }], walletRefunds: [{ method: 'wechat', amount: 12_000, status: 'succeeded' }] });
    expect((await journalOf(t, res.json().id))[0][0]).toEqual({ account: '1012', debit: 0, credit: 12_000 });
  });

  it('lets two stores return the last unit at once exactly once', async () => {
    const lamp = await stocked(5000, 3000);
    const sale = await sell({ lines: [{ productId: lamp, qty: 1000 }], payments: [{ method: 'cash', amount: 5000 }], clientTotal: 5000 });
    const both = await Promise.all([
      retAtS02({ saleNumber: sale.number }),
      t.call(t.tokens.cashier, 'POST', '/api/v1/returns', { id: uuidv7(), registerId: t.ids.r01, shiftId: t.shifts.r01, clientTime: tillTime, saleNumber: sale.number, lines: [{ lineNo: 1, qty: 1000 }] }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const refused = both.find((r) => r.statusCode === 409)!.json();
    expect(['return_exceeds_sold', 'nothing_to_return']).toContain(refused.code);
  });

  it('exchanges at S02: the goods brought back and the new goods are both S02’s stock', async () => {
    const mug = await stocked(2000, 800);
    const bowl = await t.product({ price: 2500, taxRate: 1300 });
    await t.stock.stockIn(t.ids.s02, bowl, 5000, 5000);
    const sale = await sell({ lines: [{ productId: mug, qty: 1000 }], payments: [{ method: 'cash', amount: 2000 }], clientTotal: 2000 });
    const ex = await t.call(s02Cashier, 'POST', '/api/v1/exchanges', {
      id: uuidv7(),
      registerId: t.ids.s02r01,
      shiftId: t.shifts.s02r01,
      clientTime: tillTime,
      saleNumber: sale.number,
      returnLines: [{ lineNo: 1, qty: 1000 }],
      lines: [{ productId: bowl, qty: 1000 }],
      payments: [{ method: 'cash', amount: 500 }],
      clientNet: 500,
    });
    expect(ex.statusCode, ex.body).toBe(201);
    expect(await position(t, t.ids.s02, mug)).toEqual({ qty: 1000, value: 800 });
    expect((await position(t, t.ids.s02, bowl)).qty).toBe(4000);
  });

  it('refuses other stores’ receipts when S02 is set to (409 other_store_return_refused), writing nothing', async () => {
    const cup = await stocked(1500, 500);
    const sale = await sell({ lines: [{ productId: cup, qty: 1000 }], payments: [{ method: 'cash', amount: 1500 }], clientTotal: 1500 });
    const set = await t.call(t.tokens.owner, 'PUT', `/api/v1/stores/${t.ids.s02}/settings`, { otherStoreReturns: 'refuse' });
    expect(set.json()).toMatchObject({ otherStoreReturns: 'refuse' });
    const id = uuidv7();
    const res = await retAtS02({ id, saleNumber: sale.number });
    expect(res.json()).toMatchObject({ status: 409, code: 'other_store_return_refused', errors: [{ field: 'saleNumber' }] });
    expect(await t.db.db.selectFrom('documents').select('id').where('client_id', '=', id).execute()).toEqual([]);
    expect((await t.call(s02Cashier, 'GET', `/api/v1/sales/by-number/${sale.number}?registerId=${t.ids.s02r01}`)).json()).toMatchObject({ status: 409, code: 'other_store_return_refused' });
    // S01 still takes its own receipt back.
    const home = await t.call(t.tokens.cashier, 'POST', '/api/v1/returns', { id: uuidv7(), registerId: t.ids.r01, shiftId: t.shifts.r01, clientTime: tillTime, saleNumber: sale.number });
    expect(home.statusCode, home.body).toBe(201);
    await t.call(t.tokens.owner, 'PUT', `/api/v1/stores/${t.ids.s02}/settings`, { otherStoreReturns: 'accept' });
  });

  it('leaves every invariant intact', async () => {
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
