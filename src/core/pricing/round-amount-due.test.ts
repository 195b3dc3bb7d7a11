import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ROUNDING_MODES, roundAmountDue, type RoundingMode } from './round-amount-due';

describe('roundAmountDue', () => {
  it('leaves the amount alone in mode none', () => {
    expect(roundAmountDue(11504, 'none')).toEqual({ due: 11504, rounding: 0 });
  });

  it('drops the fen (抹分): 78.08 → 78.00', () => {
    expect(roundAmountDue(7808, 'drop_fen')).toEqual({ due: 7800, rounding: -8 });
  });

  it('drops the jiao and fen (抹角): 126.31 → 126.00', () => {
    expect(roundAmountDue(12631, 'drop_jiao')).toEqual({ due: 12600, rounding: -31 });
  });

  it('rounds to the nearest jiao, 5 fen going up: 15.88 → 15.90, 30.95 → 31.00, 106.41 → 106.40', () => {
    expect(roundAmountDue(1588, 'round_jiao')).toEqual({ due: 1590, rounding: 2 });
    expect(roundAmountDue(3095, 'round_jiao')).toEqual({ due: 3100, rounding: 5 });
    expect(roundAmountDue(10641, 'round_jiao')).toEqual({ due: 10640, rounding: -1 });
  });

  it('raises any fen to the next jiao (见分进角): 37.97 → 38.00, 38.00 stays', () => {
    expect(roundAmountDue(3797, 'ceil_jiao')).toEqual({ due: 3800, rounding: 3 });
    expect(roundAmountDue(3800, 'ceil_jiao')).toEqual({ due: 3800, rounding: 0 });
  });

  it('rounds a refund as the mirror of the sale', () => {
    expect(roundAmountDue(-7808, 'drop_fen')).toEqual({ due: -7800, rounding: 8 });
    expect(roundAmountDue(-3095, 'round_jiao')).toEqual({ due: -3100, rounding: -5 });
    expect(Object.is(roundAmountDue(-5, 'drop_fen').due, 0)).toBe(true);
  });

  it('throws on an unknown mode or a fractional amount', () => {
    expect(() => roundAmountDue(100, 'banker' as RoundingMode)).toThrow(RangeError);
    expect(() => roundAmountDue(100.5, 'none')).toThrow(RangeError);
  });

  it('moves any amount by less than one jiao (one yuan for drop_jiao), onto the grid of its mode', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.constantFrom(...ROUNDING_MODES), (d, mode) => {
        const { due, rounding } = roundAmountDue(d, mode);
        expect(due - d).toBe(rounding);
        const step = mode === 'none' ? 1 : mode === 'drop_jiao' ? 100 : 10;
        expect(due % step === 0).toBe(true);
        expect(Math.abs(rounding)).toBeLessThan(step);
        if (mode === 'drop_fen' || mode === 'drop_jiao') expect(Math.abs(due)).toBeLessThanOrEqual(Math.abs(d));
        if (mode === 'ceil_jiao') expect(Math.abs(due)).toBeGreaterThanOrEqual(Math.abs(d));
      }),
    );
  });
});
