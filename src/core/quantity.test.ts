import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { assertQty, formatQty, qtyFromDecimal } from './quantity';

describe('qtyFromDecimal', () => {
  it('reads 0.538 kg as 538 thousandths and 2 pieces as 2000', () => {
    expect(qtyFromDecimal('0.538')).toBe(538);
    expect(qtyFromDecimal('2')).toBe(2000);
    expect(qtyFromDecimal('1.5')).toBe(1500);
    expect(qtyFromDecimal('1.25')).toBe(1250);
  });

  it('is exact where a float would not be: 1.005 is 1005', () => {
    expect(1.005 * 1000).not.toBe(1005);
    expect(qtyFromDecimal('1.005')).toBe(1005);
  });

  it('reads a negative quantity and zero without a negative zero', () => {
    expect(qtyFromDecimal('-0.5')).toBe(-500);
    expect(Object.is(qtyFromDecimal('-0'), 0)).toBe(true);
  });

  it('accepts trailing zeros beyond the thousandth, refuses any other finer digit', () => {
    expect(qtyFromDecimal('0.5380')).toBe(538);
    expect(() => qtyFromDecimal('0.5385')).toThrow(RangeError);
  });

  it('refuses anything that is not a plain decimal', () => {
    for (const bad of ['', '.5', '1.', '1,5', '1e3', ' 1', '+1', '0x10', 'abc', '1.2.3']) {
      expect(() => qtyFromDecimal(bad), bad).toThrow(RangeError);
    }
  });

  it('refuses a quantity too large to stay exact', () => {
    expect(() => qtyFromDecimal('9007199254740.992')).toThrow(RangeError);
  });
});

describe('formatQty', () => {
  it('writes the shortest exact decimal', () => {
    expect(formatQty(538)).toBe('0.538');
    expect(formatQty(2000)).toBe('2');
    expect(formatQty(1500)).toBe('1.5');
    expect(formatQty(1050)).toBe('1.05');
    expect(formatQty(5)).toBe('0.005');
    expect(formatQty(0)).toBe('0');
    expect(formatQty(-500)).toBe('-0.5');
  });

  it('reads back what it writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), (qty) => {
        expect(qtyFromDecimal(formatQty(qty))).toBe(qty);
      }),
    );
  });
});

describe('assertQty', () => {
  it('refuses a fractional number of thousandths', () => {
    expect(() => assertQty(0.5)).toThrow('qty (thousandths) must be a safe integer');
  });
});
