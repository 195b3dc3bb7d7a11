// Property: after any mix of receipts, sales (online and offline), returns and write-offs, the
// trial balance sums to zero and the store's 1405 库存商品 balance equals the stock valuation
// report (which sums stock moves, not journal lines).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { businessDate } from '../../../core/time/business-date';
import { testDialects } from '../../../db/testing';
import { verifyAll } from '../../verify/verify';
import { makeSalesTestApp, type SalesTestApp } from '../sales/test-helpers';

const op = fc.oneof(
  fc.record({ kind: fc.constant('receipt' as const), product: fc.nat(2), units: fc.integer({ min: 1, max: 5 }), unitCost: fc.integer({ min: 1, max: 3000 }) }),
  fc.record({ kind: fc.constant('sale' as const), product: fc.nat(2), units: fc.integer({ min: 1, max: 3 }), offline: fc.boolean() }),
  fc.record({ kind: fc.constant('return' as const) }),
  fc.record({ kind: fc.constant('write_off' as const), product: fc.nat(2), units: fc.integer({ min: 1, max: 2 }), reason: fc.constantFrom('damaged', 'expired', 'lost') }),
);

describe.each(testDialects)('ledger invariants over random documents (property) on %s', (dialect) => {
  let t: SalesTestApp;
  // Whole-jiao prices: every 抹零 mode leaves the amount due as it is.
  const prices = [1000, 2500, 700];
  const products: string[] = [];
  const today = businessDate(new Date(), 'Asia/Shanghai');
  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    for (const [i, price] of prices.entries()) products.push(await t.product({ price, taxRate: [1300, 900, 600][i] }));
  });
  afterAll(() => t.close());

  it('keeps the trial balance at zero and 1405 equal to the stock valuation', async () => {
    const sold: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        for (const o of ops) {
          let res;
          if (o.kind === 'receipt') {
            res = await t.call(t.tokens.owner, 'POST', '/api/v1/inventory/receipts', { id: uuidv7(), storeId: t.ids.s01, lines: [{ productId: products[o.product], qty: o.units * 1000, unitCost: o.unitCost }] });
          } else if (o.kind === 'sale') {
            const due = prices[o.product] * o.units;
            res = await t.sell({ offline: o.offline, clientTime: new Date().toISOString(), lines: [{ productId: products[o.product], qty: o.units * 1000, ...(o.offline ? { unitPrice: prices[o.product] } : {}) }], payments: [{ method: 'cash', amount: due }], clientTotal: due });
            if (res.statusCode === 201) sold.push(res.json().id);
          } else if (o.kind === 'return') {
            const saleId = sold.pop();
            if (!saleId) continue;
            res = await t.call(t.tokens.cashier, 'POST', '/api/v1/returns', { id: uuidv7(), registerId: t.ids.r01, shiftId: t.shifts.r01, clientTime: new Date().toISOString(), saleId });
          } else {
            res = await t.call(t.tokens.owner, 'POST', '/api/v1/inventory/write-offs', { id: uuidv7(), storeId: t.ids.s01, reason: o.reason, lines: [{ productId: products[o.product], qty: o.units * 1000 }] });
          }
          // Refusals (not enough stock to write off, oversell blocked online) are fine; errors are not.
          expect(res.statusCode, `${o.kind}: ${res.body}`).toBeLessThan(500);
        }
        const tb = (await t.call(t.tokens.owner, 'GET', `/api/v1/reports/trial-balance?from=2000-01-01&to=${today}`)).json();
        expect(tb.totals.closing).toBe(0);
        expect(tb.totals.debit).toBe(tb.totals.credit);
        const store = (await t.call(t.tokens.owner, 'GET', `/api/v1/reports/trial-balance?from=2000-01-01&to=${today}&storeId=${t.ids.s01}`)).json();
        const inventory = store.items.find((i: { code: string }) => i.code === '1405')?.closing ?? 0;
        const valuation = (await t.call(t.tokens.owner, 'GET', `/api/v1/inventory/valuation?storeId=${t.ids.s01}`)).json();
        expect(inventory).toBe(valuation.totalValue);
      }),
      { numRuns: dialect === 'postgres' ? 6 : 20 },
    );
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
