import { prorate } from '../money/prorate';
import { formatFen, mulDivRound, negateFen } from '../money/round';
import { err, ok, type Err, type Result } from '../result';
import { splitTaxInclusive, type RateGroupTax } from '../tax/split-tax-inclusive';
import { ROUNDING_MODES, roundAmountDue, type RoundingMode } from './round-amount-due';

/** `bp` is the discount in basis points (1000 = 10% off, 九折); `fen` a fixed amount off. */
export type Discount =
  | { readonly type: 'percent'; readonly bp: number }
  | { readonly type: 'amount'; readonly fen: number };

export interface BasketLine {
  readonly sku?: string;
  readonly productId?: string;
  /** Fen per unit (per kg for weighed goods), tax included. */
  readonly unitPrice: number;
  /** Thousandths of the unit: 1 piece = 1000, 0.538 kg = 538. */
  readonly qty: number;
  /** Basis points: 1300 = 13%. */
  readonly taxRate: number;
  readonly lineDiscount: Discount | null;
}

/**
 * An order-level discount decided outside pricing. This is where the promotion engine plugs in:
 * it looks at the basket and hands back concrete discounts (满100减10 → 1000 fen off), and pricing
 * applies them after the cashier's order discount and before tax, each prorated over the lines
 * like the order discount. `source` names the promotion so the trace and reports can credit it.
 */
export interface OrderAdjustment {
  readonly source: string;
  readonly discount: Discount;
}

export interface BasketInput {
  readonly lines: readonly BasketLine[];
  readonly orderDiscount: Discount | null;
  readonly adjustments?: readonly OrderAdjustment[];
  readonly roundingMode: RoundingMode;
}

export interface PricedLine {
  readonly qty: number;
  readonly taxRate: number;
  readonly gross: number;
  readonly lineDiscount: number;
  readonly lineAmount: number;
  readonly orderDiscountShare: number;
  /** This line's part of all `adjustments` together. */
  readonly adjustmentShare: number;
  /** What the customer pays for the line, tax included: the basis of tax and of refunds. */
  readonly net: number;
  readonly tax: number;
}

/**
 * How the figures came about, step by step, for a receipt preview or an audit. Codes and numbers
 * only, so the till can word it in any language. Amounts that change the total are signed.
 */
export type TraceStep =
  | { readonly step: 'line_gross'; readonly line: number; readonly unitPrice: number; readonly qty: number; readonly amount: number }
  | { readonly step: 'line_discount'; readonly line: number; readonly discount: Discount; readonly base: number; readonly amount: number }
  | { readonly step: 'order_discount'; readonly discount: Discount; readonly base: number; readonly amount: number }
  | { readonly step: 'adjustment'; readonly source: string; readonly discount: Discount; readonly base: number; readonly amount: number }
  | { readonly step: 'subtotal'; readonly amount: number }
  | { readonly step: 'tax'; readonly rate: number; readonly gross: number; readonly taxable: number; readonly tax: number }
  | { readonly step: 'rounding'; readonly mode: RoundingMode; readonly amount: number }
  | { readonly step: 'due'; readonly amount: number };

export interface PricedBasket {
  readonly lines: PricedLine[];
  readonly taxByRate: RateGroupTax[];
  /** Σ net. */
  readonly subtotal: number;
  /** due − subtotal (抹零), signed. */
  readonly rounding: number;
  readonly due: number;
  readonly trace: TraceStep[];
}

export type PriceBasketErrorCode =
  | 'invalid_number'
  | 'negative_unit_price'
  | 'non_positive_qty'
  | 'invalid_tax_rate'
  | 'invalid_discount'
  | 'discount_exceeds_amount'
  | 'invalid_rounding_mode';

type Refusal = Err<PriceBasketErrorCode>;

/**
 * Prices a sale (§9 rules 1–5): line amounts, line discounts, the order discount and any
 * adjustments prorated over the lines, tax per rate group, then 抹零 on the amount due.
 * Refusals (a discount larger than what it discounts, a zero quantity…) come back as values.
 */
