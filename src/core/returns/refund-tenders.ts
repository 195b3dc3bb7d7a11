import { assertFen, mulDivRound } from '../money/round';

/** A sale line as receipts and returns see it: quantity (thousandths) and net amount (fen). */
export interface RefundableLine {
  readonly qty: number;
  readonly net: number;
}

/**
 * What a receipt has refunded once `returned[i]` of each line has gone back (§9 rule 8): each
 * line's cumulative proration round(N × r / Q), plus the sale's 抹零 line once every line is back,
 * and never more than the customer paid (after 抹零 gave fen away, the lines' nets add up to more
 * than the due; the step that would pass it refunds only what is left). Every return refunds the
 * difference of this figure before and after it, so the total depends only on how much of each
 * line is back, never on how the returns were split.
 */
export function refundedTotal(lines: readonly RefundableLine[], rounding: number, returned: readonly number[]): number {
  assertFen(rounding, 'rounding');
  let total = 0;
  let due = rounding;
  lines.forEach((l, i) => {
    if (returned[i] < 0 || returned[i] > l.qty) throw new RangeError(`returned ${returned[i]} of line ${i} is outside 0–${l.qty}`);
    total += mulDivRound(l.net, returned[i], l.qty);
    due += l.net;
  });
  return lines.every((l, i) => returned[i] === l.qty) ? due : Math.min(total, due);
}

/**
 * What each tender of a sale received: its amount, less the change for cash (taken from the last
 * cash tender first, which is what the drawer handed back).
 */
export function tenderNets(payments: readonly { method: string; amount: number }[], change: number): number[] {
  const nets = payments.map((p) => p.amount);
  let left = change;
  for (let i = nets.length - 1; i >= 0 && left > 0; i--) {
    if (payments[i].method !== 'cash') continue;
    const take = Math.min(nets[i], left);
    nets[i] -= take;
    left -= take;
  }
  if (left !== 0) throw new RangeError(`change ${change} exceeds the cash tendered`);
  return nets;
}

/**
 * Splits the receipt's cumulative refunds from `from` to `to` fen over the sale's tenders, filled
 * last tender first (the last tender, usually the cash that topped up a wallet or card payment,
 * is the first given back). The fill is cumulative, so returns spread over several documents can
 * never give a tender back more than it received, and a full return gives each tender back
 * exactly what it received.
 */
export function allocateRefund(nets: readonly number[], from: number, to: number): number[] {
  for (const n of nets) assertFen(n, 'tender');
  assertFen(from, 'from');
  assertFen(to, 'to');
  const received = nets.reduce((s, n) => s + n, 0);
  if (from < 0 || to < from || to > received) throw new RangeError(`refund ${from}–${to} is outside 0–${received}`);
  const filled = (total: number) => {
    const out = nets.map(() => 0);
    let left = total;
    for (let i = nets.length - 1; i >= 0 && left > 0; i--) {
      out[i] = Math.min(nets[i], left);
      left -= out[i];
    }
    return out;
  };
  const before = filled(from);
  return filled(to).map((v, i) => v - before[i]);
}
