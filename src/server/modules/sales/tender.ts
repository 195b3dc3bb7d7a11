// Step 3 of a sale: the tender (收款). Cash, the wallets' payment codes (付款码), a bank card on an
// external terminal, stored value and vouchers, alone or split (组合支付). Shape is checked
// before any money moves; the amounts are settled against the due by the core's `settlePayments`.
import { looksLikeCardNumber } from '../../../core/payments/card-number';
import { classifyPaymentCode, type WalletMethod } from '../../../core/payments/payment-code';
import { settlePayments, type PaymentMethod } from '../../../core/pricing/settle-payments';
import type { SalePaymentInput } from '../../../contracts/sales';
import { badRequest, unprocessable } from '../../http/problem';
import { ACCOUNTS } from '../accounts/chart';

/**
 * The account each tender is debited to (小企业会计准则): wallet balances awaiting settlement are
 * 其他货币资金; a card settles into the bank; stored value spends the customer's advance (预收);
 * a voucher the shop issued is a promotional cost (销售费用).
 */
export const PAYMENT_ACCOUNTS: Record<PaymentMethod, string> = {
  cash: ACCOUNTS.cash,
  wechat: ACCOUNTS.wallets,
  alipay: ACCOUNTS.wallets,
  unionpay: ACCOUNTS.wallets,
  card: ACCOUNTS.bank,
  stored_value: ACCOUNTS.storedValue,
  voucher: ACCOUNTS.sellingExpenses,
};

export function isWallet(method: PaymentMethod): method is WalletMethod {
  return method === 'wechat' || method === 'alipay' || method === 'unionpay';
}

/**
 * Online a wallet payment is charged here, so it needs the customer's code, and the code must
 * belong to the wallet the cashier chose. Offline the till could not charge a code at all (that
 * needs the network), so a wallet payment is recorded with whatever reference the till has.
 */
export function checkTenders(payments: readonly SalePaymentInput[], offline: boolean): void {
  payments.forEach((p, i) => {
    const field = `payments.${i}`;
    if (isWallet(p.method)) {
      if (!offline) {
        if (p.authCode === undefined) throw badRequest('auth_code_required', 'Scan the customer’s payment code (付款码)', `${field}.authCode`);
        const wallet = classifyPaymentCode(p.authCode);
        if (wallet === null) throw badRequest('payment_code_unknown', 'Not a WeChat, Alipay or UnionPay payment code', `${field}.authCode`);
        if (wallet !== p.method) throw badRequest('payment_code_mismatch', `This payment code is ${wallet}, not ${p.method}`, `${field}.authCode`);
      }
    } else if (p.authCode !== undefined) {
      throw badRequest('auth_code_unexpected', `A ${p.method} payment has no payment code`, `${field}.authCode`);
    }
    if (p.method === 'card') {
      if (p.reference === undefined) throw badRequest('reference_required', 'Record the card terminal’s reference number (参考号)', `${field}.reference`);
    }
    // Card numbers are never stored (ARCHITECTURE §4), whatever field a cashier types them into.
    if (p.reference !== undefined && looksLikeCardNumber(p.reference)) {
      throw badRequest('reference_is_card_number', 'That is a card number; record the terminal reference instead', `${field}.reference`);
    }
  });
}

/** Change handed back (cash only); refusals name the payments. */
export function settle(due: number, payments: readonly SalePaymentInput[]): number {
  const r = settlePayments(due, payments);
  if (!r.ok) throw unprocessable(r.code, r.message, r.field.replace(/\[(\d+)\]/g, '.$1'), { due });
  return r.value.change;
}
