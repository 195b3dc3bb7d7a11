// Step 4 of an online sale: charge the wallet payments (付款码) through the PaymentProvider, before
// anything is posted, so a sale is only recorded once its money is confirmed. Each payment's id
// is derived from the sale's client id, its position and the request's hash: a retried request is
// the same charge at the gateway (never a second debit), while a different request reusing the
// sale id gets a charge of its own that can be reversed without touching the first.
import { collectWalletPayment, type CollectOptions } from '../../payments/collect';
import type { PaymentProvider } from '../../payments/provider';
import { Problem } from '../../http/problem';
import type { SalePaymentInput } from '../../../contracts/sales';
import { isWallet } from './tender';

export interface PaymentsConfig {
  provider: PaymentProvider;
  collect?: CollectOptions;
}

export interface WalletCharges {
  /** Provider transaction number by payment index. */
  refs: Map<number, string>;
  /** Our payment ids of the charges that succeeded, to reverse if posting fails. */
  paymentIds: string[];
}

export function walletPaymentId(saleId: string, index: number, payloadHash: string): string {
  return `${saleId}.${index}.${payloadHash.slice(0, 12)}`;
}

export async function chargeWallets(
  config: PaymentsConfig,
  sale: { id: string; payloadHash: string; description: string },
  payments: readonly SalePaymentInput[],
): Promise<WalletCharges> {
  const charges: WalletCharges = { refs: new Map(), paymentIds: [] };
  for (const [i, p] of payments.entries()) {
    if (!isWallet(p.method)) continue;
    const paymentId = walletPaymentId(sale.id, i, sale.payloadHash);
    const outcome = await collectWalletPayment(
      config.provider,
      { paymentId, method: p.method, authCode: p.authCode!, amount: p.amount, description: sale.description },
      config.collect,
    );
    if (outcome.status === 'succeeded') {
      charges.refs.set(i, outcome.providerRef);
      charges.paymentIds.push(paymentId);
      continue;
    }
    // One wallet of a split tender failed: the others are given back, the sale is not recorded.
    await reverseCharges(config, charges.paymentIds);
    const code = outcome.status === 'declined' ? 'payment_declined' : 'payment_not_confirmed';
    throw new Problem(402, code, outcome.message, [{ field: `payments.${i}`, message: outcome.message }], { paymentIndex: i });
  }
  return charges;
}

/** Cancels charges of a sale that was not recorded; the provider makes a repeated reversal harmless. */
export async function reverseCharges(config: PaymentsConfig, paymentIds: readonly string[]): Promise<void> {
  for (const id of paymentIds) await config.provider.reverse(id);
}
