// Every golden basket (../shared/fixtures, hand-checked to the fen) rung up as a real sale over
// HTTP: products created at the fixture's price and tax rate, the store's 抹零 mode set, the
// payments tendered. The server's figures must equal the fixture, and the books must agree.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BasketLine, Discount, Payment, RoundingMode } from '../../../core';
import { testDialects } from '../../../db/testing';
import { verifyAll } from '../../verify/verify';
import { CODES, journalOf, makeSalesTestApp, onHand, type SalesTestApp } from './test-helpers';

interface GoldenBasket {
  id: string;
  description: string;
  roundingMode: RoundingMode;
  lines: (BasketLine & { sku: string })[];
  orderDiscount: Discount | null;
  payments: Payment[];
  returns?: unknown[];
  expect:
    | { error: string }
    | {
        lines: { gross: number; lineDiscount: number; lineAmount: number; orderDiscountShare: number; net: number; tax: number }[];
        taxByRate: { rate: number; gross: number; taxable: number; tax: number }[];
        subtotal: number;
        rounding: number;
        due: number;
        change: number;
      };
}

const { baskets } = JSON.parse(readFileSync(path.resolve(process.cwd(), '../shared/fixtures/golden-baskets.json'), 'utf8')) as { baskets: GoldenBasket[] };
const sales = baskets.filter((b) => !b.returns && !('error' in b.expect));
const refusals = baskets.filter((b) => !b.returns && 'error' in b.expect);

/** The fixture's tender as the till sends it: wallets with a payment code, cards with the terminal's reference. */
function tender(payments: Payment[]) {
  return payments.map((p, i) => {
    if (p.method === 'wechat' || p.method === 'alipay' || p.method === 'unionpay') return { ...p, authCode: CODES[p.method] };
    if (p.method === 'card') return { ...p, reference: `POS-${i}-000123` };
    return p;
  });
}

const ACCOUNT_OF: Record<string, string> = { cash: '1001', wechat: '1012', alipay: '1012', unionpay: '1012', card: '1002', stored_value: '2203', voucher: '5601' };

describe.each(testDialects)('golden baskets as sales over HTTP on %s', (dialect) => {
  let t: SalesTestApp;
  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
  });
  afterAll(() => t.close());

  async function ringUp(b: GoldenBasket, clientTotal: number) {
    return sell(b, await stockUp(b), clientTotal);
  }

  /** The basket's products at its prices, 20 of each in stock, and the store's 抹零 mode. */
  async function stockUp(b: GoldenBasket): Promise<string[]> {
    const productIds: string[] = [];
    for (const l of b.lines) {
      const id = await t.product({ sku: `${b.id}-${l.sku}`, price: l.unitPrice, taxRate: l.taxRate });
      // Stock at 60% of the price, so the sale books a cost too.
      await t.stock.stockIn(t.ids.s01, id, 20_000, Math.round((l.unitPrice * 20 * 6) / 10));
      productIds.push(id);
    }
    const set = await t.call(t.tokens.owner, 'PUT', `/api/v1/stores/${t.ids.s01}/settings`, { roundingMode: b.roundingMode });
    expect(set.statusCode, set.body).toBe(200);
    return productIds;
  }

  function sell(b: GoldenBasket, productIds: string[], clientTotal: number) {
    return t.sell({
      lines: b.lines.map((l, i) => ({ productId: productIds[i], qty: l.qty, ...(l.lineDiscount ? { lineDiscount: l.lineDiscount } : {}) })),
      ...(b.orderDiscount ? { orderDiscount: b.orderDiscount } : {}),
      payments: tender(b.payments),
      clientTotal,
    });
  }

  it('covers the fixture: 11 sales and 2 refusals without returns', () => {
    expect([sales.length, refusals.length]).toEqual([11, 2]);
  });

  for (const b of sales) {
    it(`${b.id}: ${b.description}`, async () => {
      const expected = b.expect as Exclude<GoldenBasket['expect'], { error: string }>;
      const res = await ringUp(b, expected.due);
      expect(res.statusCode, res.body).toBe(201);
      const sale = res.json();
      expect(sale.lines.map(({ gross, lineDiscount, lineAmount, orderDiscountShare, net, tax }: Record<string, number>) => ({ gross, lineDiscount, lineAmount, orderDiscountShare, net, tax }))).toEqual(expected.lines);
      expect(sale.taxByRate).toEqual(expected.taxByRate);
      expect({ subtotal: sale.subtotal, rounding: sale.rounding, due: sale.due, change: sale.change, total: sale.total }).toEqual({
        subtotal: expected.subtotal,
        rounding: expected.rounding,
        due: expected.due,
        change: expected.change,
        total: expected.due,
      });
      expect(sale.number).toMatch(/^S01-R01-\d{6}$/);
      expect(sale.flags).toEqual([]);

      // The books: what was received by tender account, 抹零 on its own account, revenue at the
      // taxable amounts and output VAT at exactly the tax of the rate groups.
      const [revenue, cost] = await journalOf(t, sale.id);
      const debit = (a: string) => revenue.filter((l) => l.account === a).reduce((s, l) => s + l.debit, 0);
      const credit = (a: string) => revenue.filter((l) => l.account === a).reduce((s, l) => s + l.credit, 0);
      const received = new Map<string, number>();
      for (const p of b.payments) received.set(ACCOUNT_OF[p.method], (received.get(ACCOUNT_OF[p.method]) ?? 0) + p.amount);
      received.set('1001', (received.get('1001') ?? 0) - expected.change);
      for (const [account, amount] of received) expect(debit(account), account).toBe(amount);
      expect(credit('5301') - debit('5711')).toBe(expected.rounding);
      expect(credit('5001')).toBe(expected.taxByRate.reduce((s, g) => s + g.taxable, 0));
      expect(credit('2221')).toBe(expected.taxByRate.reduce((s, g) => s + g.tax, 0));
      expect(revenue.reduce((s, l) => s + l.debit - l.credit, 0)).toBe(0);
      // Σ payments − change = due, to the fen.
      expect(sale.payments.reduce((s: number, p: { amount: number }) => s + p.amount, 0) - sale.change).toBe(expected.due);
      // Cost of the goods at the 60% they were stocked at, against 1405.
      const expectedCost = b.lines.reduce((s, l) => s + Math.round((l.qty * Math.round((l.unitPrice * 20 * 6) / 10)) / 20_000), 0);
      expect(cost).toEqual([
        { account: '5401', debit: expectedCost, credit: 0 },
        { account: '1405', debit: 0, credit: expectedCost },
      ]);
      for (const l of sale.lines) expect(await onHand(t, t.ids.s01, l.productId)).toBe(20_000 - l.baseQty);
    });
  }

  for (const b of refusals) {
    it(`${b.id}: ${b.description} → 422 ${(b.expect as { error: string }).error}, nothing written`, async () => {
      const due = b.lines.reduce((s, l) => s + Math.round((l.unitPrice * l.qty) / 1000), 0);
      const productIds = await stockUp(b);
      const before = await t.db.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const res = await sell(b, productIds, b.roundingMode === 'none' ? due : due - (due % 10));
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json()).toMatchObject({ code: (b.expect as { error: string }).error, errors: [{ field: 'payments' }] });
      const after = await t.db.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });
  }

  it('leaves every invariant intact', async () => {
    const report = await verifyAll(t.db.db);
    expect(report.firstViolation).toBeNull();
  });
});
