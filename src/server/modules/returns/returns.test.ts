import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { withoutImmutability } from '../../../db/dialect';
import { testDialects } from '../../../db/testing';
import { verifyAll } from '../../verify/verify';
import { CODES, journalOf, makeSalesTestApp, onHand, type SalesTestApp } from '../sales/test-helpers';

const cash = (amount: number) => [{ method: 'cash', amount }];

describe.each(testDialects)('returns, exchanges and voids on %s', (dialect) => {
  let t: SalesTestApp;
  let tillTime: string;
  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    tillTime = new Date().toISOString();
    await t.call(t.tokens.owner, 'PUT', `/api/v1/stores/${t.ids.s01}/settings`, { roundingMode: 'none', oversell: 'allow' });
  });
  afterAll(() => t.close());

  /** A product with stock at a known unit cost (fen per unit). */
  async function stocked(price: number, unitCost: number, qty = 10_000) {
    const p = await t.product({ price, taxRate: 1300 });
    await t.stock.stockIn(t.ids.s01, p, qty, (unitCost * qty) / 1000);
    return p;
  }
  async function sell(body: Record<string, unknown>) {
    const res = await t.sell(body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }
  const ret = (body: Record<string, unknown>, token = t.tokens.cashier) =>
    t.call(token, 'POST', '/api/v1/returns', { id: uuidv7(), registerId: t.ids.r01, shiftId: t.shifts.r01, clientTime: tillTime, ...body });
  const approval = async (action: string) => {
    const res = await t.call(t.tokens.cashier, 'POST', '/api/v1/approvals', { action, storeId: t.ids.s01, username: 'manager', pin: '8888' });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().approvalToken as string;
  };
  const tillRow = (id: string) => t.db.db.selectFrom('sales').selectAll().where('document_id', '=', id).executeTakeFirstOrThrow();
  const payRows = (id: string) =>
    t.db.db.selectFrom('sale_payments').select(['method', 'amount', 'shift_id']).where('document_id', '=', id).orderBy('payment_no').execute();

  it('golden: returns one of three yogurts after an order discount, exact to the fen', async () => {
    // Yogurt 3 × 6.50 = 19.50, tissues 15.90, both 13%; order discount 1.00 prorated by largest
    // remainder: 0.55 + 0.45 (0.4492 had the larger remainder) → nets 18.95 and 15.45, due 34.40.
    // VAT on 34.40 is 3.96 (taxable 30.44), shared 2.18 / 1.78. Yogurt cost 4.00 a pot.
    const yogurt = await stocked(650, 400);
    const tissues = await stocked(1590, 1000);
    const sale = await sell({ lines: [{ productId: yogurt, qty: 3000 }, { productId: tissues, qty: 1000 }], orderDiscount: { type: 'amount', fen: 100 }, payments: cash(5000), clientTotal: 3440 });
    expect(sale.lines).toMatchObject([
      { net: 1895, tax: 218, orderDiscountShare: 55 },
      { net: 1545, tax: 178, orderDiscountShare: 45 },
    ]);

    // One pot back: round(18.95 × 1/3) = 6.32 refunded, VAT round(2.18 / 3) = 0.73 reversed.
    const res = await ret({ saleNumber: sale.number, lines: [{ lineNo: 1, qty: 1000 }] });
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({
      type: 'sale_return',
      kind: 'return',
      number: expect.stringMatching(/^S01-R01-\d{6}$/),
      originalDocumentId: sale.id,
      originalNumber: sale.number,
      total: -632,
      refund: 632,
      subtotal: -632,
      rounding: 0,
      due: -632,
      tax: -73,
      lines: [{ lineNo: 1, returnOf: 1, productId: yogurt, qty: -1000, refund: 632, tax: 73 }],
      refunds: [{ tenderNo: 1, method: 'cash', amount: 632 }],
      walletRefunds: [],
    });
    expect(await journalOf(t, doc.id)).toEqual([
      [
        { account: '1001', debit: 0, credit: 632 },
        { account: '5001', debit: 559, credit: 0 },
        { account: '2221', debit: 73, credit: 0 },
      ],
      [
        { account: '1405', debit: 400, credit: 0 },
        { account: '5401', debit: 0, credit: 400 },
      ],
    ]);
    expect(await tillRow(doc.id)).toMatchObject({ kind: 'return', original_document_id: sale.id, shift_id: t.shifts.r01, subtotal: -632, rounding: 0, due: -632, change: 0, tax: -73, cost: -400 });
    expect(await payRows(doc.id)).toEqual([{ method: 'cash', amount: -632, shift_id: t.shifts.r01 }]);
    expect(await onHand(t, t.ids.s01, yogurt)).toBe(8000);
    // The order discount given back with it, signed like the line: round(0.55 / 3) = 0.18.
    const line = await t.db.db.selectFrom('document_lines').select(['qty', 'amount', 'data_json']).where('document_id', '=', doc.id).executeTakeFirstOrThrow();
    expect({ qty: Number(line.qty), amount: Number(line.amount), ...JSON.parse(line.data_json!) }).toMatchObject({ qty: -1000, amount: -632, lineDiscount: 0, orderDiscountShare: -18, tax: -73, cost: -400 });

    // The other two pots refund what is left of the line: 18.95 − 6.32 = 12.63; the tissues 15.45.
    const rest = await ret({ saleId: sale.id });
    expect(rest.statusCode, rest.body).toBe(201);
    expect(rest.json()).toMatchObject({ refund: 1263 + 1545, lines: [{ returnOf: 1, qty: -2000, refund: 1263, tax: 145 }, { returnOf: 2, qty: -1000, refund: 1545, tax: 178 }] });
    // All of it back: exactly the 34.40 paid.
    expect(632 + rest.json().refund).toBe(3440);
    const again = await ret({ saleId: sale.id });
    expect(again.json()).toMatchObject({ status: 409, code: 'nothing_to_return' });
  });

  it('refunds a whole receipt paid by WeChat and cash to each tender, the wallet through the provider, once', async () => {
    const milk = await stocked(6990, 5000);
    // 2 × 69.90 = 139.80: WeChat 100.00 + cash 50.00, change 10.20.
    const sale = await sell({ lines: [{ productId: milk, qty: 2000 }], payments: [{ method: 'wechat', amount: 10_000, authCode: CODES.wechat }, { method: 'cash', amount: 5000 }], clientTotal: 13_980 });
    const body = { id: uuidv7(), saleNumber: sale.number };
    const res = await ret(body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      refund: 13_980,
      refunds: [
        { tenderNo: 1, method: 'wechat', amount: 10_000 },
        { tenderNo: 2, method: 'cash', amount: 3980 },
      ],
      walletRefunds: [{ tenderNo: 1, method: 'wechat', amount: 10_000, status: 'succeeded' }],
    });
    expect(await journalOf(t, res.json().id)).toEqual([
      [
        { account: '1012', debit: 0, credit: 10_000 },
        { account: '1001', debit: 0, credit: 3980 },
        { account: '5001', debit: 12_372, credit: 0 },
        { account: '2221', debit: 1608, credit: 0 },
      ],
      [
        { account: '1405', debit: 10_000, credit: 0 },
        { account: '5401', debit: 0, credit: 10_000 },
      ],
    ]);
    // A retry answers the same and the wallet is not refunded twice (the refund id is the same).
    const retry = await ret(body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(res.json());
    const paymentId = t.provider.charged.find((c) => c.paymentId.startsWith(sale.clientId))!.paymentId;
    expect((await t.provider.refund(paymentId, 'one-more-fen', 1)).status).toBe('failed');
    expect(await onHand(t, t.ids.s01, milk)).toBe(10_000);
  });

  it('refuses more than is left, and an unknown line', async () => {
    const p = await stocked(500, 300);
    const sale = await sell({ lines: [{ productId: p, qty: 2000 }], payments: cash(1000), clientTotal: 1000 });
    expect((await ret({ saleId: sale.id, lines: [{ lineNo: 1, qty: 1500 }] })).statusCode).toBe(201);
    const over = await ret({ saleId: sale.id, lines: [{ lineNo: 1, qty: 1000 }] });
    expect(over.json()).toMatchObject({ status: 409, code: 'return_exceeds_sold', sold: 2000, returned: 1500, returnable: 500, errors: [{ field: 'lines.0.qty' }] });
    const unknown = await ret({ saleId: sale.id, lines: [{ lineNo: 2, qty: 1000 }] });
    expect(unknown.json()).toMatchObject({ status: 400, code: 'unknown_line', errors: [{ field: 'lines.0.lineNo' }] });
    expect((await ret({ saleId: uuidv7() })).statusCode).toBe(404);
  });

  it('never takes back more than was sold when 8 returns of the same line race on two registers', async () => {
    const p = await stocked(1930, 1000);
    const sale = await sell({ lines: [{ productId: p, qty: 3000 }], payments: cash(6000), clientTotal: 5790 });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        ret({ registerId: i % 2 ? t.ids.r02 : t.ids.r01, shiftId: i % 2 ? t.shifts.r02 : t.shifts.r01, saleId: sale.id, lines: [{ lineNo: 1, qty: 1000 }] }),
      ),
    );
    const ok = results.filter((r) => r.statusCode === 201);
    expect(ok).toHaveLength(3);
    for (const r of results.filter((x) => x.statusCode !== 201)) expect(r.json()).toMatchObject({ status: 409, code: 'return_exceeds_sold' });
    // 19.30 each: whatever the order, the three refunds add up to the line, 57.90.
    expect(ok.reduce((s, r) => s + r.json().refund, 0)).toBe(5790);
    const counter = await t.db.db.selectFrom('sale_line_returns').selectAll().where('document_id', '=', sale.id).executeTakeFirstOrThrow();
    expect(Number(counter.returned_qty)).toBe(3000);
    expect(await onHand(t, t.ids.s01, p)).toBe(10_000);
  });

  it('puts goods back into the batches the sale took them from, at the sale’s cost', async () => {
    // Batch A (expires first) 2 units at 3.00, batch B 5 units at 4.00: selling 3 takes A's 2 and
    // one of B at the average 25.99 / 7 → 11.14 for three; returning them restores both batches.
    const p = await t.product({ price: 900, taxRate: 1300 });
    const a = await t.stock.batch(p, 'A', '2030-01-01', '2026-01-01T00:00:00Z');
    const b = await t.stock.batch(p, 'B', '2031-01-01', '2026-01-02T00:00:00Z');
    await t.stock.stockIn(t.ids.s01, p, 2000, 600, { batchId: a });
    await t.stock.stockIn(t.ids.s01, p, 5000, 1999, { batchId: b });
    const sale = await sell({ lines: [{ productId: p, qty: 3000 }], payments: cash(3000), clientTotal: 2700 });
    const saleMoves = await t.db.db.selectFrom('stock_moves').select(['batch_id', 'qty', 'cost_value']).where('document_id', '=', sale.id).orderBy('move_no').execute();
    const res = await ret({ saleId: sale.id, lines: [{ lineNo: 1, qty: 3000 }] });
    expect(res.statusCode, res.body).toBe(201);
    const back = await t.db.db.selectFrom('stock_moves').select(['batch_id', 'qty', 'cost_value']).where('document_id', '=', res.json().id).orderBy('move_no').execute();
    expect(back.map((m) => ({ batch_id: m.batch_id, qty: Number(m.qty), cost_value: Number(m.cost_value) }))).toEqual(
      saleMoves.map((m) => ({ batch_id: m.batch_id, qty: -Number(m.qty), cost_value: -Number(m.cost_value) })),
    );
    expect(back.map((m) => m.batch_id)).toEqual([a, b]);
    const balances = await t.db.db.selectFrom('stock_balances').select(['batch_id', 'qty', 'cost_value']).where('product_id', '=', p).orderBy('batch_id').execute();
    expect(balances.map((x) => [x.batch_id, Number(x.qty), Number(x.cost_value)]).sort()).toEqual([[a, 2000, 600], [b, 5000, 1999]].sort());
  });

  it('posts 20 concurrent deliveries of one return once, and refunds the wallet once', async () => {
    const p = await stocked(1500, 800);
    const sale = await sell({ lines: [{ productId: p, qty: 2000 }], payments: [{ method: 'alipay', amount: 3000, authCode: CODES.alipay }], clientTotal: 3000 });
    const body = { id: uuidv7(), saleId: sale.id, lines: [{ lineNo: 1, qty: 1000 }] };
    const results = await Promise.all(Array.from({ length: 20 }, () => ret(body)));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(19);
    for (const r of results) expect(r.json()).toMatchObject({ refund: 1500, walletRefunds: [{ method: 'alipay', amount: 1500, status: 'succeeded' }] });
    expect(await t.db.db.selectFrom('documents').select('id').where('client_id', '=', body.id).execute()).toHaveLength(1);
    // 15.00 of the 30.00 charge is left to refund: the gateway refunded 15.00 once, not 20 times.
    const paymentId = t.provider.charged.find((c) => c.paymentId.startsWith(sale.clientId))!.paymentId;
    expect((await t.provider.refund(paymentId, 'probe-1', 1501)).status).toBe('failed');
    expect((await t.provider.refund(paymentId, 'probe-2', 1500)).status).toBe('succeeded');
  });

  it('writes damaged goods off instead of putting them back on the shelf', async () => {
    const p = await stocked(1000, 600);
    const sale = await sell({ lines: [{ productId: p, qty: 1000 }], payments: cash(1000), clientTotal: 1000 });
    const res = await ret({ saleId: sale.id, lines: [{ lineNo: 1, qty: 1000, damaged: true }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(await onHand(t, t.ids.s01, p)).toBe(9000);
    expect((await journalOf(t, res.json().id)).slice(1)).toEqual([
      [
        { account: '1405', debit: 600, credit: 0 },
        { account: '5401', debit: 0, credit: 600 },
      ],
      [
        { account: '5711', debit: 600, credit: 0 },
        { account: '1405', debit: 0, credit: 600 },
      ],
    ]);
  });

  it('returns without a receipt only with a manager’s approval and a price, refunded in cash', async () => {
    const p = await stocked(1200, 700);
    const body = { withoutReceipt: [{ productId: p, qty: 1000, unitPrice: 1130 }] };
    expect((await ret(body)).json()).toMatchObject({ status: 403, code: 'approval_required', actions: ['return.no_receipt'] });
    const res = await ret({ ...body, approvalToken: await approval('return.no_receipt') });
    expect(res.statusCode, res.body).toBe(201);
    const managerId = (await t.db.db.selectFrom('users').select('id').where('username', '=', 'manager').executeTakeFirstOrThrow()).id;
    // 11.30 at 13%: 10.00 + 1.30 VAT.
    expect(res.json()).toMatchObject({ approvedBy: managerId, refund: 1130, tax: -130, originalDocumentId: null, refunds: [{ method: 'cash', amount: 1130 }] });
    expect((await journalOf(t, res.json().id))[0]).toEqual([
      { account: '1001', debit: 0, credit: 1130 },
      { account: '5001', debit: 1000, credit: 0 },
      { account: '2221', debit: 130, credit: 0 },
    ]);
    expect(await onHand(t, t.ids.s01, p)).toBe(11_000);
  });

  it('voids a sale in its open shift with approval: the exact mirror, and then nothing more', async () => {
    const p = await stocked(2500, 1500);
    const sale = await sell({ lines: [{ productId: p, qty: 2000 }], payments: [{ method: 'wechat', amount: 3000, authCode: CODES.wechat }, { method: 'cash', amount: 3000 }], clientTotal: 5000 });
    const voidBody = { id: uuidv7(), registerId: t.ids.r01, saleId: sale.id };
    expect((await t.call(t.tokens.cashier, 'POST', '/api/v1/voids', voidBody)).json()).toMatchObject({ status: 403, code: 'approval_required', actions: ['sale.void'] });
    const res = await t.call(t.tokens.cashier, 'POST', '/api/v1/voids', { ...voidBody, approvalToken: await approval('sale.void') });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ type: 'sale_void', kind: 'void', total: -5000, refund: 5000, walletRefunds: [{ method: 'wechat', amount: 3000, status: 'succeeded' }] });
    expect(await onHand(t, t.ids.s01, p)).toBe(10_000);
    // Sale and void together leave every account where it was.
    const net = new Map<string, number>();
    for (const id of [sale.id, res.json().id]) for (const e of await journalOf(t, id)) for (const l of e) net.set(l.account, (net.get(l.account) ?? 0) + l.debit - l.credit);
    expect([...net.values()].every((v) => v === 0)).toBe(true);
    expect(await payRows(res.json().id)).toEqual([
      { method: 'wechat', amount: -3000, shift_id: t.shifts.r01 },
      { method: 'cash', amount: -2000, shift_id: t.shifts.r01 },
    ]);
    expect(await tillRow(res.json().id)).toMatchObject({ kind: 'void', due: -5000, cost: -3000 });

    expect((await ret({ saleId: sale.id })).json()).toMatchObject({ status: 409, code: 'sale_voided' });
    const twice = await t.call(t.tokens.manager, 'POST', '/api/v1/voids', { id: uuidv7(), registerId: t.ids.r01, saleId: sale.id });
    expect(twice.json()).toMatchObject({ status: 409, code: 'sale_voided' });

    const elsewhere = await sell({ registerId: t.ids.r02, shiftId: t.shifts.r02, lines: [{ productId: p, qty: 1000 }], payments: cash(2500), clientTotal: 2500 });
    const wrongTill = await t.call(t.tokens.manager, 'POST', '/api/v1/voids', { id: uuidv7(), registerId: t.ids.r01, saleId: elsewhere.id });
    expect(wrongTill.json()).toMatchObject({ status: 409, code: 'void_outside_shift' });

    const other = await sell({ lines: [{ productId: p, qty: 2000 }], payments: cash(5000), clientTotal: 5000 });
    await ret({ saleId: other.id, lines: [{ lineNo: 1, qty: 1000 }] });
    const partly = await t.call(t.tokens.manager, 'POST', '/api/v1/voids', { id: uuidv7(), registerId: t.ids.r01, saleId: other.id });
    expect(partly.json()).toMatchObject({ status: 409, code: 'sale_partly_returned' });
  });

  it('lets exactly one of a void and a return racing for the same sale through', async () => {
    const p = await stocked(1100, 500);
    let expected = 10_000;
    for (let round = 0; round < 3; round++) {
      const sale = await sell({ lines: [{ productId: p, qty: 2000 }], payments: cash(2200), clientTotal: 2200 });
      const [v, r] = await Promise.all([
        t.call(t.tokens.manager, 'POST', '/api/v1/voids', { id: uuidv7(), registerId: t.ids.r01, saleId: sale.id }),
        ret({ registerId: t.ids.r02, shiftId: t.shifts.r02, saleId: sale.id, lines: [{ lineNo: 1, qty: 1000 }] }),
      ]);
      expect([v.statusCode, r.statusCode].filter((c) => c === 201), `${v.body} ${r.body}`).toHaveLength(1);
      if (v.statusCode === 201) expect(r.json()).toMatchObject({ status: 409, code: 'sale_voided' });
      else expect(v.json()).toMatchObject({ status: 409, code: 'sale_partly_returned' });
      // The void gives both units back, the return one.
      expected -= v.statusCode === 201 ? 0 : 1000;
    }
    expect(await onHand(t, t.ids.s01, p)).toBe(expected);
  });

  it('exchanges: the customer pays the difference, or gets it back on the sale’s tender', async () => {
    const small = await stocked(1000, 500);
    const large = await stocked(2500, 1500);
    const sale = await sell({ lines: [{ productId: small, qty: 1000 }], payments: cash(1000), clientTotal: 1000 });
    const exchange = (body: Record<string, unknown>) =>
      t.call(t.tokens.cashier, 'POST', '/api/v1/exchanges', { id: uuidv7(), registerId: t.ids.r01, shiftId: t.shifts.r01, clientTime: tillTime, ...body });

    const wrong = await exchange({ saleId: sale.id, returnLines: [{ lineNo: 1, qty: 1000 }], lines: [{ productId: large, qty: 1000 }], payments: cash(2000), clientNet: 1400 });
    expect(wrong.json()).toMatchObject({ status: 422, code: 'client_total_mismatch', serverNet: 1500, clientNet: 1400 });
    const up = await exchange({ saleId: sale.id, returnLines: [{ lineNo: 1, qty: 1000 }], lines: [{ productId: large, qty: 1000 }], payments: cash(2000), clientNet: 1500 });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ type: 'exchange', kind: 'exchange', total: 1500, net: 1500, change: 500, refund: 1000, newDue: 2500 });
    expect(await tillRow(up.json().id)).toMatchObject({ kind: 'exchange', due: 1500, change: 500, subtotal: 1500, cost: 1000 });
    expect(await payRows(up.json().id)).toEqual([{ method: 'cash', amount: 2000, shift_id: t.shifts.r01 }]);
    expect(await onHand(t, t.ids.s01, small)).toBe(10_000);
    expect(await onHand(t, t.ids.s01, large)).toBe(9000);

    const big = await sell({ lines: [{ productId: large, qty: 1000 }], payments: [{ method: 'card', amount: 2500, reference: 'T123456' }], clientTotal: 2500 });
    const down = await exchange({ saleId: big.id, returnLines: [{ lineNo: 1, qty: 1000 }], lines: [{ productId: small, qty: 1000 }], clientNet: -1500, cardReference: 'T999' });
    expect(down.statusCode, down.body).toBe(201);
    expect(down.json()).toMatchObject({ net: -1500, refunds: [{ method: 'card', amount: 1500, reference: 'T999' }] });
    expect(await payRows(down.json().id)).toEqual([{ method: 'card', amount: -1500, shift_id: t.shifts.r01 }]);
  });

  it('shows a sale with what is left to return, by id and by receipt number', async () => {
    const p = await stocked(800, 400);
    const sale = await sell({ lines: [{ productId: p, qty: 3000 }], payments: cash(3000), clientTotal: 2400 });
    await ret({ saleId: sale.id, lines: [{ lineNo: 1, qty: 1000 }] });
    const byId = await t.call(t.tokens.cashier, 'GET', `/api/v1/sales/${sale.id}`);
    expect(byId.statusCode, byId.body).toBe(200);
    expect(byId.json()).toMatchObject({ id: sale.id, number: sale.number, voided: false, lines: [{ lineNo: 1, qty: 3000, returnedQty: 1000, returnableQty: 2000 }], followUps: [{ kind: 'return', due: -800 }] });
    const byNumber = await t.call(t.tokens.cashier, 'GET', `/api/v1/sales/by-number/${encodeURIComponent(sale.number)}`);
    expect(byNumber.json().id).toBe(sale.id);
    expect((await t.call(t.tokens.cashier, 'GET', `/api/v1/sales/${uuidv7()}`)).statusCode).toBe(404);
  });

  it('training mode prices like a sale and posts nothing: no document, number, stock, journal, audit or charge', async () => {
    const p = await stocked(1250, 600);
    const count = async () => {
      const n = async (table: 'documents' | 'journal_lines' | 'audit_events' | 'stock_moves') => Number((await t.db.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const counters = await t.db.db.selectFrom('counters').selectAll().orderBy('scope').execute();
      return { docs: await n('documents'), journal: await n('journal_lines'), audit: await n('audit_events'), moves: await n('stock_moves'), counters, onHand: await onHand(t, t.ids.s01, p), charges: t.provider.charged.length };
    };
    const before = await count();
    const res = await t.sell({ training: true, lines: [{ productId: p, qty: 2000 }], payments: [{ method: 'wechat', amount: 2000, authCode: CODES.wechat }, { method: 'cash', amount: 1000 }], clientTotal: 2500 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ training: true, number: 'TRAINING', due: 2500, change: 500, lines: [{ net: 2500, tax: 288 }] });
    expect(await count()).toEqual(before);
    // Priced like a real sale: a wrong total is refused the same way.
    expect((await t.sell({ training: true, lines: [{ productId: p, qty: 1000 }], payments: cash(2000), clientTotal: 1000 })).json()).toMatchObject({ code: 'client_total_mismatch' });
  });

  it('leaves every invariant intact (verify)', async () => {
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });

  it('verify LINK names a return that lost its sales row', async () => {
    const p = await stocked(700, 300);
    const sale = await sell({ lines: [{ productId: p, qty: 1000 }], payments: cash(700), clientTotal: 700 });
    const res = await ret({ saleId: sale.id });
    await withoutImmutability(t.db, (db) => db.deleteFrom('sales').where('document_id', '=', res.json().id).execute());
    expect((await verifyAll(t.db.db)).firstViolation).toBe(`LINK: sale_return ${res.json().number} has no return row in sales`);
  });
});
