import { assertFen, formatFen } from '../money/round';
import { err, ok, type Result } from '../result';

export const PAYMENT_METHODS = ['cash', 'wechat', 'alipay', 'card', 'unionpay', 'stored_value', 'voucher'] as const;

export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface Payment {
  readonly method: PaymentMethod;
  /** Fen; for cash, what the customer handed over (tendered), change included. */
  readonly amount: number;
}

export interface Settlement {
  /** Cash handed back: Σ payments − due. */
  readonly change: number;
}

export type SettleErrorCode = 'invalid_payment' | 'noncash_overpaid' | 'underpaid';

/**
 * Checks a (possibly split, 组合支付) tender against the amount due (§9 rule 6). Only cash can be
 * given back, so non-cash payments together may not exceed what is due: a card, wallet, stored
 * value or voucher charged too much would leave a balance the till cannot return in coins.
 * Whatever cash exceeds the rest is change. The order in which payments were taken is irrelevant.
 */
export function settlePayments(due: number, payments: readonly Payment[]): Result<Settlement, SettleErrorCode> {
  assertFen(due, 'due');
  if (due < 0) throw new RangeError(`a sale's amount due cannot be negative, got ${due}`);

  let cash = 0;
  let nonCash = 0;
  for (const [i, payment] of payments.entries()) {
    if (!PAYMENT_METHODS.includes(payment.method)) {
      return err('invalid_payment', `payments[${i}].method`, `unknown payment method ${String(payment.method)}`);
    }
    if (!Number.isSafeInteger(payment.amount) || payment.amount <= 0) {
      return err('invalid_payment', `payments[${i}].amount`, 'a payment is a positive number of fen');
    }
    if (payment.method === 'cash') cash += payment.amount;
    else nonCash += payment.amount;
  }

  if (nonCash > due) {
    return err('noncash_overpaid', 'payments', `non-cash payments ${formatFen(nonCash)} exceed the amount due ${formatFen(due)}`);
  }
  const paid = cash + nonCash;
  if (paid < due) {
    return err('underpaid', 'payments', `paid ${formatFen(paid)} of ${formatFen(due)}, short by ${formatFen(due - paid)}`);
  }
  return ok({ change: paid - due });
}
