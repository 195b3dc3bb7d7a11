// The boundary to WeChat Pay / Alipay / UnionPay (and later card terminals). Checkout talks only to
// this interface; production adapters implement it against the real gateways, tests and the demo
// use the simulator. Amounts are fen; ids are ours (the provider echoes them), so a retry of a
// charge with the same paymentId is the same charge.
export type ChargeStatus = 'succeeded' | 'declined' | 'pending' | 'timeout';

export interface ChargeRequest {
  paymentId: string;
  method: 'wechat' | 'alipay' | 'unionpay';
  /** The customer's 付款码 as scanned. */
  authCode: string;
  amount: number;
  description: string;
}

export interface ChargeResult {
  status: ChargeStatus;
  /** The provider's transaction number (for reconciliation), once known. */
  providerRef?: string;
  /** Why a charge was declined, in the provider's words. */
  message?: string;
}

export interface PaymentProvider {
  charge(req: ChargeRequest): Promise<ChargeResult>;
  /** Ask again about a charge that was pending or timed out. */
  query(paymentId: string): Promise<ChargeResult>;
  /** Cancel (撤销) a charge we could not confirm; safe to call whatever its state. */
  reverse(paymentId: string): Promise<{ reversed: boolean }>;
  /** Give back part or all of a succeeded charge; the same `refundId` again is the same refund, never a second one. */
  refund(paymentId: string, refundId: string, amount: number): Promise<{ status: 'succeeded' | 'failed'; providerRef?: string }>;
}
