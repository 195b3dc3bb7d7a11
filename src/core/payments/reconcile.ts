// Reconciliation (对账) of a provider's settlement rows against our recorded wallet payments: each
// of their rows finds our payment by the provider's transaction (or refund) number, else by the
// merchant order number our till recorded as the reference; what is left over on either side,
// and matched pairs whose amounts differ, are what a bookkeeper has to chase.

export interface TheirRow {
  /** Line in the settlement file (1 = first line), for messages. */
  rowNo: number;
  kind: 'payment' | 'refund';
  /** ISO 8601 with the providers' China time offset. */
  occurredAt: string;
  /** The bill's date (China time). */
  businessDate: string;
  /** The provider's transaction number (微信支付单号 / 支付宝交易号). */
  providerRef: string;
  merchantOrderNo: string;
  /** The provider's refund number, on refund rows. */
  refundRef: string;
  /** Fen; a refund is negative. */
  amount: number;
  /** Fen the provider kept; a refund gives fee back (negative). */
  fee: number;
}

export interface OurPayment {
  documentId: string;
  number: string;
  storeId: string;
  businessDate: string;
  paymentNo: number;
  method: string;
  /** Fen, refunds negative. */
  amount: number;
  providerRef: string | null;
  reference: string | null;
}

export interface MatchedPair {
  theirs: TheirRow;
  ours: OurPayment;
  /** theirs − ours; 0 when matched exactly. */
  difference: number;
}

export interface Reconciliation {
  matched: MatchedPair[];
  mismatched: MatchedPair[];
  theirsOnly: TheirRow[];
  oursOnly: OurPayment[];
  totals: { theirAmount: number; ourAmount: number; fee: number; matchedAmount: number };
}

/**
 * `ours` may reach a day past the period on each side (a payment at 23:59 can settle the next
 * day); only those inside `period` count as ours-only when nothing matches them.
 */
export function reconcile(theirs: readonly TheirRow[], ours: readonly OurPayment[], period: { from: string; to: string }): Reconciliation {
  const byRef = new Map<string, OurPayment[]>();
  const add = (key: string | null, p: OurPayment) => {
    if (!key) return;
    const list = byRef.get(key);
    if (list) list.push(p);
    else byRef.set(key, [p]);
  };
  for (const p of ours) {
    add(p.providerRef, p);
    if (p.reference !== p.providerRef) add(p.reference, p);
  }
  const used = new Set<OurPayment>();
  const take = (key: string, refund: boolean) => {
    // A refund only matches a negative payment, a payment a positive one (the same number can be both).
    const found = (byRef.get(key) ?? []).find((p) => !used.has(p) && p.amount < 0 === refund);
    if (found) used.add(found);
    return found;
  };

  const out: Reconciliation = { matched: [], mismatched: [], theirsOnly: [], oursOnly: [], totals: { theirAmount: 0, ourAmount: 0, fee: 0, matchedAmount: 0 } };
  for (const t of theirs) {
    out.totals.theirAmount += t.amount;
    out.totals.fee += t.fee;
    const refund = t.kind === 'refund';
    const keys = refund ? [t.refundRef, t.providerRef, t.merchantOrderNo] : [t.providerRef, t.merchantOrderNo];
    let ours: OurPayment | undefined;
    for (const k of keys) if (!ours && k) ours = take(k, refund);
    if (!ours) {
      out.theirsOnly.push(t);
      continue;
    }
    const pair = { theirs: t, ours, difference: t.amount - ours.amount };
    if (pair.difference === 0) {
      out.matched.push(pair);
      out.totals.matchedAmount += t.amount;
    } else out.mismatched.push(pair);
  }
  for (const p of ours) {
    const inPeriod = p.businessDate >= period.from && p.businessDate <= period.to;
    if (inPeriod || used.has(p)) out.totals.ourAmount += p.amount;
    if (inPeriod && !used.has(p)) out.oursOnly.push(p);
  }
  return out;
}