export function priceBasket(input: BasketInput): Result<PricedBasket, PriceBasketErrorCode> {
  if (!ROUNDING_MODES.includes(input.roundingMode)) {
    return err('invalid_rounding_mode', 'roundingMode', `unknown rounding mode ${String(input.roundingMode)}`);
  }
  const trace: TraceStep[] = [];

  const grosses: number[] = [];
  const lineDiscounts: number[] = [];
  for (const [i, line] of input.lines.entries()) {
    const refusal = checkLine(line, `lines[${i}]`);
    if (refusal) return refusal;
    const gross = mulDivRound(line.unitPrice, line.qty, 1000);
    trace.push({ step: 'line_gross', line: i, unitPrice: line.unitPrice, qty: line.qty, amount: gross });
    let discount = 0;
    if (line.lineDiscount) {
      const amount = discountAmount(line.lineDiscount, gross, `lines[${i}].lineDiscount`);
      if (!amount.ok) return amount;
      discount = amount.value;
      trace.push({ step: 'line_discount', line: i, discount: line.lineDiscount, base: gross, amount: negateFen(discount) });
    }
    grosses.push(gross);
    lineDiscounts.push(discount);
  }
  const lineAmounts = grosses.map((g, i) => g - lineDiscounts[i]);

  let orderShares = lineAmounts.map(() => 0);
  if (input.orderDiscount) {
    const applied = applyOrderLevel(input.orderDiscount, lineAmounts, 'orderDiscount');
    if (!applied.ok) return applied;
    orderShares = applied.value.shares;
    trace.push({ step: 'order_discount', discount: input.orderDiscount, base: applied.value.base, amount: negateFen(applied.value.amount) });
  }

  const nets = lineAmounts.map((a, i) => a - orderShares[i]);
  const adjustmentShares = lineAmounts.map(() => 0);
  for (const [k, adjustment] of (input.adjustments ?? []).entries()) {
    const applied = applyOrderLevel(adjustment.discount, nets, `adjustments[${k}].discount`);
    if (!applied.ok) return applied;
    applied.value.shares.forEach((share, i) => {
      adjustmentShares[i] += share;
      nets[i] -= share;
    });
    trace.push({ step: 'adjustment', source: adjustment.source, discount: adjustment.discount, base: applied.value.base, amount: negateFen(applied.value.amount) });
  }

  const subtotal = sum(nets);
  trace.push({ step: 'subtotal', amount: subtotal });

  const tax = splitTaxInclusive(input.lines.map((line, i) => ({ net: nets[i], taxRate: line.taxRate })));
  for (const g of tax.byRate) trace.push({ step: 'tax', ...g });

  const { due, rounding } = roundAmountDue(subtotal, input.roundingMode);
  if (input.roundingMode !== 'none') trace.push({ step: 'rounding', mode: input.roundingMode, amount: rounding });
  trace.push({ step: 'due', amount: due });

  const lines = input.lines.map((line, i): PricedLine => ({
    qty: line.qty,
    taxRate: line.taxRate,
    gross: grosses[i],
    lineDiscount: lineDiscounts[i],
    lineAmount: lineAmounts[i],
    orderDiscountShare: orderShares[i],
    adjustmentShare: adjustmentShares[i],
    net: nets[i],
    tax: tax.lineTax[i],
  }));
  return ok({ lines, taxByRate: tax.byRate, subtotal, rounding, due, trace });
}

function checkLine(line: BasketLine, field: string): Refusal | undefined {
  for (const key of ['unitPrice', 'qty', 'taxRate'] as const) {
    if (!Number.isSafeInteger(line[key])) {
      return err('invalid_number', `${field}.${key}`, `${key} must be an integer, got ${String(line[key])}`);
    }
  }
  if (line.unitPrice < 0) return err('negative_unit_price', `${field}.unitPrice`, 'a unit price cannot be negative');
  // A sale sells something; taking goods back is a return document, never a negative line here.
  if (line.qty <= 0) return err('non_positive_qty', `${field}.qty`, 'a sale line needs a positive quantity');
  if (line.taxRate < 0 || line.taxRate > 10_000) {
    return err('invalid_tax_rate', `${field}.taxRate`, `tax rate ${line.taxRate} bp is outside 0–10000`);
  }
  return undefined;
}

function discountAmount(discount: Discount, base: number, field: string): Result<number, PriceBasketErrorCode> {
  switch (discount.type) {
    case 'percent':
      if (!Number.isSafeInteger(discount.bp) || discount.bp < 0 || discount.bp > 10_000) {
        return err('invalid_discount', `${field}.bp`, 'a percent discount is 0 to 10000 basis points');
      }
      return ok(mulDivRound(base, discount.bp, 10_000));
    case 'amount':
      if (!Number.isSafeInteger(discount.fen) || discount.fen < 0) {
        return err('invalid_discount', `${field}.fen`, 'an amount discount is a non-negative number of fen');
      }
      if (discount.fen > base) {
        return err('discount_exceeds_amount', `${field}.fen`, `discount ${formatFen(discount.fen)} exceeds ${formatFen(base)}`);
      }
      return ok(discount.fen);
    default:
      return err('invalid_discount', `${field}.type`, 'a discount is of type percent or amount');
  }
}

interface OrderLevelDiscount {
  readonly base: number;
  readonly amount: number;
  readonly shares: number[];
}

// Largest remainder so that the lines' shares add up to the discount exactly (§9 rule 3).
function applyOrderLevel(discount: Discount, amounts: readonly number[], field: string): Result<OrderLevelDiscount, PriceBasketErrorCode> {
  const base = sum(amounts);
  const amount = discountAmount(discount, base, field);
  if (!amount.ok) return amount;
  return ok({ base, amount: amount.value, shares: prorate(amount.value, amounts) });
}

function sum(values: readonly number[]): number {
  return values.reduce((total, v) => total + v, 0);
}
