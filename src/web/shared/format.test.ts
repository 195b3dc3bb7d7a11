import { describe, expect, it } from 'vitest';
import { formatMoney, formatQuantity, shortId } from './format';

describe('formatMoney', () => {
  it('shows fen as yuan with two decimals and the yuan sign', () => {
    expect(formatMoney(0)).toBe('¥0.00');
    expect(formatMoney(5)).toBe('¥0.05');
    expect(formatMoney(350)).toBe('¥3.50');
    expect(formatMoney(123456789)).toBe('¥1,234,567.89');
  });

  it('puts the minus sign before the currency sign', () => {
    expect(formatMoney(-1230)).toBe('-¥12.30');
    expect(formatMoney(-1)).toBe('-¥0.01');
  });

  it('can leave the sign out', () => {
    expect(formatMoney(99900, { symbol: false })).toBe('999.00');
  });

  it('stays exact at the largest safe integer', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER)).toBe('¥90,071,992,547,409.91');
  });
});

describe('formatQuantity', () => {
  it('shows thousandths of the unit without trailing zeros', () => {
    expect(formatQuantity(538)).toBe('0.538');
    expect(formatQuantity(1500)).toBe('1.5');
    expect(formatQuantity(2000)).toBe('2');
    expect(formatQuantity(1_234_005)).toBe('1,234.005');
    expect(formatQuantity(-250)).toBe('-0.25');
  });
});

describe('shortId', () => {
  it('shows the random tail of a UUIDv7, whose head is only its creation time', () => {
    expect(shortId('01a216c3-22f5-71aa-8220-299e370d2593')).toBe('…370d2593');
  });

  it('shows the head of other ids and hashes', () => {
    expect(shortId('c3b733b8d33495247699cf58')).toBe('c3b733b8…');
    expect(shortId('R01')).toBe('R01');
    expect(shortId(null)).toBe('—');
  });
});
