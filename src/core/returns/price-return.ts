import { refundReturnSteps, type ReturnableSale } from './refund';
import { refundedTotal } from './refund-tenders';

export interface ReturnClaim {
  /** 0-based index into the sale's lines. */
  readonly line: number;
  readonly qty: number;
}

export interface PricedReturn {
  /** Per claim, in claim order: the line's refund (tax included) and the VAT reversed with it. */
  readonly lines: readonly { readonly line: number; readonly qty: number; readonly amount: number; readonly tax: number }[];
  /** The receipt's cumulative refund before and after this return (what the tenders are given back). */
  readonly from: number;
  readonly to: number;
  /** to − from: what the customer gets back now. */
  readonly refund: number;
  /** refund − Σ line amounts: the part of the sale's 抹零 given back (signed; usually 0). */
  readonly rounding: number;
}

/**
 * Prices a return against a receipt of which `before[i]` of each line is back already: the lines
 * by §9 rule 8 (refundReturnSteps, replaying what is back as one earlier step per line), the
 * total by `refundedTotal`, so every document of the receipt adds up to the sale exactly.
 * Claims must fit what is left (the caller has claimed them); a claim that does not is a bug.
 */
export function priceReturn(sale: ReturnableSale, before: readonly number[], claims: readonly ReturnClaim[]): PricedReturn {
  const history = before.flatMap((qty, line) => (qty > 0 ? [{ line, qty }] : []));
  const steps = refundReturnSteps(sale, [...history, ...claims]);
  if (!steps.ok) throw new RangeError(`return does not fit the receipt: ${steps.message}`);
  const lines = steps.value.slice(history.length).map((s) => ({ line: s.line, qty: s.qty, amount: s.amount, tax: s.tax }));
  const after = [...before];
  for (const c of claims) after[c.line] += c.qty;
  const from = refundedTotal(sale.lines, sale.rounding, before);
  const to = refundedTotal(sale.lines, sale.rounding, after);
  const amounts = lines.reduce((s, l) => s + l.amount, 0);
  return { lines, from, to, refund: to - from, rounding: to - from - amounts };
}
