// Receipts and scale labels computed independently of this code from ARCHITECTURE.md §9
// (../shared/fixtures). Every figure must match to the fen.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import {
  decodeScaleBarcode,
  priceBasket,
  priceScaleItem,
  refundReturnSteps,
  settlePayments,
  type BasketLine,
  type Discount,
  type Payment,
  type ReturnStep,
  type RoundingMode,
  type ScaleValueKind,
} from './index';

const fixtures = path.resolve(process.cwd(), '../shared/fixtures');
const load = <T>(file: string): T => JSON.parse(readFileSync(path.join(fixtures, file), 'utf8')) as T;

interface ExpectedLine {
  gross: number;
  lineDiscount: number;
  lineAmount: number;
  orderDiscountShare: number;
  net: number;
  tax: number;
}

interface GoldenBasket {
  id: string;
  description: string;
  roundingMode: RoundingMode;
  lines: BasketLine[];
  orderDiscount: Discount | null;
  payments: Payment[];
  returns?: ReturnStep[];
  expect:
    | { error: string }
    | {
        lines: ExpectedLine[];
        taxByRate: { rate: number; gross: number; taxable: number; tax: number }[];
        subtotal: number;
        rounding: number;
        due: number;
        change: number;
        refunds: number[];
      };
}

interface GoldenScaleCase {
  id: string;
  description: string;
  barcode: string;
  setting: { kind13: ScaleValueKind };
  plu: string;
  unitPrice: number;
  expect: { error: string } | { plu: string; qty: number; amount: number };
}

// Runs a basket through the till's whole path: price, settle, then the return steps.
function checkout(basket: GoldenBasket) {
  const priced = priceBasket(basket);
  if (!priced.ok) return { error: priced.code };
  const sale = priced.value;
  const settled = settlePayments(sale.due, basket.payments);
  if (!settled.ok) return { error: settled.code };
  const refunds = refundReturnSteps(sale, basket.returns ?? []);
  if (!refunds.ok) return { error: refunds.code };
  return {
    lines: sale.lines.map(({ gross, lineDiscount, lineAmount, orderDiscountShare, net, tax }) => ({
      gross,
      lineDiscount,
      lineAmount,
      orderDiscountShare,
      net,
      tax,
    })),
    taxByRate: sale.taxByRate,
    subtotal: sale.subtotal,
    rounding: sale.rounding,
    due: sale.due,
    change: settled.value.change,
    refunds: refunds.value.map((r) => r.refund),
  };
}

function scan(c: GoldenScaleCase) {
  const decoded = decodeScaleBarcode(c.barcode, c.setting);
  if (!decoded.ok) return { error: decoded.code };
  expect(decoded.value.plu).toBe(c.plu);
  const item = priceScaleItem(decoded.value, c.unitPrice);
  if (!item.ok) return { error: item.code };
  return item.value;
}

describe('golden baskets', () => {
  const { baskets } = load<{ baskets: GoldenBasket[] }>('golden-baskets.json');

  it('holds all 16 baskets', () => {
    expect(baskets).toHaveLength(16);
  });

  for (const basket of baskets) {
    it(`${basket.id}: ${basket.description}`, () => {
      expect(checkout(basket)).toEqual(basket.expect);
    });
  }
});

describe('golden scale barcodes', () => {
  const { cases } = load<{ cases: GoldenScaleCase[] }>('scale-barcodes.json');

  it('holds all 10 cases', () => {
    expect(cases).toHaveLength(10);
  });

  for (const c of cases) {
    it(`${c.id}: ${c.description}`, () => {
      expect(scan(c)).toEqual(c.expect);
    });
  }
});
