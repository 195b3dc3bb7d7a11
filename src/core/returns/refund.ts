import { assertSafeInteger } from '../safe-integer';
import { assertFen, mulDivRound } from '../money/round';
import { err, ok, type Result } from '../result';

export interface LineReturn {
  /** The sale line's net amount (what was paid for it, tax included). */
  readonly lineNet: number;
  /** The sale line's quantity, thousandths. */
  readonly lineQty: number;
  readonly alreadyReturnedQty: number;
  readonly returnQty: number;
}

export type RefundErrorCode = 'unknown_line' | 'non_positive_qty' | 'return_exceeds_sold';

/**
 * Refund for returning `returnQty` more of a sale line (§9 rule 8): the difference of the
 * cumulative prorations, round(N·(r+q)/Q) − round(N·r/Q). Refunding the cumulative figure
 * rather than each step on its own means returns one by one can never add up to more than the
 * line's net, and the last units refund exactly what is left.
 */
export function refundForReturn(r: LineReturn): Result<number, 'non_positive_qty' | 'return_exceeds_sold'> {
  assertFen(r.lineNet, 'lineNet');
  assertSafeInteger(r.lineQty, 'lineQty');
  assertSafeInteger(r.alreadyReturnedQty, 'alreadyReturnedQty');
  assertSafeInteger(r.returnQty, 'returnQty');
  if (r.lineQty <= 0) throw new RangeError(`lineQty must be positive, got ${r.lineQty}`);
  if (r.alreadyReturnedQty < 0 || r.alreadyReturnedQty > r.lineQty) {
    throw new RangeError(`alreadyReturnedQty ${r.alreadyReturnedQty} is outside 0–${r.lineQty}`);
  }
  if (r.returnQty <= 0) return err('non_positive_qty', 'returnQty', 'a return needs a positive quantity');
  const after = r.alreadyReturnedQty + r.returnQty;
  if (after > r.lineQty) {
    return err('return_exceeds_sold', 'returnQty', `only ${r.lineQty - r.alreadyReturnedQty} of ${r.lineQty} are left to return`);
  }
  return ok(prorationStep(r.lineNet, r.lineQty, r.alreadyReturnedQty, after));
}

function prorationStep(total: number, qty: number, before: number, after: number): number {
  return mulDivRound(total, after, qty) - mulDivRound(total, before, qty);
}

/** A priced sale as returns see it; `priceBasket`'s output fits. */
export interface ReturnableSale {
  readonly lines: readonly { readonly qty: number; readonly net: number; readonly tax: number }[];
  /** The sale's 抹零 line, signed. */
  readonly rounding: number;
}

export interface ReturnStep {
  /** 0-based index into the sale's lines. */
  readonly line: number;
  readonly qty: number;
}

export interface StepRefund {
  readonly line: number;
  readonly qty: number;
  /** Refund for the goods, tax included. */
  readonly amount: number;
  /** VAT reversed with it, prorated the same way from the line's tax. */
  readonly tax: number;
  /** The sale's rounding given back: non-zero only on the step that empties the receipt. */
  readonly rounding: number;
  /** amount + rounding: what the customer gets back. */
  readonly refund: number;
}

/**
 * Refunds for a sequence of return steps against one sale, in order. The step that returns the
 * last units of the receipt also gives back the sale's rounding (抹零), so a full return refunds
 * exactly what was paid. Returns spread over several documents are priced by replaying all of
 * the receipt's earlier steps followed by the new ones.
 */
export function refundReturnSteps(sale: ReturnableSale, steps: readonly ReturnStep[]): Result<StepRefund[], RefundErrorCode> {
  assertFen(sale.rounding, 'rounding');
  const returned = sale.lines.map(() => 0);
  const refunds: StepRefund[] = [];
  for (const [k, step] of steps.entries()) {
    const line = Number.isInteger(step.line) ? sale.lines[step.line] : undefined;
    if (!line) return err('unknown_line', `steps[${k}].line`, `the sale has no line ${String(step.line)}`);

    const before = returned[step.line];
    const amount = refundForReturn({ lineNet: line.net, lineQty: line.qty, alreadyReturnedQty: before, returnQty: step.qty });
    if (!amount.ok) return { ...amount, field: `steps[${k}].qty` };
    const tax = prorationStep(line.tax, line.qty, before, before + step.qty);

    returned[step.line] = before + step.qty;
    const emptied = sale.lines.every((l, i) => returned[i] === l.qty);
    const rounding = emptied ? sale.rounding : 0;
    refunds.push({ line: step.line, qty: step.qty, amount: amount.value, tax, rounding, refund: amount.value + rounding });
  }
  return ok(refunds);
}
