import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countCash, reconcileCount, summarizeTakings, type TakingsInput } from './takings';

// A shift hand-checked to the fen: float 500.00; three sales (106.40 wechat 50 + cash 60 with
// 3.60 change; 25.00 paid 30.00 cash, 5.00 change; 10.00 by card), a cash return of 15.90, the
// card sale voided, paid-in 20.00 and paid-out 50.00.
const shift: TakingsInput = {
  openingFloat: 50_000,
  kinds: [
    { kind: 'sale', count: 3, due: 14_140, rounding: -1, tax: 1_333, change: 860, discount: 150 },
    { kind: 'return', count: 1, due: -1_590, rounding: 0, tax: -183, change: 0, discount: -50 },
    { kind: 'void', count: 1, due: -1_000, rounding: 0, tax: -115, change: 0, discount: -50 },
  ],
  methods: [
    { method: 'wechat', count: 1, received: 5_000, refunded: 0 },
    { method: 'card', count: 2, received: 1_000, refunded: 1_000 },
    { method: 'cash', count: 3, received: 9_000, refunded: 1_590 },
  ],
  paidIn: 2_000,
  paidOut: 5_000,
};

describe('summarizeTakings (X report)', () => {
  it('adds up a shift: sales, returns, voids, discounts, 抹零, tax, tickets and average ticket', () => {
    const s = summarizeTakings(shift);
    expect(s).toMatchObject({
      sales: { count: 3, total: 14_140 },
      returns: { count: 1, total: -1_590 },
      exchanges: { count: 0, total: 0 },
      voids: { count: 1, total: -1_000 },
      netSales: 11_550,
      discounts: 50,
      rounding: -1,
      tax: 1_035,
      tickets: 2,
      averageTicket: 5_775,
    });
  });

  it('expects float + cash received − change − refunds + paid-in − paid-out in the drawer', () => {
    const s = summarizeTakings(shift);
    expect(s.cash).toEqual({ openingFloat: 50_000, received: 9_000, change: 860, refunded: 1_590, paidIn: 2_000, paidOut: 5_000, expected: 53_550 });
    expect(s.payments).toEqual([
      { method: 'cash', count: 3, received: 9_000, refunded: 1_590, change: 860, net: 6_550 },
      { method: 'wechat', count: 1, received: 5_000, refunded: 0, change: 0, net: 5_000 },
      { method: 'card', count: 2, received: 1_000, refunded: 1_000, change: 0, net: 0 },
    ]);
  });

  it('reports an empty shift as its float', () => {
    const s = summarizeTakings({ openingFloat: 20_000, kinds: [], methods: [], paidIn: 0, paidOut: 0 });
    expect(s).toMatchObject({ netSales: 0, tickets: 0, averageTicket: 0, payments: [], cash: { expected: 20_000 } });
  });

  it('always takes in by method exactly what the documents were due (Σ method net = net sales)', () => {
    // Each document settles: Σ its tenders − its change = its due.
    const doc = fc.record({
      kind: fc.constantFrom('sale', 'return', 'void', 'exchange'),
      card: fc.integer({ min: -50_000, max: 50_000 }),
      cash: fc.integer({ min: -50_000, max: 50_000 }),
      change: fc.integer({ min: 0, max: 10_000 }),
    });
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 30 }), (docs) => {
        const kinds = docs.map((d) => ({ kind: d.kind, count: 1, due: d.card + d.cash - d.change, rounding: 0, tax: 0, change: d.change, discount: 0 }));
        const methods = docs.flatMap((d) =>
          (['card', 'cash'] as const).map((m) => ({ method: m, count: 1, received: Math.max(d[m], 0), refunded: Math.max(-d[m], 0) })),
        );
        const s = summarizeTakings({ openingFloat: 0, kinds, methods, paidIn: 0, paidOut: 0 });
        expect(s.payments.reduce((t, p) => t + p.net, 0)).toBe(s.netSales);
      }),
    );
  });
});

describe('countCash', () => {
  it('counts the drawer exactly by denomination, 5 角 and 1 角 coins included', () => {
    expect(countCash({ '100': 5, '20': 1, '10': 1, '5': 1, '0.5': 1 })).toBe(53_550);
    expect(countCash({ '0.1': 3, '0.5': 3, '1': 7 })).toBe(880);
    expect(countCash({})).toBe(0);
  });

  it('refuses unknown denominations and fractional or negative counts', () => {
    expect(() => countCash({ '2': 1 } as never)).toThrow(RangeError);
    expect(() => countCash({ '1': 1.5 })).toThrow(RangeError);
    expect(() => countCash({ '1': -1 })).toThrow(RangeError);
  });
});

describe('reconcileCount (交接班)', () => {
  it('gives over/short per method: cash always counted, uncounted methods taken as expected', () => {
    const s = summarizeTakings(shift);
    const counted = countCash({ '100': 5, '20': 1, '10': 1, '5': 1, '0.1': 4 });
    expect(reconcileCount(s, counted, { wechat: 5_000, alipay: 100 })).toEqual([
      { method: 'cash', expected: 53_550, counted: 53_540, difference: -10 },
      { method: 'wechat', expected: 5_000, counted: 5_000, difference: 0 },
      { method: 'alipay', expected: 0, counted: 100, difference: 100 },
      { method: 'card', expected: 0, counted: 0, difference: 0 },
    ]);
  });
});
