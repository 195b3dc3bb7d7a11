import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { negateFen } from '../money/round';
import { ROUNDING_MODES, type RoundingMode } from './round-amount-due';
import { priceBasket, type BasketInput, type BasketLine, type Discount } from './price-basket';

function line(unitPrice: number, qty: number, taxRate: number, lineDiscount: Discount | null = null): BasketLine {
  return { unitPrice, qty, taxRate, lineDiscount };
}

function priced(input: BasketInput) {
  const r = priceBasket(input);
  if (!r.ok) throw new Error(`expected a price, got ${r.code} at ${r.field}`);
  return r.value;
}

describe('priceBasket', () => {
  it('prices two cans at 3.50 as 7.00 including 0.81 of 13% VAT, and explains each step', () => {
    const basket = priced({ lines: [{ sku: 'DRK-COLA-330', ...line(350, 2000, 1300) }], orderDiscount: null, roundingMode: 'none' });
    expect(basket).toEqual({
      lines: [{ qty: 2000, taxRate: 1300, gross: 700, lineDiscount: 0, lineAmount: 700, orderDiscountShare: 0, adjustmentShare: 0, net: 700, tax: 81 }],
      taxByRate: [{ rate: 1300, gross: 700, taxable: 619, tax: 81 }],
      subtotal: 700,
      rounding: 0,
      due: 700,
      trace: [
        { step: 'line_gross', line: 0, unitPrice: 350, qty: 2000, amount: 700 },
        { step: 'subtotal', amount: 700 },
        { step: 'tax', rate: 1300, gross: 700, taxable: 619, tax: 81 },
        { step: 'due', amount: 700 },
      ],
    });
  });

  it('takes 10% off 7.00 as 0.70 and records it as a signed trace step', () => {
    const basket = priced({ lines: [line(350, 2000, 1300, { type: 'percent', bp: 1000 })], orderDiscount: null, roundingMode: 'none' });
    expect(basket.lines[0]).toMatchObject({ gross: 700, lineDiscount: 70, lineAmount: 630, net: 630 });
    expect(basket.trace).toContainEqual({ step: 'line_discount', line: 0, discount: { type: 'percent', bp: 1000 }, base: 700, amount: -70 });
  });

  it('prices 0.538 kg of apples at 12.98/kg as 6.98', () => {
    expect(priced({ lines: [line(1298, 538, 900)], orderDiscount: null, roundingMode: 'none' }).lines[0].gross).toBe(698);
  });

  it('rounds a 10% line discount of half a fen up: 10% off 32.95 is 3.30', () => {
    expect(priced({ lines: [line(3295, 1000, 1300, { type: 'percent', bp: 1000 })], orderDiscount: null, roundingMode: 'none' }).lines[0].lineDiscount).toBe(330);
  });

  it('prorates a 5% order discount (6.06 of 121.10) over the line amounts by largest remainder', () => {
    const basket = priced({
      lines: [line(6990, 1000, 900), line(1290, 3000, 1300), line(1250, 1000, 1300)],
      orderDiscount: { type: 'percent', bp: 500 },
      roundingMode: 'none',
    });
    expect(basket.lines.map((l) => l.orderDiscountShare)).toEqual([350, 194, 62]);
    expect(basket.lines.map((l) => l.net)).toEqual([6640, 3676, 1188]);
    expect(basket.trace).toContainEqual({ step: 'order_discount', discount: { type: 'percent', bp: 500 }, base: 12110, amount: -606 });
  });

  it('applies the order discount to what is left after line discounts', () => {
    const basket = priced({
      lines: [line(1000, 1000, 1300, { type: 'amount', fen: 200 }), line(1000, 1000, 1300)],
      orderDiscount: { type: 'percent', bp: 1000 },
      roundingMode: 'none',
    });
    // line amounts 800 + 1000, 10% = 180 split 80 : 100
    expect(basket.lines.map((l) => l.orderDiscountShare)).toEqual([80, 100]);
    expect(basket.subtotal).toBe(1620);
  });

  it('applies promotion adjustments after the order discount, each prorated over what is left', () => {
    const basket = priced({
      lines: [line(6000, 1000, 1300), line(4000, 1000, 900)],
      orderDiscount: { type: 'amount', fen: 1000 },
      adjustments: [
        { source: 'promo:full-reduction-80-8', discount: { type: 'amount', fen: 800 } },
        { source: 'promo:member-5pct', discount: { type: 'percent', bp: 500 } },
      ],
      roundingMode: 'none',
    });
    // 100.00 − 10.00 (600 : 400) = 90.00 → 54.00 + 36.00; − 8.00 (480 : 320) = 82.00;
    // 5% of 82.00 = 4.10 (246 : 164) → 46.74 + 31.16 = 77.90
    expect(basket.lines.map((l) => [l.orderDiscountShare, l.adjustmentShare, l.net])).toEqual([
      [600, 726, 4674],
      [400, 484, 3116],
    ]);
    expect(basket.subtotal).toBe(7790);
    expect(basket.trace.filter((s) => s.step === 'adjustment')).toEqual([
      { step: 'adjustment', source: 'promo:full-reduction-80-8', discount: { type: 'amount', fen: 800 }, base: 9000, amount: -800 },
      { step: 'adjustment', source: 'promo:member-5pct', discount: { type: 'percent', bp: 500 }, base: 8200, amount: -410 },
    ]);
  });

  it('computes tax after every discount and rounds the amount due after tax', () => {
    const basket = priced({ lines: [line(1588, 1000, 1300)], orderDiscount: null, roundingMode: 'round_jiao' });
    expect(basket.taxByRate).toEqual([{ rate: 1300, gross: 1588, taxable: 1405, tax: 183 }]);
    expect([basket.subtotal, basket.rounding, basket.due]).toEqual([1588, 2, 1590]);
    expect(basket.trace.slice(-3)).toEqual([
      { step: 'tax', rate: 1300, gross: 1588, taxable: 1405, tax: 183 },
      { step: 'rounding', mode: 'round_jiao', amount: 2 },
      { step: 'due', amount: 1590 },
    ]);
  });

  it('lets a line be given away entirely (100% off)', () => {
    const basket = priced({ lines: [line(500, 1000, 1300, { type: 'percent', bp: 10_000 }), line(700, 1000, 1300)], orderDiscount: null, roundingMode: 'none' });
    expect(basket.lines.map((l) => [l.net, l.tax])).toEqual([[0, 0], [700, 81]]);
  });

  it('prices an empty basket at zero', () => {
    expect(priced({ lines: [], orderDiscount: null, roundingMode: 'drop_jiao' })).toMatchObject({ lines: [], taxByRate: [], subtotal: 0, rounding: 0, due: 0 });
  });

  describe('refuses, naming the field', () => {
    const cases: [string, BasketInput, string, string][] = [
      ['an amount discount larger than the line', { lines: [line(300, 1000, 1300, { type: 'amount', fen: 500 })], orderDiscount: null, roundingMode: 'none' }, 'discount_exceeds_amount', 'lines[0].lineDiscount.fen'],
      ['an order discount larger than the basket', { lines: [line(300, 1000, 1300, { type: 'amount', fen: 100 })], orderDiscount: { type: 'amount', fen: 201 }, roundingMode: 'none' }, 'discount_exceeds_amount', 'orderDiscount.fen'],
      ['a promotion larger than what is left', { lines: [line(300, 1000, 1300)], orderDiscount: { type: 'amount', fen: 100 }, adjustments: [{ source: 'p', discount: { type: 'amount', fen: 201 } }], roundingMode: 'none' }, 'discount_exceeds_amount', 'adjustments[0].discount.fen'],
      ['a percent discount above 100%', { lines: [line(300, 1000, 1300, { type: 'percent', bp: 10_001 })], orderDiscount: null, roundingMode: 'none' }, 'invalid_discount', 'lines[0].lineDiscount.bp'],
      ['a negative amount discount', { lines: [line(300, 1000, 1300)], orderDiscount: { type: 'amount', fen: -1 }, roundingMode: 'none' }, 'invalid_discount', 'orderDiscount.fen'],
      ['a negative quantity on a sale', { lines: [line(300, 1000, 1300), line(300, -1000, 1300)], orderDiscount: null, roundingMode: 'none' }, 'non_positive_qty', 'lines[1].qty'],
      ['a zero quantity', { lines: [line(300, 0, 1300)], orderDiscount: null, roundingMode: 'none' }, 'non_positive_qty', 'lines[0].qty'],
      ['a negative unit price', { lines: [line(-300, 1000, 1300)], orderDiscount: null, roundingMode: 'none' }, 'negative_unit_price', 'lines[0].unitPrice'],
      ['a fractional unit price', { lines: [line(3.5, 1000, 1300)], orderDiscount: null, roundingMode: 'none' }, 'invalid_number', 'lines[0].unitPrice'],
      ['a negative tax rate', { lines: [line(300, 1000, -1)], orderDiscount: null, roundingMode: 'none' }, 'invalid_tax_rate', 'lines[0].taxRate'],
      ['an unknown rounding mode', { lines: [line(300, 1000, 1300)], orderDiscount: null, roundingMode: 'bankers' as RoundingMode }, 'invalid_rounding_mode', 'roundingMode'],
    ];
    it.each(cases)('%s', (_name, input, code, field) => {
      expect(priceBasket(input)).toMatchObject({ ok: false, code, field });
    });
  });

  const discount = (maxFen: number): fc.Arbitrary<Discount | null> =>
    fc.oneof(
      fc.constant(null),
      fc.record({ type: fc.constant('percent' as const), bp: fc.integer({ min: 0, max: 10_000 }) }),
      fc.record({ type: fc.constant('amount' as const), fen: fc.integer({ min: 0, max: maxFen }) }),
    );
  const basketLine = fc
    .record({ unitPrice: fc.integer({ min: 0, max: 200_000 }), qty: fc.integer({ min: 1, max: 50_000 }), taxRate: fc.constantFrom(1300, 900, 600, 0) })
    .chain((l) => discount(Math.floor((l.unitPrice * l.qty) / 1000)).map((d): BasketLine => ({ ...l, lineDiscount: d })));
  const basket = fc.record({
    lines: fc.array(basketLine, { maxLength: 12 }),
    orderDiscount: discount(5_000),
    adjustments: fc.array(fc.record({ source: fc.constant('promo'), discount: discount(2_000).filter((d) => d !== null) }), { maxLength: 2 }),
    roundingMode: fc.constantFrom(...ROUNDING_MODES),
  });

  it('keeps its sums: Σ net = subtotal, due − subtotal = rounding within a yuan, taxes add up', () => {
    fc.assert(
      fc.property(basket, (input) => {
        const r = priceBasket(input);
        // Random amount discounts may exceed a small basket; that is the only refusal possible here.
        if (!r.ok) {
          expect(r.code).toBe('discount_exceeds_amount');
          return;
        }
        const b = r.value;
        const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
        expect(sum(b.lines.map((l) => l.net))).toBe(b.subtotal);
        expect(b.due - b.subtotal).toBe(b.rounding);
        expect(Math.abs(b.rounding)).toBeLessThan(100);
        expect(sum(b.lines.map((l) => l.tax))).toBe(sum(b.taxByRate.map((g) => g.tax)));
        expect(sum(b.taxByRate.map((g) => g.gross))).toBe(b.subtotal);
        for (const g of b.taxByRate) expect(g.taxable + g.tax).toBe(g.gross);
        for (const l of b.lines) {
          expect(l.gross - l.lineDiscount).toBe(l.lineAmount);
          expect(l.lineAmount - l.orderDiscountShare - l.adjustmentShare).toBe(l.net);
          expect(l.net).toBeGreaterThanOrEqual(0);
          expect(l.tax).toBeGreaterThanOrEqual(0);
          expect(l.tax).toBeLessThanOrEqual(l.net);
        }
        const orderDiscount = b.trace.find((s) => s.step === 'order_discount');
        expect(sum(b.lines.map((l) => l.orderDiscountShare))).toBe(orderDiscount ? negateFen(orderDiscount.amount) : 0);
      }),
      { numRuns: 500 },
    );
  });
});
