import { describe, it, expect } from 'vitest';
import { priceReturn } from './price-return';

describe('priceReturn', () => {
  // S16: pork 33.25 (1.236 kg, VAT 2.75), cabbage 8.56 (2.150 kg, 0%), two juices 25.80 (VAT 2.97);
  // 67.61 − 0.01 抹分 = 67.60 due.
  const sale = {
    lines: [
      { qty: 1236, net: 3325, tax: 275 },
      { qty: 2150, net: 856, tax: 0 },
      { qty: 2000, net: 2580, tax: 297 },
    ],
    rounding: -1,
  };

  it('prices a partial return from what is already back: one juice after half the pork', () => {
    // round(2580 × 1/2) = 12.90, VAT round(2.97 / 2) = 1.49; half the pork (16.63) was refunded before.
    expect(priceReturn(sale, [618, 0, 0], [{ line: 2, qty: 1000 }])).toEqual({
      lines: [{ line: 2, qty: 1000, amount: 1290, tax: 149 }],
      from: 1663,
      to: 2953,
      refund: 1290,
      rounding: 0,
    });
  });

  it('gives the 抹零 back with the return that empties the receipt: exactly 67.60 in all', () => {
    const r = priceReturn(sale, [618, 0, 1000], [{ line: 0, qty: 618 }, { line: 1, qty: 2150 }, { line: 2, qty: 1000 }]);
    // 33.25 − 16.63 + 8.56 + 12.90 = 38.08, less the 0.01 抹零: 38.07; 29.53 + 38.07 = 67.60.
    expect(r).toMatchObject({ from: 2953, to: 6760, refund: 3807, rounding: -1 });
    expect(r.lines.map((l) => l.amount)).toEqual([1662, 856, 1290]);
  });
});
