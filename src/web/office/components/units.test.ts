import { describe, expect, it } from 'vitest';
import { bpOf, fenOf, thousandthsOf, unitsOf, yuanOf } from './units';

describe('form units ↔ API integers', () => {
  it('turns yuan with two decimals into exact fen, float noise removed', () => {
    expect(fenOf(2.05)).toBe(205); // 2.05 * 100 = 204.99999999999997
    expect(fenOf(19.99)).toBe(1999);
    expect(fenOf(0.1 + 0.2)).toBe(30);
    expect(fenOf(undefined)).toBe(0);
    expect(yuanOf(1999)).toBe(19.99);
    expect(yuanOf(null)).toBeUndefined();
  });

  it('turns quantities with three decimals into thousandths and back', () => {
    expect(thousandthsOf(1.005)).toBe(1005); // 1.005 * 1000 = 1004.9999999999999
    expect(thousandthsOf(0.538)).toBe(538);
    expect(thousandthsOf(24)).toBe(24_000);
    expect(unitsOf(24_000)).toBe(24);
    expect(unitsOf(undefined)).toBeUndefined();
  });

  it('turns a tax percentage into basis points', () => {
    expect(bpOf(13)).toBe(1300);
    expect(bpOf(0)).toBe(0);
  });
});
