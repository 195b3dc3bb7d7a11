// The basket being rung up, priced by the core's `priceBasket` with the store's settings — the
// same code and inputs the server uses (docs/checkout.md), so the till's total is the server's
// to the fen. Lines are built from scans exactly as the server resolves them: a pack barcode
// counts packs at the pack price, a scale label (称重码) is one item charged what it prints
// (金额码) or priced per kg (重量码).
import { decodeScaleBarcode, priceScaleItem, type DecodedScaleBarcode } from '../../../core/barcode/scale';
import { err, ok, type Result } from '../../../core/result';
import { priceBasket, type BasketLine, type Discount, type PricedBasket } from '../../../core/pricing/price-basket';
import type { CheckoutSettings } from '../../../contracts/store-settings';
import type { SaleLineInput } from '../../../contracts/sales';
import type { TillProduct } from '../../../contracts/till';
import { uuidv7 } from '../../../core/id/uuidv7';
import { unitPriceOf, type Catalog } from './catalog';

export interface CartLine {
  key: string;
  productId: string;
  sku: string;
  name: string;
  /** The unit sold (箱 for a case barcode; kg for weighed goods). */
  unit: string;
  factor: number;
  taxRate: number;
  /** The scanned code, sent as `code` so the server resolves it the same way; none for a quick key. */
  code: string | null;
  /** Thousandths of `unit`; a scale label is one item (1000). */
  qty: number;
  /** Price per `unit` (per kg when weighed) and the member price, from the snapshot. */
  price: number;
  memberPrice: number | null;
  weighed: boolean;
  scale: { kind: DecodedScaleBarcode['kind']; amount: number | null; weight: number } | null;
  priceOverride?: number;
  lineDiscount?: Discount;
}

export interface Cart {
  lines: CartLine[];
  orderDiscount?: Discount;
  memberCode?: string;
  /** Manager approvals collected while ringing up (POST /approvals tokens). */
  approvals: { action: 'sale.price_override' | 'sale.discount'; token: string }[];
}

export const emptyCart = (): Cart => ({ lines: [], approvals: [] });

export type ScanError = 'not_found' | 'scale_bad_check_digit' | 'scale_unknown_plu' | 'scale_no_price' | 'scale_label_qty' | 'scale_bad';

/** A 13/18-digit code starting with one of the store's flags is a scale label (server rule). */
export function isScaleLabel(code: string, settings: CheckoutSettings): boolean {
  return /^\d+$/.test(code) && (code.length === 13 || code.length === 18) && settings.scaleBarcode.flags.some((f) => code.startsWith(f));
}

/** The line a scan makes; `qty` in thousandths of the scanned unit (from `3*`). */
export function lineFromScan(catalog: Catalog, settings: CheckoutSettings, code: string, qty: number): Result<CartLine, ScanError> {
  if (isScaleLabel(code, settings)) {
    if (qty !== 1000) return err('scale_label_qty', 'qty', 'a scale label is one item');
    const decoded = decodeScaleBarcode(code, settings.scaleBarcode);
    if (!decoded.ok) return err(decoded.code === 'bad_check_digit' ? 'scale_bad_check_digit' : 'scale_bad', 'code', decoded.message);
    const product = catalog.findPlu(decoded.value.plu);
    if (!product) return err('scale_unknown_plu', 'code', `PLU ${decoded.value.plu}`);
    const item = priceScaleItem(decoded.value, product.price);
    if (!item.ok) return err('scale_no_price', 'code', item.message);
    const label = decoded.value;
    return ok({
      ...productFields(product),
      unit: product.unit,
      factor: 1000,
      code,
      qty: 1000,
      price: product.price,
      memberPrice: product.memberPrice,
      weighed: true,
      scale: { kind: label.kind, amount: label.kind === 'weight' ? null : label.amount, weight: item.value.qty },
    });
  }
  const match = catalog.lookup(code);
  if (!match) return err('not_found', 'code', code);
  return ok({
    ...productFields(match.product),
    unit: match.unit,
    factor: match.factor,
    code,
    qty,
    price: unitPriceOf(match.product.price, match.factor),
    memberPrice: match.product.memberPrice === null ? null : unitPriceOf(match.product.memberPrice, match.factor),
    weighed: match.product.weighable,
    scale: null,
  });
}

/** A quick key or a search result: priced like a scan of its SKU (qty in thousandths; grams for kg). */
export function lineFromProduct(product: TillProduct, qty: number): CartLine {
  return { ...productFields(product), unit: product.unit, factor: 1000, code: null, qty, price: product.price, memberPrice: product.memberPrice, weighed: product.weighable, scale: null };
}

function productFields(p: TillProduct) {
  return { key: uuidv7(), productId: p.id, sku: p.sku, name: p.name, taxRate: p.taxRate };
}

/** Price per unit the line is sold at before discounts (the member price when a member is named). */
export function effectivePrice(line: CartLine, member: boolean): number {
  if (line.priceOverride !== undefined) return line.priceOverride;
  return member && line.memberPrice !== null ? line.memberPrice : line.price;
}

/** What `priceBasket` sees for a line: the server's `basketLine` rule. */
export function basketLineOf(line: CartLine, member: boolean): BasketLine {
  const base = { productId: line.productId, sku: line.sku, taxRate: line.taxRate, lineDiscount: line.lineDiscount ?? null };
  if (line.scale && line.scale.amount !== null && line.priceOverride === undefined) return { ...base, unitPrice: line.scale.amount, qty: 1000 };
  return { ...base, unitPrice: effectivePrice(line, member), qty: line.scale ? line.scale.weight : line.qty };
}

export function priceCart(cart: Cart, settings: CheckoutSettings): ReturnType<typeof priceBasket> {
  const member = !!cart.memberCode;
  return priceBasket({ lines: cart.lines.map((l) => basketLineOf(l, member)), orderDiscount: cart.orderDiscount ?? null, roundingMode: settings.roundingMode });
}

/** Approvals the server will ask for (docs/checkout.md): price overrides, discounts over the limit. */
export function approvalsNeeded(cart: Cart, priced: PricedBasket, settings: CheckoutSettings): ('sale.price_override' | 'sale.discount')[] {
  const out: ('sale.price_override' | 'sale.discount')[] = [];
  if (cart.lines.some((l) => l.priceOverride !== undefined && l.priceOverride !== (cart.memberCode && l.memberPrice !== null ? l.memberPrice : l.price))) out.push('sale.price_override');
  const lineOver = priced.lines.some((l) => l.lineDiscount * 10_000 > l.gross * settings.maxDiscountBp);
  const order = priced.trace.find((s) => s.step === 'order_discount');
  const orderOver = !!order && order.step === 'order_discount' && -order.amount * 10_000 > order.base * settings.maxDiscountBp;
  if (lineOver || orderOver) out.push('sale.discount');
  return out;
}

/** The lines of POST /sales: the scanned code (or product), the quantity and the till's price. */
export function saleLines(cart: Cart): SaleLineInput[] {
  const member = !!cart.memberCode;
  return cart.lines.map((l) => {
    const line: SaleLineInput = l.code !== null ? { code: l.code } : { productId: l.productId };
    if (!l.scale) line.qty = l.qty;
    line.unitPrice = l.priceOverride ?? (member && l.memberPrice !== null ? l.memberPrice : l.price);
    if (l.priceOverride !== undefined) line.priceOverride = l.priceOverride;
    if (l.lineDiscount) line.lineDiscount = l.lineDiscount;
    return line;
  });
}
