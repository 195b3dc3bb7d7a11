import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { refundForReturn } from './refund';
import { allocateRefund, refundedTotal, tenderNets } from './refund-tenders';

describe('refundedTotal', () => {
  // S16: pork 33.25 (1.236 kg), cabbage 8.56, two juices 25.80; 67.61 − 0.01 抹分 = 67.60 due.
  const lines = [
    { qty: 1236, net: 3325 },
    { qty: 2150, net: 856 },
    { qty: 2000, net: 2580 },
  ];

  it('is the cumulative proration of each line while the receipt is not empty', () => {
    // round(3325 × 618 / 1236) + round(2580 × 1000 / 2000) = 1663 + 1290
    expect(refundedTotal(lines, -1, [618, 0, 1000])).toBe(2953);
  });

  it('gives back the sale rounding once every line is back: exactly the due', () => {
    expect(refundedTotal(lines, -1, [1236, 2150, 2000])).toBe(6760);
  });

  it('never passes what was paid when 抹零 gave fen away', () => {
    // 10.08 + 0.01 = 10.09, drop_jiao → 10.00 due: returning the 10.08 line refunds 10.00, the rest 0.
    const l = [
      { qty: 1000, net: 1008 },
      { qty: 1000, net: 1 },
    ];
    expect(refundedTotal(l, -9, [1000, 0])).toBe(1000);
    expect(refundedTotal(l, -9, [1000, 1000])).toBe(1000);
  });
});

describe('tenderNets', () => {
  it('takes the change from the cash tendered', () => {
    expect(tenderNets([{ method: 'wechat', amount: 5000 }, { method: 'cash', amount: 6000 }], 360)).toEqual([5000, 5640]);
  });
});

describe('allocateRefund', () => {
  it('fills the last tender first', () => {
    // WeChat 50.00 + cash 56.40: a 15.90 return is cash; the next 50.00 finishes the cash, then WeChat.
    expect(allocateRefund([5000, 5640], 0, 1590)).toEqual([0, 1590]);
    expect(allocateRefund([5000, 5640], 1590, 6590)).toEqual([950, 4050]);
  });

  it('gives each tender back exactly what it received on a full return', () => {
    expect(allocateRefund([5000, 5640], 0, 10640)).toEqual([5000, 5640]);
  });

  it('refuses a refund beyond what the tenders received', () => {
    expect(() => allocateRefund([5000], 0, 5001)).toThrow(RangeError);
  });
});

describe('refunds over any sequence of partial returns (property)', () => {
  const sale = fc
    .array(fc.record({ qty: fc.integer({ min: 1, max: 20_000 }), net: fc.integer({ min: 0, max: 500_000 }) }), { minLength: 1, maxLength: 6 })
    .chain((lines) => {
      const subtotal = lines.reduce((s, l) => s + l.net, 0);
      return fc.record({
        lines: fc.constant(lines),
        // 抹零 within ±0.99, never below zero due.
        rounding: fc.integer({ min: -Math.min(99, subtotal), max: 99 }),
        tenders: fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 4 }),
        steps: fc.array(fc.record({ line: fc.nat({ max: lines.length - 1 }), frac: fc.integer({ min: 1, max: 1000 }) }), { maxLength: 12 }),
      });
    });

  it('never refunds more than the sale, per line, per tender or in total; a full return refunds it exactly', () => {
    fc.assert(
      fc.property(sale, ({ lines, rounding, tenders, steps }) => {
        const due = lines.reduce((s, l) => s + l.net, 0) + rounding;
        // Tender weights → tender nets adding up to the due exactly.
        const w = tenders.reduce((s, x) => s + x, 0);
        const nets = tenders.map((x) => Math.floor((due * x) / w));
        nets[nets.length - 1] += due - nets.reduce((s, x) => s + x, 0);

        const returned = lines.map(() => 0);
        const perTender = nets.map(() => 0);
        const perLine = lines.map(() => 0);
        let refunded = 0;
        const doStep = (line: number, qty: number) => {
          const before = refundedTotal(lines, rounding, returned);
          const l = lines[line];
          const amount = refundForReturn({ lineNet: l.net, lineQty: l.qty, alreadyReturnedQty: returned[line], returnQty: qty });
          if (!amount.ok) throw new Error(amount.message);
          perLine[line] += amount.value;
          returned[line] += qty;
          const after = refundedTotal(lines, rounding, returned);
          expect(after).toBeGreaterThanOrEqual(before);
          allocateRefund(nets, before, after).forEach((v, i) => (perTender[i] += v));
          refunded += after - before;
        };
        for (const s of steps) {
          const left = lines[s.line].qty - returned[s.line];
          const q = Math.min(left, Math.max(1, Math.floor((lines[s.line].qty * s.frac) / 1000)));
          if (q > 0) doStep(s.line, q);
          expect(refunded).toBeLessThanOrEqual(due);
          perTender.forEach((v, i) => expect(v).toBeLessThanOrEqual(nets[i]));
          lines.forEach((l, i) => expect(perLine[i]).toBeLessThanOrEqual(l.net));
        }
        // Return whatever is left: the receipt is refunded exactly, each tender exactly.
        lines.forEach((l, i) => {
          if (l.qty > returned[i]) doStep(i, l.qty - returned[i]);
        });
        expect(refunded).toBe(due);
        expect(perTender).toEqual(nets);
        expect(perLine).toEqual(lines.map((l) => l.net));
      }),
      { numRuns: 200 },
    );
  });
});
