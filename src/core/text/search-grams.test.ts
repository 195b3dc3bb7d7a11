import { describe, expect, it } from 'vitest';
import { searchGrams } from './search-grams';

describe('searchGrams', () => {
  it('lists the distinct 1- and 2-character pieces of each word of name, brand and spec, lowercased', () => {
    expect(searchGrams({ name: '纯牛奶 250ML' }).split(' ')).toEqual(['纯', '纯牛', '牛', '牛奶', '奶', '2', '25', '5', '50', '0', '0m', 'm', 'ml', 'l']);
    expect(searchGrams({ name: '牛奶', brand: '蒙牛', spec: '' }).split(' ').sort()).toEqual(['奶', '牛', '牛奶', '蒙', '蒙牛'].sort());
  });

  it('never joins two words: a piece spanning a space is not a piece', () => {
    expect(searchGrams({ name: '可乐 雪碧' }).split(' ')).not.toContain('乐雪');
  });

  it('is empty for an empty name', () => {
    expect(searchGrams({ name: ' ' })).toBe('');
  });
});
