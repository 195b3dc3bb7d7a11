import { describe, expect, it } from 'vitest';
import { containsPattern, prefixUpperBound } from './prefix-range';

describe('prefix ranges for index-friendly search', () => {
  it('bounds a prefix by incrementing its last code point', () => {
    expect(prefixUpperBound('kkkl')).toBe('kkkm');
    expect(prefixUpperBound('6901')).toBe('6902');
    expect(prefixUpperBound('可口')).toBe('可\u53e4');
  });

  it('keeps every string that starts with the prefix below the bound, in code point order', () => {
    const upper = prefixUpperBound('ab')!;
    for (const s of ['ab', 'abz', 'ab\u{10ffff}', 'ab红']) expect(s >= 'ab' && s < upper).toBe(true);
    for (const s of ['ac', 'aa', 'b']) expect(s >= 'ab' && s < upper).toBe(false);
  });

  it('steps over surrogates and drops a maximal last code point', () => {
    expect(prefixUpperBound('a\ud7ff')).toBe('a\ue000');
    expect(prefixUpperBound('a\u{10ffff}')).toBe('b');
    expect(prefixUpperBound('')).toBeNull();
  });

  it('escapes LIKE wildcards in a substring pattern', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
