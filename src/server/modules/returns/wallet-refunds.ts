// Wallet refunds (退款) go through the PaymentProvider after the return is posted: the goods are
// back and the document stands whatever the gateway says (a wallet refund is asynchronous at the
// gateways anyway). The refund id is derived from the return's client id and the tender, so a
// retry of the same return asks the gateway again and can never refund twice.
import type { PaymentsConfig } from '../sales/wallet-charges';
import { isWallet } from '../sales/tender';
import type { TenderRefund } from './return-plan';

export interface WalletRefundStatus {
  tenderNo: number;
  method: string;
  amount: number;
  /** 'manual': an offline sale's wallet payment was never charged here; refund it in the wallet's merchant app. */
  status: 'succeeded' | 'failed' | 'manual';
  providerRef?: string;
}

export async function refundWallets(config: PaymentsConfig, returnClientId: string, refunds: readonly TenderRefund[]): Promise<WalletRefundStatus[]> {
  const out: WalletRefundStatus[] = [];
  for (const r of refunds) {
    if (!isWallet(r.method) || r.amount <= 0) continue;
    const base = { tenderNo: r.tenderNo, method: r.method, amount: r.amount };
    if (!r.providerPaymentId) {
      out.push({ ...base, status: 'manual' });
      continue;
    }
    const res = await config.provider.refund(r.providerPaymentId, `${returnClientId}.${r.tenderNo}`, r.amount);
    out.push({ ...base, status: res.status, ...(res.providerRef ? { providerRef: res.providerRef } : {}) });
  }
  return out;
}
