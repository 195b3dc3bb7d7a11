import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { refundForReturn, refundReturnSteps, type ReturnableSale } from './refund';

describe('refundForReturn', () => {
  it('refunds one of three yogurts that cost 19.30 together as 6.43', () => {
    // round(1930 × 1/3) = round(643.33…) = 643
    expect(refundForReturn({ lineNet: 1930, lineQty: 3000, alreadyReturnedQty: 0, returnQty: 1000 }))
      .toEqual({ ok: true, value: 643 });
  });

  it('refunds the second yogurt as 6.44, the difference of the cumulative prorations', () => {
    // round(1930 × 2/3) − round(1930 × 1/3) = 1287 − 643
    expect(refundForReturn({ lineNet: 1930, lineQty: 3000, alreadyReturnedQty: 1000, returnQty: 1000 }))
      .toEqual({ ok: true, value: 644 });
  });

  it('refunds exactly what is left for the last units', () => {
    expect(refundForReturn({ lineNet: 1930, lineQty: 3000, alreadyReturnedQty: 2000, returnQty: 1000 }))
      .toEqual({ ok: true, value: 643 });
  });

  it('refunds half of 1.236 kg of pork at 33.25 as 16.63, half a fen rounding up', () => {
    expect(refundForReturn({ lineNet: 3325, lineQty: 1236, alreadyReturnedQty: 0, returnQty: 618 }))
      .toEqual({ ok: true, value: 1663 });
  });

  it('refuses to take back more than is left on the line', () => {
    expect(refundForReturn({ lineNet: 1930, lineQty: 3000, alreadyReturnedQty: 2000, returnQty: 1001 }))
      .toMatchObject({ ok: false, code: 'return_exceeds_sold', field: 'returnQty' });
  });

  it('refuses a zero or negative return quantity', () => {
    expect(refundForReturn({ lineNet: 1930, lineQty: 3000, alreadyReturnedQty: 0, returnQty: 0 }))
      .toMatchObject({ ok: false, code: 'non_positive_qty' });
    expect(refundForReturn({ lineNet: 1930, lineQty: 3000, alreadyReturnedQty: 0, returnQty: -1000 }))
      .toMatchObject({ ok: false, code: 'non_positive_qty' });
  });

  it('throws on inconsistent history: more already returned than sold', () => {
    expect(() => refundForReturn({ lineNet: 1930, lineQty: 3000, alreadyReturnedQty: 4000, returnQty: 1 })).toThrow(RangeError);
  });
});

describe('refundReturnSteps', () => {
  // S16: pork 33.25 (1.236 kg), cabbage 8.56 (2.150 kg), two juices 25.80; 67.61 − 0.01 抹分 = 67.60.
  const sale: ReturnableSale = {
    lines: [
      { qty: 1236, net: 3325, tax: 275 },
      { qty: 2150, net: 856, tax: 0 },
      { qty: 2000, net: 2580, tax: 297 },
    ],
    rounding: -1,
  };

  it('gives back the sale rounding on the step that empties the receipt, and only there', () => {
    const r = refundReturnSteps(sale, [
      { line: 2, qty: 1000 },
      { line: 0, qty: 618 },
      { line: 1, qty: 2150 },
      { line: 0, qty: 618 },
      { line: 2, qty: 1000 },
    ]);
    expect(r).toEqual({
      ok: true,
      value: [
        { line: 2, qty: 1000, amount: 1290, tax: 149, rounding: 0, refund: 1290 },
        { line: 0, qty: 618, amount: 1663, tax: 138, rounding: 0, refund: 1663 },
        { line: 1, qty: 2150, amount: 856, tax: 0, rounding: 0, refund: 856 },
        { line: 0, qty: 618, amount: 1662, tax: 137, rounding: 0, refund: 1662 },
        { line: 2, qty: 1000, amount: 1290, tax: 148, rounding: -1, refund: 1289 },
      ],
    });
  });

  it('names the step that returns more than was sold', () => {
    expect(refundReturnSteps(sale, [{ line: 1, qty: 2000 }, { line: 1, qty: 200 }]))
      .toMatchObject({ ok: false, code: 'return_exceeds_sold', field: 'steps[1].qty' });
  });

  it('refuses a line the sale does not have', () => {
    expect(refundReturnSteps(sale, [{ line: 3, qty: 1 }])).toMatchObject({ ok: false, code: 'unknown_line', field: 'steps[0].line' });
    expect(refundReturnSteps(sale, [{ line: -1, qty: 1 }])).toMatchObject({ ok: false, code: 'unknown_line' });
    expect(refundReturnSteps(sale, [{ line: 0.5, qty: 1 }])).toMatchObject({ ok: false, code: 'unknown_line' });
  });

  // A random sale and a random order of returning it completely, in random pieces.
  const saleAndReturns = fc
    .array(
      fc.record({
        qty: fc.integer({ min: 1, max: 20_000 }),
        net: fc.integer({ min: 0, max: 1_000_000 }),
        taxBp: fc.integer({ min: 0, max: 1300 }),
        cuts: fc.array(fc.integer({ min: 1, max: 19_999 }), { maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 6 },
    )
    .chain((lines) => {
      const steps = lines.flatMap((l, i) => {
        const points = [...new Set(l.cuts.filter((c) => c < l.qty))].sort((a, b) => a - b);
        const bounds = [0, ...points, l.qty];
        return bounds.slice(1).map((b, j) => ({ line: i, qty: b - bounds[j] }));
      });
      return fc.tuple(fc.constant(lines), fc.shuffledSubarray(steps, { minLength: steps.length }), fc.integer({ min: -9, max: 9 }));
    })
    .map(([lines, steps, rounding]) => ({
      sale: {
        lines: lines.map((l) => ({ qty: l.qty, net: l.net, tax: Math.floor((l.net * l.taxBp) / 11_300) })),
        rounding,
      },
      steps,
    }));

  it('never refunds more than a line net at any point, and a full return refunds exactly what was paid', () => {
    fc.assert(
      fc.property(saleAndReturns, ({ sale: s, steps }) => {
        const r = refundReturnSteps(s, steps);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const refundedByLine = s.lines.map(() => 0);
        const taxByLine = s.lines.map(() => 0);
        r.value.forEach((step, k) => {
          refundedByLine[step.line] += step.amount;
          taxByLine[step.line] += step.tax;
          expect(refundedByLine[step.line]).toBeLessThanOrEqual(s.lines[step.line].net);
          expect(step.amount).toBeGreaterThanOrEqual(0);
          expect(step.rounding).toBe(k === steps.length - 1 ? s.rounding : 0);
        });
        expect(refundedByLine).toEqual(s.lines.map((l) => l.net));
        expect(taxByLine).toEqual(s.lines.map((l) => l.tax));
        const paid = s.lines.reduce((sum, l) => sum + l.net, 0) + s.rounding;
        expect(r.value.reduce((sum, step) => sum + step.refund, 0)).toBe(paid);
      }),
    );
  });
});
