import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { assertFen, formatFen, mulDivFloor, mulDivRound, negateFen } from './round';

// Independent oracle: round half away from zero as floor((2|n| + c) / 2c) on BigInt.
function referenceRound(a: number, b: number, c: number): number {
  const n = BigInt(a) * BigInt(b);
  const magnitude = (2n * (n < 0n ? -n : n) + BigInt(c)) / (2n * BigInt(c));
  return Number(n < 0n ? -magnitude : magnitude);
}

describe('mulDivRound', () => {
  it('prices 0.538 kg at 12.98/kg as 698 fen (698.324 rounds down)', () => {
    expect(mulDivRound(1298, 538, 1000)).toBe(698);
  });

  it('rounds exactly half a fen up: 0.550 kg at 19.90/kg is 1095 fen', () => {
    expect(mulDivRound(1990, 550, 1000)).toBe(1095);
  });

  it('rounds a negative half away from zero, mirroring the positive case', () => {
    expect(mulDivRound(-1990, 550, 1000)).toBe(-1095);
    expect(mulDivRound(1990, -550, 1000)).toBe(-1095);
    expect(mulDivRound(-1990, -550, 1000)).toBe(1095);
  });

  it('never returns negative zero', () => {
    expect(Object.is(mulDivRound(-1, 1, 1000), 0)).toBe(true);
    expect(Object.is(mulDivRound(0, -5, 7), 0)).toBe(true);
  });

  it('stays exact when the product passes 2^53 (BigInt path)', () => {
    // 9_007_199_254_740_991 × 3 / 4 = 6_755_399_441_055_743.25
    expect(mulDivRound(Number.MAX_SAFE_INTEGER, 3, 4)).toBe(6_755_399_441_055_743);
    expect(mulDivRound(2 ** 40 + 1, 2 ** 20, 2 ** 21)).toBe(2 ** 39 + 1); // .5 rounds up
  });

  it('throws a RangeError on fractions, a non-positive divisor or an unsafe result', () => {
    expect(() => mulDivRound(1.5, 2, 3)).toThrow(RangeError);
    expect(() => mulDivRound(1, 2, 0)).toThrow(RangeError);
    expect(() => mulDivRound(1, 2, -3)).toThrow(RangeError);
    expect(() => mulDivRound(Number.MAX_SAFE_INTEGER, 2, 1)).toThrow(RangeError);
  });

  it('agrees with a BigInt reference on any safe integers', () => {
    const int = fc.integer({ min: -(2 ** 31), max: 2 ** 31 });
    const big = fc.maxSafeInteger();
    fc.assert(
      fc.property(fc.oneof(int, big), int, fc.integer({ min: 1, max: 2 ** 31 }), (a, b, c) => {
        const expected = referenceRound(a, b, c);
        fc.pre(Number.isSafeInteger(expected));
        expect(mulDivRound(a, b, c)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('mulDivFloor', () => {
  it('floors toward minus infinity with a remainder in [0, c)', () => {
    expect(mulDivFloor(7, 1, 3)).toEqual({ quotient: 2, remainder: 1 });
    expect(mulDivFloor(-7, 1, 3)).toEqual({ quotient: -3, remainder: 2 });
    expect(mulDivFloor(Number.MAX_SAFE_INTEGER, 3, 7)).toEqual({
      quotient: Number((BigInt(Number.MAX_SAFE_INTEGER) * 3n) / 7n),
      remainder: Number((BigInt(Number.MAX_SAFE_INTEGER) * 3n) % 7n),
    });
  });
});

describe('assertFen', () => {
  it('names the field in its RangeError', () => {
    expect(() => assertFen(0.1, 'unitPrice')).toThrow('unitPrice (fen) must be a safe integer');
    expect(() => assertFen(-120)).not.toThrow();
  });
});

describe('negateFen', () => {
  it('negates without producing -0', () => {
    expect(negateFen(70)).toBe(-70);
    expect(negateFen(-70)).toBe(70);
    expect(Object.is(negateFen(0), 0)).toBe(true);
  });
});

describe('formatFen', () => {
  it('writes yuan with two decimals', () => {
    expect(formatFen(1234)).toBe('12.34');
    expect(formatFen(700)).toBe('7.00');
    expect(formatFen(0)).toBe('0.00');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(123456789)).toBe('1234567.89');
  });

  it('puts the sign before the yuan of a negative amount', () => {
    expect(formatFen(-5)).toBe('-0.05');
    expect(formatFen(-31)).toBe('-0.31');
    expect(formatFen(-12600)).toBe('-126.00');
  });
});
