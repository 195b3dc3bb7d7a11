// Step 2 of a sale: its figures, by the core's `priceBasket` (the same code the till runs).
// Online the server's prices rule and a till that showed another total is refused, so a customer
// is never charged from a stale price list without anyone knowing. Offline the till already took
// the money: its prices are used as given, and where they differ from the server's the sale is
// flagged for review instead of refused. Either way the arithmetic must add up.
import { priceBasket, type BasketLine, type Discount, type PricedBasket } from '../../../core/pricing/price-basket';
import { ROUNDING_MODES, type RoundingMode } from '../../../core/pricing/round-amount-due';
import type { SaleInput, SaleLineInput } from '../../../contracts/sales';
import type { CheckoutSettings } from '../../../contracts/store-settings';
import type { ApprovalAction } from '../../auth/permissions';
import { badRequest, unprocessable } from '../../http/problem';
import type { ResolvedLine } from './resolve-lines';
import type { SaleFlag } from './sale-flags';

export interface PricedSale {
  basket: PricedBasket;
  roundingMode: RoundingMode;
  /** What each line was priced at: per unit, per kg (weighed) or per label (a label's amount). */
  basketLines: { unitPrice: number; qty: number }[];
  /** Approvals the sale needs when the seller is not a manager. */
  approvalsNeeded: ApprovalAction[];
  flags: SaleFlag[];
}

export interface PriceSaleInput {
  sale: Pick<SaleInput, 'lines' | 'orderDiscount' | 'clientTotal' | 'offline'>;
  resolved: readonly ResolvedLine[];
  settings: CheckoutSettings;
}

export function priceSale({ sale, resolved, settings }: PriceSaleInput): PricedSale {
  const flags: SaleFlag[] = [];
  const approvals = new Set<ApprovalAction>();
  const basketLines = resolved.map((r) => {
    const line = sale.lines[r.index];
    const priced = basketLine(line, r, sale.offline);
    if (line.priceOverride !== undefined && line.priceOverride !== r.serverUnitPrice) approvals.add('sale.price_override');
    if (sale.offline && priced.fromTill && line.unitPrice !== r.serverUnitPrice) {
      flags.push({ kind: 'price_differs', lineNo: r.index + 1, detail: { productId: r.productId, tillPrice: line.unitPrice, serverPrice: r.serverUnitPrice } });
    }
    return { unitPrice: priced.unitPrice, qty: priced.qty };
  });
  const lines: BasketLine[] = resolved.map((r, i) => ({
    productId: r.productId,
    sku: r.sku,
    ...basketLines[i],
    taxRate: r.taxRate,
    lineDiscount: sale.lines[r.index].lineDiscount ?? null,
  }));
  const orderDiscount = sale.orderDiscount ?? null;

  const { basket, roundingMode } = sale.offline ? priceAsCharged(lines, orderDiscount, settings, sale.clientTotal, flags) : priceOnline(lines, orderDiscount, settings, sale.clientTotal);
  if (basket.subtotal === 0) {
    throw unprocessable('nothing_charged', 'A sale must charge something; give goods away with a write-off (internal use)', 'lines');
  }
  if (exceedsDiscountLimit(basket, settings.maxDiscountBp)) approvals.add('sale.discount');
  return { basket, roundingMode, basketLines, approvalsNeeded: [...approvals], flags };
}

/**
 * A scale label that prints an amount is charged that amount (the customer saw it); otherwise the
 * price is the cashier's override, the till's own price (offline) or the server's (online).
 */
function basketLine(line: SaleLineInput, r: ResolvedLine, offline: boolean): { unitPrice: number; qty: number; fromTill: boolean } {
  if (r.scale && r.scale.amount !== null && line.priceOverride === undefined) return { unitPrice: r.scale.amount, qty: 1000, fromTill: false };
  let unitPrice = r.serverUnitPrice;
  let fromTill = false;
  if (line.priceOverride !== undefined) {
    unitPrice = line.priceOverride;
  } else if (offline) {
    if (line.unitPrice === undefined) throw badRequest('unit_price_required', 'An offline sale states the price the till charged', `lines.${r.index}.unitPrice`);
    unitPrice = line.unitPrice;
    fromTill = true;
  }
  return { unitPrice, qty: r.scale ? r.scale.weight : r.qty, fromTill };
}

function priceOnline(lines: BasketLine[], orderDiscount: Discount | null, settings: CheckoutSettings, clientTotal: number) {
  const basket = price(lines, orderDiscount, settings.roundingMode);
  if (basket.due !== clientTotal) {
    throw unprocessable('client_total_mismatch', `The server prices this sale at ${basket.due} fen, the till showed ${clientTotal}: refresh the till's prices`, 'clientTotal', {
      serverDue: basket.due,
      clientDue: clientTotal,
    });
  }
  return { basket, roundingMode: settings.roundingMode };
}

/**
 * Offline the till rounded the total with the 抹零 mode it had; the store may have changed it
 * since. The total is accepted when the store's mode, or failing that another mode, turns the
 * till's lines into it (flagged); a total no mode explains does not follow from its own lines.
 */
function priceAsCharged(lines: BasketLine[], orderDiscount: Discount | null, settings: CheckoutSettings, clientTotal: number, flags: SaleFlag[]) {
  const modes = [settings.roundingMode, ...ROUNDING_MODES.filter((m) => m !== settings.roundingMode)];
  const first = price(lines, orderDiscount, settings.roundingMode);
  for (const mode of modes) {
    const basket = mode === settings.roundingMode ? first : price(lines, orderDiscount, mode);
    if (basket.due !== clientTotal) continue;
    if (mode !== settings.roundingMode) flags.push({ kind: 'rounding_differs', lineNo: 0, detail: { storeMode: settings.roundingMode, tillMode: mode } });
    return { basket, roundingMode: mode };
  }
  throw unprocessable('client_total_mismatch', `The till's lines add up to ${first.due} fen, not the ${clientTotal} it charged`, 'clientTotal', {
    serverDue: first.due,
    clientDue: clientTotal,
  });
}

function price(lines: BasketLine[], orderDiscount: Discount | null, roundingMode: RoundingMode): PricedBasket {
  const r = priceBasket({ lines, orderDiscount, roundingMode });
  if (!r.ok) throw unprocessable(r.code, r.message, dotPath(r.field));
  return r.value;
}

/** A line or order discount larger than the store lets a cashier give (basis points of its base). */
function exceedsDiscountLimit(basket: PricedBasket, maxBp: number): boolean {
  if (basket.lines.some((l) => l.lineDiscount * 10_000 > l.gross * maxBp)) return true;
  const order = basket.trace.find((s) => s.step === 'order_discount');
  return !!order && -order.amount * 10_000 > order.base * maxBp;
}

/** Core names fields `lines[2].qty`; the API names them `lines.2.qty`. */
function dotPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}
