import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { PAYMENT_METHODS, settlePayments, type Payment, type PaymentMethod } from './settle-payments';

describe('settlePayments', () => {
  it('gives 3.00 change on 10.00 cash for 7.00', () => {
    expect(settlePayments(700, [{ method: 'cash', amount: 1000 }])).toEqual({ ok: true, value: { change: 300 } });
  });

  it('accepts an exact WeChat payment with no change', () => {
    expect(settlePayments(7800, [{ method: 'wechat', amount: 7800 }])).toEqual({ ok: true, value: { change: 0 } });
  });

  it('takes WeChat for part and gives change on the cash for the rest', () => {
    // 106.40 due: 50.00 WeChat, 60.00 cash → 3.60 change
    const r = settlePayments(10640, [
      { method: 'wechat', amount: 5000 },
      { method: 'cash', amount: 6000 },
    ]);
    expect(r).toEqual({ ok: true, value: { change: 360 } });
  });

  it('gives change from cash taken before a card payment, whatever the order', () => {
    const r = settlePayments(10000, [
      { method: 'cash', amount: 8000 },
      { method: 'card', amount: 5000 },
    ]);
    expect(r).toEqual({ ok: true, value: { change: 3000 } });
  });

  it('refuses cash that does not cover the amount due', () => {
    const r = settlePayments(16420, [{ method: 'cash', amount: 16400 }]);
    expect(r).toMatchObject({ ok: false, code: 'underpaid', field: 'payments' });
  });

  it('refuses a bank card charged more than is due, even by one fen', () => {
    const r = settlePayments(7170, [{ method: 'card', amount: 7171 }]);
    expect(r).toMatchObject({ ok: false, code: 'noncash_overpaid', field: 'payments' });
  });

  it('refuses a voucher worth more than is due: vouchers give no change', () => {
    const r = settlePayments(4500, [{ method: 'voucher', amount: 5000 }]);
    expect(r).toMatchObject({ ok: false, code: 'noncash_overpaid' });
  });

  it('refuses an unknown method or a zero or negative payment, naming the payment', () => {
    expect(settlePayments(100, [{ method: 'bitcoin' as PaymentMethod, amount: 100 }]))
      .toMatchObject({ ok: false, code: 'invalid_payment', field: 'payments[0].method' });
    expect(settlePayments(100, [{ method: 'cash', amount: 100 }, { method: 'card', amount: 0 }]))
      .toMatchObject({ ok: false, code: 'invalid_payment', field: 'payments[1].amount' });
    expect(settlePayments(100, [{ method: 'cash', amount: -100 }]))
      .toMatchObject({ ok: false, code: 'invalid_payment', field: 'payments[0].amount' });
  });

  it('settles a zero amount due with no payments', () => {
    expect(settlePayments(0, [])).toEqual({ ok: true, value: { change: 0 } });
  });

  const payment = fc.record({
    method: fc.constantFrom(...PAYMENT_METHODS),
    amount: fc.integer({ min: 1, max: 100_000 }),
  });

  it('when it settles, payments minus change equal the amount due and change never exceeds cash', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300_000 }), fc.array(payment, { maxLength: 5 }), (due, payments: Payment[]) => {
        const r = settlePayments(due, payments);
        const total = payments.reduce((s, p) => s + p.amount, 0);
        const cash = payments.filter((p) => p.method === 'cash').reduce((s, p) => s + p.amount, 0);
        if (r.ok) {
          expect(total - r.value.change).toBe(due);
          expect(r.value.change).toBeGreaterThanOrEqual(0);
          expect(r.value.change).toBeLessThanOrEqual(cash);
        } else if (r.code === 'underpaid') {
          expect(total).toBeLessThan(due);
        } else {
          expect(r.code).toBe('noncash_overpaid');
          expect(total - cash).toBeGreaterThan(due);
        }
      }),
    );
  });
});
