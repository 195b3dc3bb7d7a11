// Collecting a wallet payment the way the gateways require: charge; while the customer is still
// confirming (USERPAYING) query a few times; if we cannot get a definite answer, reverse the
// charge so the customer is never debited for a sale we did not record.
import type { ChargeRequest, PaymentProvider } from './provider';

export interface CollectOptions {
  /** Queries after a pending or timed-out charge before giving up and reversing. */
  maxQueries?: number;
  /** Wait between queries (ms); the gateways suggest a few seconds. */
  intervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export type CollectOutcome =
  | { status: 'succeeded'; providerRef: string }
  | { status: 'declined'; message: string }
  | { status: 'reversed'; message: string };

export async function collectWalletPayment(provider: PaymentProvider, req: ChargeRequest, opts: CollectOptions = {}): Promise<CollectOutcome> {
  const maxQueries = opts.maxQueries ?? 6;
  const sleep = opts.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  let result = await provider.charge(req);
  for (let i = 0; i < maxQueries && (result.status === 'pending' || result.status === 'timeout'); i++) {
    await sleep(opts.intervalMs ?? 3000);
    result = await provider.query(req.paymentId);
  }
  if (result.status === 'succeeded') return { status: 'succeeded', providerRef: result.providerRef ?? '' };
  if (result.status === 'declined') return { status: 'declined', message: result.message ?? 'declined' };
  await provider.reverse(req.paymentId);
  return { status: 'reversed', message: 'No answer from the payment provider; the charge was cancelled' };
}
