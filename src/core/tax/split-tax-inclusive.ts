import { assertSafeInteger } from '../safe-integer';
import { prorate } from '../money/prorate';
import { assertFen, mulDivRound } from '../money/round';

export interface TaxableLine {
  /** Net amount of the line in fen, tax included. */
  readonly net: number;
  /** VAT rate in basis points: 1300 = 13%. */
  readonly taxRate: number;
}

export interface RateGroupTax {
  readonly rate: number;
  /** Σ net of the group's lines, tax included. */
  readonly gross: number;
  readonly taxable: number;
  readonly tax: number;
}

export interface TaxSplit {
  /** One entry per rate present, highest rate first (the order of a VAT invoice summary). */
  readonly byRate: RateGroupTax[];
  /** Each line's share of its group's tax, in input order. */
  readonly lineTax: number[];
}

/**
 * Splits tax-inclusive amounts into taxable base and VAT (§9 rule 4). The tax is computed once
 * per rate group, not per line, because that is what the invoice states and Σ of per-line
 * rounding would drift from it; line shares (needed to reverse tax on returns) are the group
 * tax prorated by largest remainder over the group's nets, so they add up to it exactly.
 */
export function splitTaxInclusive(lines: readonly TaxableLine[]): TaxSplit {
  const groups = new Map<number, number[]>();
  lines.forEach((line, i) => {
    assertFen(line.net, `lines[${i}].net`);
    assertSafeInteger(line.taxRate, `lines[${i}].taxRate`);
    if (line.taxRate < 0) throw new RangeError(`lines[${i}].taxRate must not be negative`);
    const group = groups.get(line.taxRate);
    if (group) group.push(i);
    else groups.set(line.taxRate, [i]);
  });

  const lineTax = lines.map(() => 0);
  const byRate = [...groups.keys()]
    .sort((a, b) => b - a)
    .map((rate): RateGroupTax => {
      const members = groups.get(rate) ?? [];
      const nets = members.map((i) => lines[i].net);
      const gross = nets.reduce((sum, n) => sum + n, 0);
      assertFen(gross, `gross at rate ${rate}`);
      const taxable = mulDivRound(gross, 10_000, 10_000 + rate);
      const tax = gross - taxable;
      prorate(tax, shareWeights(nets, rate)).forEach((share, k) => {
        lineTax[members[k]] = share;
      });
      return { rate, gross, taxable, tax };
    });

  return { byRate, lineTax };
}

// A return document has all nets negative; it prorates like the sale it mirrors. A group mixing
// signs has no meaningful proportion, so callers must split sales and returns into documents.
function shareWeights(nets: readonly number[], rate: number): number[] {
  if (nets.every((n) => n >= 0)) return [...nets];
  if (nets.every((n) => n <= 0)) return nets.map((n) => -n);
  throw new RangeError(`lines at rate ${rate} mix positive and negative amounts`);
}
