// A provider that behaves like the real wallets, for tests and the demo. The customer's code
// decides the outcome by its last four digits, so a tester can produce every path on purpose:
//   …0000 declined (e.g. insufficient balance)   …1111 pending: the customer confirms with a
//   password; the charge succeeds on the 2nd query   …2222 timeout: the gateway never answers;
//   query keeps failing and only a reversal ends it   anything else: succeeds at once.
import type { ChargeRequest, ChargeResult, PaymentProvider } from './provider';

interface SimCharge {
  req: ChargeRequest;
  status: ChargeResult['status'] | 'reversed';
  queries: number;
  refunded: number;
  ref: string;
}

export class SimulatedPaymentProvider implements PaymentProvider {
  private charges = new Map<string, SimCharge>();
  /** Refunds by refund id: asking again with the same id answers the same, never refunds twice. */
  private refunds = new Map<string, { status: 'succeeded' | 'failed'; providerRef?: string }>();
  private seq = 0;

  async charge(req: ChargeRequest): Promise<ChargeResult> {
    const prior = this.charges.get(req.paymentId);
    if (prior) return this.result(prior);
    const tail = req.authCode.slice(-4);
    const status = tail === '0000' ? 'declined' : tail === '1111' ? 'pending' : tail === '2222' ? 'timeout' : 'succeeded';
    const charge: SimCharge = { req, status, queries: 0, refunded: 0, ref: `SIM${String(++this.seq).padStart(10, '0')}` };
    this.charges.set(req.paymentId, charge);
    return this.result(charge);
  }

  async query(paymentId: string): Promise<ChargeResult> {
    const c = this.charges.get(paymentId);
    if (!c) return { status: 'declined', message: 'ORDERNOTEXIST' };
    c.queries++;
    if (c.status === 'pending' && c.queries >= 2) c.status = 'succeeded';
    return this.result(c);
  }

  async reverse(paymentId: string): Promise<{ reversed: boolean }> {
    const c = this.charges.get(paymentId);
    if (!c) return { reversed: true };
    c.status = 'reversed';
    return { reversed: true };
  }

  async refund(paymentId: string, refundId: string, amount: number) {
    const prior = this.refunds.get(refundId);
    if (prior?.status === 'succeeded') return prior;
    const c = this.charges.get(paymentId);
    if (!c || c.status !== 'succeeded' || c.refunded + amount > c.req.amount) return { status: 'failed' as const };
    c.refunded += amount;
    const done = { status: 'succeeded' as const, providerRef: `${c.ref}-R${String(this.refunds.size + 1).padStart(4, '0')}` };
    this.refunds.set(refundId, done);
    return done;
  }

  private result(c: SimCharge): ChargeResult {
    switch (c.status) {
      case 'succeeded':
        return { status: 'succeeded', providerRef: c.ref };
      case 'declined':
        return { status: 'declined', message: 'NOTENOUGH: balance insufficient' };
      case 'reversed':
        return { status: 'declined', message: 'REVERSED' };
      case 'timeout':
        return { status: 'timeout' };
      default:
        return { status: 'pending', message: 'USERPAYING: waiting for the customer to confirm' };
    }
  }
}
