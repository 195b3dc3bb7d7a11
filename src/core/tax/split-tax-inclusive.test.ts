import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { splitTaxInclusive } from './split-tax-inclusive';

describe('splitTaxInclusive', () => {
  it('takes 81 fen of 13% VAT out of 7.00', () => {
    // 700 / 1.13 = 619.47… → taxable 619, tax 81
    expect(splitTaxInclusive([{ net: 700, taxRate: 1300 }])).toEqual({
      byRate: [{ rate: 1300, gross: 700, taxable: 619, tax: 81 }],
      lineTax: [81],
    });
  });

  it('computes tax once per rate group and lists the highest rate first', () => {
    const split = splitTaxInclusive([
      { net: 6640, taxRate: 900 },
      { net: 3676, taxRate: 1300 },
      { net: 1188, taxRate: 1300 },
    ]);
    // 13%: 4864 / 1.13 = 4304.42… → 4304, tax 560; 9%: 6640 / 1.09 = 6091.74… → 6092, tax 548
    expect(split.byRate).toEqual([
      { rate: 1300, gross: 4864, taxable: 4304, tax: 560 },
      { rate: 900, gross: 6640, taxable: 6092, tax: 548 },
    ]);
    // 560 over 3676 : 1188 = 423.22… : 136.77… → the leftover fen goes to .77
    expect(split.lineTax).toEqual([548, 423, 137]);
  });

  it('keeps a zero-rated group with no tax', () => {
    expect(splitTaxInclusive([{ net: 528, taxRate: 0 }])).toEqual({
      byRate: [{ rate: 0, gross: 528, taxable: 528, tax: 0 }],
      lineTax: [0],
    });
  });

  it('splits a return document (negative nets) as the mirror of its sale', () => {
    expect(splitTaxInclusive([
      { net: -3676, taxRate: 1300 },
      { net: -1188, taxRate: 1300 },
    ])).toEqual({
      byRate: [{ rate: 1300, gross: -4864, taxable: -4304, tax: -560 }],
      lineTax: [-423, -137],
    });
  });

  it('refuses a rate group that mixes sale and return amounts', () => {
    expect(() => splitTaxInclusive([
      { net: 100, taxRate: 1300 },
      { net: -50, taxRate: 1300 },
    ])).toThrow(RangeError);
  });

  it('returns nothing for no lines', () => {
    expect(splitTaxInclusive([])).toEqual({ byRate: [], lineTax: [] });
  });

  const line = fc.record({
    net: fc.integer({ min: 0, max: 5_000_000 }),
    taxRate: fc.constantFrom(1300, 900, 600, 300, 0),
  });

  it('line taxes add up to the group taxes, and taxable + tax = gross in every group', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const { byRate, lineTax } = splitTaxInclusive(lines);
        for (const g of byRate) {
          expect(g.taxable + g.tax).toBe(g.gross);
          const members = lines.flatMap((l, i) => (l.taxRate === g.rate ? [i] : []));
          expect(members.reduce((sum, i) => sum + lineTax[i], 0)).toBe(g.tax);
          expect(members.reduce((sum, i) => sum + lines[i].net, 0)).toBe(g.gross);
        }
        const rates = byRate.map((g) => g.rate);
        expect(rates).toEqual([...new Set(lines.map((l) => l.taxRate))].sort((a, b) => b - a));
      }),
    );
  });

  it('taxes every group within half a fen of the exact VAT', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), (lines) => {
        for (const g of splitTaxInclusive(lines).byRate) {
          // |taxable − G·10000/(10000+r)| ≤ ½  ⇔  |2·taxable·(10000+r) − 2·G·10000| ≤ 10000+r
          const d = 10_000 + g.rate;
          expect(Math.abs(2 * g.taxable * d - 2 * g.gross * 10_000)).toBeLessThanOrEqual(d);
        }
      }),
    );
  });
});
