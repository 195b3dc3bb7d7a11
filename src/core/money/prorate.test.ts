import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { prorate } from './prorate';

describe('prorate', () => {
  it('gives the extra fen of 1.00 over three equal lines to the first line', () => {
    expect(prorate(100, [1299, 1299, 1299])).toEqual([34, 33, 33]);
  });

  it('splits a 6.06 order discount over 69.90, 38.70, 12.50 by largest remainder', () => {
    // exact shares 349.79…, 193.66…, 62.55…: floors 349 + 193 + 62 = 604, two fen left over
    // go to the remainders .79 and .66.
    expect(prorate(606, [6990, 3870, 1250])).toEqual([350, 194, 62]);
  });

  it('mirrors a negative total, ties still going to the earlier index', () => {
    expect(prorate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(prorate(-606, [6990, 3870, 1250])).toEqual([-350, -194, -62]);
  });

  it('splits evenly when every weight is zero', () => {
    expect(prorate(5, [0, 0])).toEqual([3, 2]);
    expect(prorate(0, [0, 0, 0])).toEqual([0, 0, 0]);
  });

  it('gives nothing to a zero weight next to a positive one', () => {
    expect(prorate(10, [0, 5, 0])).toEqual([0, 10, 0]);
  });

  it('returns no shares for nothing over no weights, and refuses something over no weights', () => {
    expect(prorate(0, [])).toEqual([]);
    expect(() => prorate(1, [])).toThrow(RangeError);
  });

  it('refuses negative or fractional weights and a fractional total', () => {
    expect(() => prorate(10, [1, -1])).toThrow(RangeError);
    expect(() => prorate(10, [1.5])).toThrow(RangeError);
    expect(() => prorate(0.5, [1])).toThrow(RangeError);
  });

  it('never returns negative zero', () => {
    expect(prorate(-1, [1, 1]).map((s) => Object.is(s, 0))).toEqual([false, true]);
  });

  const total = fc.integer({ min: -10_000_000, max: 10_000_000 });
  const weights = fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 30 });

  it('always adds up to the total exactly', () => {
    fc.assert(
      fc.property(total, weights, (t, w) => {
        expect(prorate(t, w).reduce((a, b) => a + b, 0)).toBe(t);
      }),
    );
  });

  it('keeps each share within one fen of its exact proportion, on the same side of zero', () => {
    fc.assert(
      fc.property(total, weights, (t, w) => {
        const sum = w.reduce((a, b) => a + b, 0);
        const effective = sum === 0 ? w.map(() => 1) : w;
        const divisor = BigInt(sum === 0 ? w.length : sum);
        prorate(t, w).forEach((share, i) => {
          // |share − t·w/W| < 1  ⇔  |share·W − t·w| < W
          const gap = BigInt(share) * divisor - BigInt(t) * BigInt(effective[i]);
          expect(gap < divisor && gap > -divisor).toBe(true);
          expect(share === 0 || Math.sign(share) === Math.sign(t)).toBe(true);
        });
      }),
    );
  });

  it('never gives a larger weight a smaller share', () => {
    fc.assert(
      fc.property(total, weights, (t, w) => {
        const shares = prorate(t, w).map(Math.abs);
        for (let i = 0; i < w.length; i++) {
          for (let j = 0; j < w.length; j++) {
            if (w[i] > w[j]) expect(shares[i]).toBeGreaterThanOrEqual(shares[j]);
          }
        }
      }),
    );
  });
});
