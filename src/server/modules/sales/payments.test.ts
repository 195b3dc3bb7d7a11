// Tender at checkout: split tender, the wallets' payment codes through the PaymentProvider (the
// simulator answers by the code's last four digits), cards with the terminal's reference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { testDialects } from '../../../db/testing';
import { verifyAll } from '../../verify/verify';
import { CODES, journalOf, makeSalesTestApp, onHand, type SalesTestApp } from './test-helpers';

describe.each(testDialects)('payments at checkout on %s', (dialect) => {
  let t: SalesTestApp;
  let milk: string;
  const documents = async () => Number((await t.db.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('type', '=', 'sale').executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    milk = await t.product({ price: 10_640, taxRate: 900 });
    await t.stock.stockIn(t.ids.s01, milk, 100_000, 600_000);
  });
  afterAll(() => t.close());

  const milkSale = (payments: unknown[], extra: Record<string, unknown> = {}) => t.sell({ lines: [{ productId: milk, qty: 1000 }], payments, clientTotal: 10_640, ...extra });

  it('takes 50.00 by WeChat and 60.00 cash for 106.40: 3.60 change, each tender on its account', async () => {
    const res = await milkSale([
      { method: 'wechat', amount: 5000, authCode: CODES.wechat },
      { method: 'cash', amount: 6000 },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      due: 10_640,
      paid: 11_000,
      change: 360,
      payments: [
        { method: 'wechat', amount: 5000, providerRef: expect.stringMatching(/^SIM\d{10}$/) },
        { method: 'cash', amount: 6000 },
      ],
    });
    expect(res.json().payments[0]).not.toHaveProperty('authCode');
    const [revenue] = await journalOf(t, res.json().id);
    expect(revenue.filter((l) => l.debit)).toEqual([
      { account: '1012', debit: 5000, credit: 0 },
      { account: '1001', debit: 5640, credit: 0 },
    ]);
    const rows = await t.db.db.selectFrom('sale_payments').select(['payment_no', 'method', 'amount', 'account_code', 'provider_ref']).where('document_id', '=', res.json().id).orderBy('payment_no').execute();
    expect(rows.map((r) => [r.method, Number(r.amount), r.account_code, !!r.provider_ref])).toEqual([
      ['wechat', 5000, '1012', true],
      ['cash', 6000, '1001', false],
    ]);
  });

  it('routes each tender type: Alipay and UnionPay codes, card with reference, stored value, voucher', async () => {
    const res = await milkSale([
      { method: 'alipay', amount: 2000, authCode: CODES.alipay },
      { method: 'unionpay', amount: 2000, authCode: CODES.unionpay },
      { method: 'card', amount: 3000, reference: 'POS 004512' },
      { method: 'stored_value', amount: 2640, reference: 'SV-88001' },
      { method: 'voucher', amount: 1000, reference: 'VCH-2026-001' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const [revenue] = await journalOf(t, res.json().id);
    // One debit per tender method (Alipay and UnionPay both settle through 1012, kept apart).
    expect(revenue.filter((l) => l.debit)).toEqual([
      { account: '1012', debit: 2000, credit: 0 },
      { account: '1012', debit: 2000, credit: 0 },
      { account: '1002', debit: 3000, credit: 0 },
      { account: '2203', debit: 2640, credit: 0 },
      { account: '5601', debit: 1000, credit: 0 },
    ]);
    expect(res.json().payments[2]).toEqual({ method: 'card', amount: 3000, reference: 'POS 004512' });
  });

  it('refuses a payment code of another wallet, a card without reference and a card number as reference', async () => {
    const mismatch = await milkSale([{ method: 'wechat', amount: 10_640, authCode: CODES.alipay }]);
    expect(mismatch.json()).toMatchObject({ status: 400, code: 'payment_code_mismatch', errors: [{ field: 'payments.0.authCode' }] });
    const noCode = await milkSale([{ method: 'alipay', amount: 10_640 }]);
    expect(noCode.json()).toMatchObject({ status: 400, code: 'auth_code_required', errors: [{ field: 'payments.0.authCode' }] });
    const noRef = await milkSale([{ method: 'cash', amount: 640 }, { method: 'card', amount: 10_000 }]);
    expect(noRef.json()).toMatchObject({ status: 400, code: 'reference_required', errors: [{ field: 'payments.1.reference' }] });
    const pan = await milkSale([{ method: 'card', amount: 10_640, reference: '4111 1111 1111 1111' }]);
    expect(pan.json()).toMatchObject({ status: 400, code: 'reference_is_card_number', errors: [{ field: 'payments.0.reference' }] });
    expect(t.provider.charged.filter((c) => c.authCode === CODES.alipay && c.method === 'wechat')).toEqual([]);
  });

  it('records nothing when the wallet declines: 402 payment_declined', async () => {
    const before = [await documents(), await onHand(t, t.ids.s01, milk)];
    const res = await milkSale([{ method: 'wechat', amount: 10_640, authCode: CODES.wechatDeclined }]);
    expect(res.statusCode).toBe(402);
    expect(res.json()).toMatchObject({ code: 'payment_declined', detail: expect.stringContaining('NOTENOUGH'), errors: [{ field: 'payments.0' }] });
    expect([await documents(), await onHand(t, t.ids.s01, milk)]).toEqual(before);
  });

  it('waits while the customer confirms (USERPAYING), then records the sale', async () => {
    const res = await milkSale([{ method: 'wechat', amount: 10_640, authCode: CODES.wechatPending }]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().payments[0].providerRef).toMatch(/^SIM/);
  });

  it('reverses a charge that never gets an answer and records nothing: 402 payment_not_confirmed', async () => {
    const id = uuidv7();
    const before = await documents();
    const res = await milkSale([{ method: 'wechat', amount: 10_640, authCode: CODES.wechatTimeout }], { id });
    expect(res.statusCode).toBe(402);
    expect(res.json()).toMatchObject({ code: 'payment_not_confirmed', errors: [{ field: 'payments.0' }] });
    const paymentId = t.provider.charged.find((c) => c.paymentId.startsWith(id))!.paymentId;
    expect(await t.provider.query(paymentId)).toMatchObject({ status: 'declined', message: 'REVERSED' });
    expect(await documents()).toBe(before);
  });

  it('gives back the first wallet of a split tender when the second declines', async () => {
    const id = uuidv7();
    const res = await milkSale(
      [
        { method: 'wechat', amount: 5000, authCode: CODES.wechat },
        { method: 'alipay', amount: 5640, authCode: '281234567890120000' },
      ],
      { id },
    );
    expect(res.statusCode).toBe(402);
    expect(res.json().errors).toEqual([{ field: 'payments.1', message: expect.stringContaining('NOTENOUGH') }]);
    expect(t.provider.reversed.filter((p) => p.startsWith(id))).toHaveLength(1);
  });

  it('reverses the wallet charge when posting fails after it (the last unit went under the block policy)', async () => {
    const p = await t.product({ price: 700 });
    await t.call(t.tokens.owner, 'PUT', `/api/v1/stores/${t.ids.s01}/settings`, { oversell: 'block' });
    const id = uuidv7();
    const res = await t.sell({ id, lines: [{ productId: p, qty: 1000 }], payments: [{ method: 'wechat', amount: 700, authCode: CODES.wechat }], clientTotal: 700 });
    await t.call(t.tokens.owner, 'PUT', `/api/v1/stores/${t.ids.s01}/settings`, { oversell: 'allow' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'insufficient_stock', onHand: 0, requested: 1000, errors: [{ field: 'lines.0.qty' }] });
    const charge = t.provider.charged.find((c) => c.paymentId.startsWith(id))!;
    expect(t.provider.reversed).toContain(charge.paymentId);
    expect(await t.provider.query(charge.paymentId)).toMatchObject({ message: 'REVERSED' });
  });

  it('refuses a tender that does not settle: underpaid, or a card for more than is due', async () => {
    const under = await milkSale([{ method: 'cash', amount: 10_000 }]);
    expect(under.json()).toMatchObject({ status: 422, code: 'underpaid', due: 10_640, errors: [{ field: 'payments' }] });
    const over = await milkSale([{ method: 'card', amount: 10_641, reference: 'POS 1' }]);
    expect(over.json()).toMatchObject({ status: 422, code: 'noncash_overpaid', errors: [{ field: 'payments' }] });
  });

  it('leaves every invariant intact', async () => {
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
