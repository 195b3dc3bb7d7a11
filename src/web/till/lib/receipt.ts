// The receipt of a sale rung up here, in the shared model (src/core/receipts) the server's
// receipts use too, so the paper printed at the counter reads like its reprint from the server.
import type { PricedBasket } from '../../../core/pricing/price-basket';
import type { ReceiptModel, ReceiptPayment } from '../../../core/receipts/receipt-model';
import { basketLineOf, effectivePrice, type Cart } from './basket';
import type { Pairing } from './device';

export function receiptOf(input: {
  cart: Cart;
  settings: { receiptHeader?: string; receiptFooter?: string };
  priced: PricedBasket;
  payments: ReceiptPayment[];
  change: number;
  number: string;
  pairing: Pairing;
  cashier: string;
  issuedAt: string;
  offline: boolean;
}): ReceiptModel {
  const { cart, priced, pairing } = input;
  const member = !!cart.memberCode;
  return {
    kind: 'sale',
    number: input.number,
    storeName: pairing.storeName,
    header: input.settings.receiptHeader || pairing.receiptHeader,
    footer: input.settings.receiptFooter || null,
    registerCode: pairing.registerCode,
    cashier: input.cashier,
    issuedAt: input.issuedAt,
    timeZone: pairing.timezone,
    lines: cart.lines.map((l, i) => {
      const b = basketLineOf(l, member);
      const p = priced.lines[i];
      // A scale label prints its weight and price per kg; the amount is the label's.
      const shown = l.scale ? { qty: l.scale.weight, unitPrice: effectivePrice(l, member) } : { qty: b.qty, unitPrice: b.unitPrice };
      return { name: l.name, unit: l.unit, ...shown, gross: p.gross, lineDiscount: p.lineDiscount, orderDiscountShare: p.orderDiscountShare, net: p.net, taxRate: p.taxRate };
    }),
    subtotal: priced.subtotal,
    rounding: priced.rounding,
    due: priced.due,
    taxByRate: priced.taxByRate.map((g) => ({ rate: g.rate, gross: g.gross, taxable: g.taxable, tax: g.tax })),
    payments: input.payments,
    paid: input.payments.reduce((s, p) => s + p.amount, 0),
    change: input.change,
    memberCode: cart.memberCode ?? null,
    offline: input.offline,
  };
}
