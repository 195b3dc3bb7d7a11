// Property: whatever sequence of partial returns a receipt sees, the refunds never exceed the sale
// (in total, per line, per tender), and returning what is left refunds the sale exactly, to the fen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { uuidv7 } from '../../../core/id/uuidv7';
import { testDialects } from '../../../db/testing';
import { verifyAll } from '../../verify/verify';
import { CODES, makeSalesTestApp, type SalesTestApp } from '../sales/test-helpers';

describe.each(testDialects)('refunds over partial returns (property) on %s', (dialect) => {
  let t: SalesTestApp;
  const products: string[] = [];
  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    // 抹角: the sale gives fen away, the hardest case for "never more than paid".
    await t.call(t.tokens.owner, 'PUT', `/api/v1/stores/${t.ids.s01}/settings`, { roundingMode: 'drop_jiao', maxDiscountBp: 10_000 });
    for (const [price, rate] of [[1999, 1300], [733, 900], [12_345, 600]]) {
      const p = await t.product({ price, taxRate: rate });
      await t.stock.stockIn(t.ids.s01, p, 1_000_000, 777_777);
      products.push(p);
    }
  });
  afterAll(() => t.close());

  const sale = fc.record({
    qtys: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 3 })),
    discountBp: fc.integer({ min: 0, max: 3000 }),
    walletShare: fc.integer({ min: 0, max: 100 }),
    steps: fc.array(fc.record({ line: fc.integer({ min: 1, max: 3 }), units: fc.integer({ min: 1, max: 3 }) }), { maxLength: 5 }),
  });

  it('never refunds more than the sale, and a full return refunds it exactly', async () => {
    await fc.assert(
      fc.asyncProperty(sale, async ({ qtys, discountBp, walletShare, steps }) => {
        const lines = qtys.map((q, i) => ({ productId: products[i], qty: q * 1000 }));
        const probe = await t.sell({ training: true, lines, orderDiscount: { type: 'percent', bp: discountBp }, payments: [{ method: 'cash', amount: 10_000_000 }], clientTotal: 0 });
        const due = probe.json().serverDue as number;
        const wallet = Math.floor((due * walletShare) / 100);
        const payments = [...(wallet ? [{ method: 'wechat', amount: wallet, authCode: CODES.wechat }] : []), ...(due - wallet ? [{ method: 'cash', amount: due - wallet + 55 }] : [])];
        const res = await t.sell({ lines, orderDiscount: { type: 'percent', bp: discountBp }, payments, clientTotal: due });
        expect(res.statusCode, res.body).toBe(201);
        const s = res.json();
        const ret = (body: Record<string, unknown>) =>
          t.call(t.tokens.cashier, 'POST', '/api/v1/returns', { id: uuidv7(), registerId: t.ids.r01, shiftId: t.shifts.r01, clientTime: s.clientTime, saleId: s.id, ...body });

        const returned = [0, 0, 0];
        const perLine = [0, 0, 0];
        const perMethod = new Map<string, number>();
        let total = 0;
        const record = (doc: { refund: number; lines: { returnOf: number; refund: number }[]; refunds: { method: string; amount: number }[] }) => {
          total += doc.refund;
          for (const l of doc.lines) perLine[l.returnOf - 1] += l.refund;
          for (const r of doc.refunds) perMethod.set(r.method, (perMethod.get(r.method) ?? 0) + r.amount);
        };
        const paidBy = (method: string) => s.payments.filter((p: { method: string }) => p.method === method).reduce((a: number, p: { amount: number }) => a + p.amount, 0) - (method === 'cash' ? s.change : 0);

        for (const step of steps) {
          const left = qtys[step.line - 1] * 1000 - returned[step.line - 1];
          const qty = Math.min(left, step.units * 1000);
          if (qty <= 0) continue;
          const r = await ret({ lines: [{ lineNo: step.line, qty }] });
          expect(r.statusCode, r.body).toBe(201);
          returned[step.line - 1] += qty;
          record(r.json());
          expect(total).toBeLessThanOrEqual(s.due);
          perLine.forEach((v, i) => expect(v).toBeLessThanOrEqual(s.lines[i].net));
          for (const [m, v] of perMethod) expect(v).toBeLessThanOrEqual(paidBy(m));
        }
        if (returned.some((r, i) => r < qtys[i] * 1000)) {
          const rest = await ret({});
          expect(rest.statusCode, rest.body).toBe(201);
          record(rest.json());
        }
        expect(total).toBe(s.due);
        expect(perLine).toEqual(s.lines.map((l: { net: number }) => l.net));
        for (const [m, v] of perMethod) expect(v).toBe(paidBy(m));
      }),
      { numRuns: dialect === 'postgres' ? 6 : 12 },
    );
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
