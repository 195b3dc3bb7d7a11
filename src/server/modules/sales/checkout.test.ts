import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eanCheckDigit } from '../../../core/barcode/ean';
import { uuidv7 } from '../../../core/id/uuidv7';
import { testDialects } from '../../../db/testing';
import { verifyAll } from '../../verify/verify';
import { journalOf, makeSalesTestApp, onHand, type SalesTestApp } from './test-helpers';

/** A scale label: the digits given plus the EAN check digit. */
const label = (digits: string) => digits + eanCheckDigit(digits);
const cash = (amount: number) => [{ method: 'cash', amount }];

describe.each(testDialects)('checkout (POST /sales) on %s', (dialect) => {
  let t: SalesTestApp;
  let managerId: string;
  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    managerId = (await t.db.db.selectFrom('users').select('id').where('username', '=', 'manager').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  const settings = (body: Record<string, unknown>) => t.call(t.tokens.owner, 'PUT', `/api/v1/stores/${t.ids.s01}/settings`, body);

  it('sells two cans of cola by barcode: 7.00 due, 3.00 change, receipt number of the register', async () => {
    await settings({ roundingMode: 'none' });
    const ean = (await t.db.db.selectFrom('barcodes').select('code').where('product_id', '=', t.ids.products['DRK-COLA-330']).where('unit', '<>', '箱').executeTakeFirstOrThrow()).code;
    const res = await t.sell({ lines: [{ code: ean, qty: 2000 }], payments: cash(1000), clientTotal: 700 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      type: 'sale',
      number: expect.stringMatching(/^S01-R01-\d{6}$/),
      registerId: t.ids.r01,
      shiftId: t.shifts.r01,
      total: 700,
      subtotal: 700,
      rounding: 0,
      due: 700,
      paid: 1000,
      change: 300,
      taxByRate: [{ rate: 1300, gross: 700, taxable: 619, tax: 81 }],
      lines: [{ lineNo: 1, productId: t.ids.products['DRK-COLA-330'], unit: '罐', qty: 2000, baseQty: 2000, unitPrice: 350, gross: 700, net: 700, tax: 81 }],
      payments: [{ method: 'cash', amount: 1000 }],
      flags: [],
    });
    expect(res.json().trace.at(-1)).toEqual({ step: 'due', amount: 700 });
    // Opening cost of cola is 2.10 a can.
    expect(await journalOf(t, res.json().id)).toEqual([
      [
        { account: '1001', debit: 700, credit: 0 },
        { account: '5001', debit: 0, credit: 619 },
        { account: '2221', debit: 0, credit: 81 },
      ],
      [
        { account: '5401', debit: 420, credit: 0 },
        { account: '1405', debit: 0, credit: 420 },
      ],
    ]);
  });

  it('sells a case of cola by its case barcode: qty counts cases, stock leaves in cans', async () => {
    const cola = t.ids.products['DRK-COLA-330'];
    const gtin = (await t.db.db.selectFrom('barcodes').select('code').where('product_id', '=', cola).where('unit', '=', '箱').executeTakeFirstOrThrow()).code;
    const before = await onHand(t, t.ids.s01, cola);
    // 2 cases × 24 cans × 3.50 = 168.00
    const res = await t.sell({ lines: [{ code: gtin, qty: 2000 }], payments: cash(20_000), clientTotal: 16_800 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().lines[0]).toMatchObject({ unit: '箱', qty: 2000, baseQty: 48_000, unitPrice: 8400, gross: 16_800 });
    expect(res.json().change).toBe(3200);
    expect(await onHand(t, t.ids.s01, cola)).toBe(before - 48_000);
  });

  it('reads scale labels with the store settings: amount (金额码), amount + weight (18 digits), weight (重量码)', async () => {
    await settings({ roundingMode: 'none', scaleBarcode: { flags: ['20', '21', '22'], kind13: 'amount' } });
    const apples = t.ids.products['FRT-APPLE-KG'];
    const applesBefore = await onHand(t, t.ids.s01, apples);
    // Apples (PLU 00001, 12.98/kg): a 12.34 label is charged 12.34, and 0.951 kg leaves stock.
    // Bananas (PLU 00002): 7.48 for 1.250 kg, as printed.
    const res = await t.sell({ lines: [{ code: label('200000101234') }, { code: label('21000020074801250') }], payments: cash(2000), clientTotal: 1982 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().lines).toMatchObject([
      { productId: apples, qty: 1000, baseQty: 951, gross: 1234, taxRate: 900, scale: { kind: 'amount', amount: 1234, weight: 951 } },
      { productId: t.ids.products['FRT-BANANA-KG'], baseQty: 1250, gross: 748, scale: { kind: 'amount_and_weight', amount: 748, weight: 1250 } },
    ]);
    expect(await onHand(t, t.ids.s01, apples)).toBe(applesBefore - 951);

    // The same scales switched to weight labels: tomatoes (PLU 00003, 6.98/kg, 0%) 0.756 kg = 5.28.
    await settings({ scaleBarcode: { flags: ['20', '21', '22'], kind13: 'weight' } });
    const weighed = await t.sell({ lines: [{ code: label('220000300756') }], payments: cash(528), clientTotal: 528 });
    expect(weighed.statusCode, weighed.body).toBe(201);
    expect(weighed.json().lines[0]).toMatchObject({ baseQty: 756, unitPrice: 698, pricedQty: 756, gross: 528, tax: 0 });

    const misread = await t.sell({ lines: [{ code: '2200003007561' }], payments: cash(528), clientTotal: 528 });
    expect(misread.statusCode).toBe(400);
    expect(misread.json()).toMatchObject({ code: 'scale_barcode_bad_check_digit', errors: [{ field: 'lines.0.code' }] });
    const unknown = await t.sell({ lines: [{ code: label('220999900756') }], payments: cash(528), clientTotal: 528 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().errors).toEqual([{ field: 'lines.0.code', message: expect.any(String) }]);
    const twice = await t.sell({ lines: [{ code: label('220000300756'), qty: 2000 }], payments: cash(1056), clientTotal: 1056 });
    expect(twice.json()).toMatchObject({ code: 'scale_label_qty', errors: [{ field: 'lines.0.qty' }] });
  });

  it('picks batches first-expiry-first-out over two scans of one product, or takes the scanned batch', async () => {
    const p = await t.product({ price: 600, trackBatches: true });
    const early = await t.stock.batch(p, 'EARLY', '2026-04-01', '2026-03-01T00:00:00Z');
    const late = await t.stock.batch(p, 'LATE', '2026-05-01', '2026-02-01T00:00:00Z');
    await t.stock.stockIn(t.ids.s01, p, 1000, 300, { batchId: early });
    await t.stock.stockIn(t.ids.s01, p, 5000, 1500, { batchId: late });
    // Two scans of 2 and 1: the first takes the early unit and one late, the second one late.
    const res = await t.sell({ lines: [{ productId: p, qty: 2000 }, { productId: p, qty: 1000 }], payments: cash(1800), clientTotal: 1800 });
    expect(res.statusCode, res.body).toBe(201);
    const moves = await t.db.db.selectFrom('stock_moves').select(['line_no', 'batch_id', 'qty', 'cost_value']).where('document_id', '=', res.json().id).orderBy('move_no').execute();
    expect(moves.map((m) => [m.line_no, m.batch_id, Number(m.qty), Number(m.cost_value)])).toEqual([
      [1, early, -1000, -300],
      [1, late, -1000, -300],
      [2, late, -1000, -300],
    ]);
    const scanned = await t.sell({ lines: [{ productId: p, qty: 1000, batchId: late }], payments: cash(600), clientTotal: 600 });
    expect(scanned.json().lines[0].batchId).toBe(late);
    const other = await t.product({ price: 100, trackBatches: true });
    const wrongBatch = await t.sell({ lines: [{ productId: other, qty: 1000, batchId: late }], payments: cash(100), clientTotal: 100 });
    expect(wrongBatch.json()).toMatchObject({ status: 404, errors: [{ field: 'lines.0.batchId' }] });
  });

  it('charges the member price (会员价) when the sale names a member', async () => {
    const p = await t.product({ price: 1000, memberPrice: 880 });
    const res = await t.sell({ lines: [{ productId: p, qty: 2000 }], memberCode: '13800138000', payments: cash(2000), clientTotal: 1760 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ memberCode: '13800138000', lines: [{ unitPrice: 880, gross: 1760 }] });
    expect((await t.sell({ lines: [{ productId: p, qty: 2000 }], payments: cash(2000), clientTotal: 2000 })).statusCode).toBe(201);
  });

  it('refuses a till total that differs from the server price, showing both', async () => {
    const p = await t.product({ price: 1000 });
    const res = await t.sell({ lines: [{ productId: p, qty: 1000 }], payments: cash(1000), clientTotal: 990 });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'client_total_mismatch', serverDue: 1000, clientDue: 990, errors: [{ field: 'clientTotal' }] });
  });

  it('applies the store’s 抹零 and books it on its own account', async () => {
    const p = await t.product({ price: 1588, taxRate: 1300 });
    await settings({ roundingMode: 'round_jiao' });
    const up = await t.sell({ lines: [{ productId: p, qty: 1000 }], payments: cash(2000), clientTotal: 1590 });
    expect(up.json()).toMatchObject({ roundingMode: 'round_jiao', rounding: 2, due: 1590, change: 410 });
    expect((await journalOf(t, up.json().id))[0]).toEqual([
      { account: '1001', debit: 1590, credit: 0 },
      { account: '5301', debit: 0, credit: 2 },
      { account: '5001', debit: 0, credit: 1405 },
      { account: '2221', debit: 0, credit: 183 },
    ]);
    await settings({ roundingMode: 'drop_jiao' });
    const down = await t.sell({ lines: [{ productId: p, qty: 1000 }], payments: cash(1500), clientTotal: 1500 });
    expect((await journalOf(t, down.json().id))[0]).toEqual([
      { account: '1001', debit: 1500, credit: 0 },
      { account: '5711', debit: 88, credit: 0 },
      { account: '5001', debit: 0, credit: 1405 },
      { account: '2221', debit: 0, credit: 183 },
    ]);
    await settings({ roundingMode: 'none' });
  });

  it('needs a manager for a price override or a discount beyond the store limit, and records who approved', async () => {
    const p = await t.product({ price: 1000 });
    const override = { lines: [{ productId: p, qty: 1000, priceOverride: 800 }], payments: cash(800), clientTotal: 800 };
    const refused = await t.sell(override);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'approval_required', actions: ['sale.price_override'], errors: [{ field: 'approvalToken' }] });

    const wrong = await t.sell({ ...override, approvalToken: await t.approval('sale.discount') });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('approval_invalid');

    const id = uuidv7();
    const approved = await t.sell({ ...override, id, approvalToken: await t.approval('sale.price_override') });
    expect(approved.statusCode, approved.body).toBe(201);
    expect(approved.json()).toMatchObject({ approvedBy: managerId, due: 800, lines: [{ unitPrice: 800, gross: 800 }] });
    // A retry with a fresh token is the same sale.
    const retry = await t.sell({ ...override, id, approvalToken: await t.approval('sale.price_override') });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(approved.json());

    const byManager = await t.sell(override, t.tokens.manager);
    expect(byManager.statusCode, byManager.body).toBe(201);
    expect(byManager.json().approvedBy).toBeNull();

    // 10% (the default limit) is fine; 15% off the order, or 1.50 off a 10.00 line, is not.
    expect((await t.sell({ lines: [{ productId: p, qty: 1000 }], orderDiscount: { type: 'percent', bp: 1000 }, payments: cash(900), clientTotal: 900 })).statusCode).toBe(201);
    const big = { lines: [{ productId: p, qty: 1000 }], orderDiscount: { type: 'percent', bp: 1500 }, payments: cash(850), clientTotal: 850 };
    expect((await t.sell(big)).json()).toMatchObject({ code: 'approval_required', actions: ['sale.discount'] });
    const bigLine = { lines: [{ productId: p, qty: 1000, lineDiscount: { type: 'amount', fen: 150 } }], payments: cash(850), clientTotal: 850 };
    expect((await t.sell(bigLine)).json()).toMatchObject({ code: 'approval_required', actions: ['sale.discount'] });
    const both = await t.sell({ ...big, lines: [{ productId: p, qty: 1000, priceOverride: 900 }], payments: cash(765), clientTotal: 765, approvalToken: [await t.approval('sale.discount'), await t.approval('sale.price_override')] });
    expect(both.statusCode, both.body).toBe(201);
    expect(both.json().due).toBe(765);
  });

  it('replays the same sale id with 200 and the same body; another body under that id is 409', async () => {
    const p = await t.product({ price: 500 });
    const body = { id: uuidv7(), lines: [{ productId: p, qty: 1000 }], payments: cash(500), clientTotal: 500 };
    const first = await t.sell(body);
    const again = await t.sell(body);
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json()).toEqual(first.json());
    const other = await t.sell({ ...body, payments: cash(1000) });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'idempotency_conflict', errors: [{ field: 'id' }] });
  });

  it('names the field of a bad line', async () => {
    const p = await t.product({ price: 500 });
    const both = await t.sell({ lines: [{ productId: p, code: 'X', qty: 1000 }], payments: cash(500), clientTotal: 500 });
    expect(both.json()).toMatchObject({ status: 400, errors: [{ field: 'lines.0.productId' }] });
    const noQty = await t.sell({ lines: [{ productId: p }], payments: cash(500), clientTotal: 500 });
    expect(noQty.json()).toMatchObject({ code: 'qty_required', errors: [{ field: 'lines.0.qty' }] });
    const unknown = await t.sell({ lines: [{ productId: p, qty: 1000 }, { code: 'NO-SUCH-CODE', qty: 1000 }], payments: cash(500), clientTotal: 500 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().errors[0].field).toBe('lines.1.code');
    const tooMuch = await t.sell({ lines: [{ productId: p, qty: 1000, lineDiscount: { type: 'amount', fen: 600 } }], payments: cash(500), clientTotal: 0 });
    expect(tooMuch.json()).toMatchObject({ status: 422, code: 'discount_exceeds_amount', errors: [{ field: 'lines.0.lineDiscount.fen' }] });
    const free = await t.sell({ lines: [{ productId: p, qty: 1000, lineDiscount: { type: 'percent', bp: 10_000 } }], payments: cash(100), clientTotal: 0 }, t.tokens.manager);
    expect(free.json()).toMatchObject({ status: 422, code: 'nothing_charged', errors: [{ field: 'lines' }] });
  });

  it('sells only on an open shift of the register', async () => {
    const p = await t.product({ price: 500 });
    const sale = { lines: [{ productId: p, qty: 1000 }], payments: cash(500), clientTotal: 500 };
    const otherRegister = await t.sell({ ...sale, shiftId: t.shifts.r02 });
    expect(otherRegister.statusCode).toBe(404);
    expect(otherRegister.json().errors).toEqual([{ field: 'shiftId', message: expect.any(String) }]);
    // Shift close comes with its own issue; here the shift row is closed directly.
    const registerId = (await newRegister()).id;
    const shiftId = await t.openShift(registerId);
    await t.db.db.updateTable('shifts').set({ status: 'closed', closed_at: new Date().toISOString() }).where('id', '=', shiftId).execute();
    const closed = await t.sell({ ...sale, registerId, shiftId });
    expect(closed.statusCode).toBe(409);
    expect(closed.json()).toMatchObject({ code: 'shift_closed', errors: [{ field: 'shiftId' }] });
  });

  it('lets only sellers sell, and only on registers of their stores', async () => {
    const p = await t.product({ price: 500 });
    const sale = { lines: [{ productId: p, qty: 1000 }], payments: cash(500), clientTotal: 500 };
    expect((await t.sell(sale, t.tokens.auditor)).statusCode).toBe(403);
    const elsewhere = await t.sell({ ...sale, registerId: t.ids.s02r01, shiftId: t.shifts.s02r01 });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().errors).toEqual([{ field: 'registerId', message: 'Register not found' }]);
    // The owner sells anywhere.
    expect((await t.sell({ ...sale, registerId: t.ids.s02r01, shiftId: t.shifts.s02r01 }, t.tokens.owner)).statusCode).toBe(201);
  });

  it('leaves every invariant intact', async () => {
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });

  async function newRegister() {
    const res = await t.call(t.tokens.owner, 'POST', '/api/v1/registers', { storeId: t.ids.s01, code: `R${uuidv7().slice(-4)}`, name: 'Till' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  }
});
