import { describe, it, expect } from 'vitest';
import { assertSafeInteger } from './safe-integer';

describe('assertSafeInteger', () => {
  it('accepts integers up to 2^53 - 1 in magnitude', () => {
    expect(() => assertSafeInteger(0, 'x')).not.toThrow();
    expect(() => assertSafeInteger(-Number.MAX_SAFE_INTEGER, 'x')).not.toThrow();
    expect(() => assertSafeInteger(Number.MAX_SAFE_INTEGER, 'x')).not.toThrow();
  });

  it('refuses fractions, 2^53, NaN and infinities with a RangeError naming the value', () => {
    for (const bad of [0.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => assertSafeInteger(bad, 'qty')).toThrow(RangeError);
    }
    expect(() => assertSafeInteger(1.5, 'qty')).toThrow('qty must be a safe integer, got 1.5');
  });
});
