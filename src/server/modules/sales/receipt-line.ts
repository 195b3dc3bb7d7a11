// One line of a sale's answer (the receipt): what was scanned, what it was priced at, and the
// pricing steps' figures for it. Real and training sales answer with the same lines.
import type { PricedSale } from './price-sale';
import type { ResolvedLine } from './resolve-lines';

export function receiptLine(r: ResolvedLine, priced: PricedSale, i: number) {
  const p = priced.basket.lines[i];
  return {
    lineNo: r.index + 1,
    productId: r.productId,
    sku: r.sku,
    name: r.name,
    unit: r.unit,
    qty: r.qty,
    baseQty: r.baseQty,
    unitPrice: priced.basketLines[i].unitPrice,
    pricedQty: priced.basketLines[i].qty,
    gross: p.gross,
    lineDiscount: p.lineDiscount,
    lineAmount: p.lineAmount,
    orderDiscountShare: p.orderDiscountShare,
    net: p.net,
    taxRate: p.taxRate,
    tax: p.tax,
    ...(r.scale ? { scale: r.scale } : {}),
    ...(r.batchId !== undefined ? { batchId: r.batchId } : {}),
  };
}
