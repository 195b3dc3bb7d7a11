import { describe, expect, it } from 'vitest';
import { combinations, variantName, variantSku } from './combinations';

describe('variant combinations', () => {
  it('lists every combination, the last attribute varying fastest', () => {
    const combos = combinations({ size: ['S', 'M'], color: ['红', '蓝'] });
    expect(combos).toEqual([
      { size: 'S', color: '红' },
      { size: 'S', color: '蓝' },
      { size: 'M', color: '红' },
      { size: 'M', color: '蓝' },
    ]);
  });

  it('builds readable SKUs and names from the values in attribute order', () => {
    expect(variantSku('TSHIRT', { size: 'S', color: '红' })).toBe('TSHIRT-S-红');
    expect(variantSku('TSHIRT', { size: 'XL', color: 'Light Blue' })).toBe('TSHIRT-XL-Light_Blue');
    expect(variantName('T恤', { size: 'S', color: '红' })).toBe('T恤 S 红');
  });
});
