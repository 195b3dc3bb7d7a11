import { describe, expect, it } from 'vitest';
import { looksLikeCardNumber } from './card-number';

describe('looksLikeCardNumber', () => {
  it('recognises card numbers that pass the Luhn check, with or without spaces', () => {
    expect(looksLikeCardNumber('4111111111111111')).toBe(true);
    expect(looksLikeCardNumber('4111 1111 1111 1111')).toBe(true);
    expect(looksLikeCardNumber('6212261202011584340')).toBe(true);
  });

  it('leaves terminal references, short numbers and text alone', () => {
    expect(looksLikeCardNumber('000123456789')).toBe(false);
    expect(looksLikeCardNumber('4111111111111112')).toBe(false);
    expect(looksLikeCardNumber('6222020200112233445')).toBe(false);
    expect(looksLikeCardNumber('REF-2026-0001')).toBe(false);
  });
});
