import { describe, expect, it } from 'vitest';
import { reconcile, type OurPayment, type TheirRow } from './reconcile';

const their = (over: Partial<TheirRow>): TheirRow => ({ rowNo: 2, kind: 'payment', occurredAt: '2026-11-18T10:00:00+08:00', businessDate: '2026-11-18', providerRef: '', merchantOrderNo: '', refundRef: '', amount: 0, fee: 0, ...over });
const our = (over: Partial<OurPayment>): OurPayment => ({ documentId: 'd', number: 'N', storeId: 's', businessDate: '2026-11-18', paymentNo: 1, method: 'wechat', amount: 0, providerRef: null, reference: null, ...over });
const period = { from: '2026-11-18', to: '2026-11-18' };

describe('reconcile', () => {
  it('matches by transaction number, refunds by refund number, and reports both sides’ leftovers', () => {
    const sale = our({ documentId: 'a', amount: 2260, providerRef: 'T1' });
    const refund = our({ documentId: 'b', amount: -1130, providerRef: 'T1-R1' });
    const short = our({ documentId: 'c', amount: 500, providerRef: 'T2' });
    const missing = our({ documentId: 'd', amount: 700, providerRef: 'T3' });
    const nextDay = our({ documentId: 'e', amount: 900, providerRef: 'T4', businessDate: '2026-11-19' });
    const r = reconcile(
      [
        their({ rowNo: 2, providerRef: 'T1', amount: 2260, fee: 14 }),
        their({ rowNo: 3, kind: 'refund', providerRef: 'T1', refundRef: 'T1-R1', amount: -1130, fee: -7 }),
        their({ rowNo: 4, providerRef: 'T2', amount: 600, fee: 4 }),
        their({ rowNo: 5, providerRef: 'X9', amount: 100, fee: 1 }),
      ],
      [sale, refund, short, missing, nextDay],
      period,
    );
    expect(r.matched.map((m) => m.ours.documentId)).toEqual(['a', 'b']);
    expect(r.mismatched).toEqual([expect.objectContaining({ ours: short, difference: 100 })]);
    expect(r.theirsOnly.map((t) => t.rowNo)).toEqual([5]);
    // The next day's payment is outside the period: not ours-only, not in our total.
    expect(r.oursOnly).toEqual([missing]);
    expect(r.totals).toEqual({ theirAmount: 1830, ourAmount: 2330, fee: 12, matchedAmount: 1130 });
  });

  it('falls back to the merchant order number recorded as the reference, and uses a payment once', () => {
    const offline = our({ documentId: 'a', amount: 300, reference: 'M-1' });
    const r = reconcile([their({ providerRef: 'T1', merchantOrderNo: 'M-1', amount: 300 }), their({ rowNo: 3, providerRef: 'T1', merchantOrderNo: 'M-1', amount: 300 })], [offline], period);
    expect(r.matched).toHaveLength(1);
    expect(r.theirsOnly.map((t) => t.rowNo)).toEqual([3]);
  });
});
