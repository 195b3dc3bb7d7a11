// Training mode (培训模式): a new cashier rings up sales that are priced and checked exactly like
// real ones (prices, discounts, approvals needed, tender, change) but post nothing — no document,
// no receipt number, no stock, no journal, no audit event, no wallet charge. The receipt says so.
import type { SaleInput } from '../../../contracts/sales';
import type { PostedDocument } from '../../posting/types';
import type { PricedSale } from './price-sale';
import { receiptLine } from './receipt-line';
import type { ResolvedLine } from './resolve-lines';

export const TRAINING_NUMBER = 'TRAINING';

export function trainingReceipt(r: { sale: SaleInput; storeId: string; shiftId: string; resolved: ResolvedLine[]; priced: PricedSale; change: number; at: Date }): PostedDocument {
  const { sale, priced } = r;
  const basket = priced.basket;
  return {
    id: sale.id,
    clientId: sale.id,
    type: 'sale',
    number: TRAINING_NUMBER,
    training: true,
    storeId: r.storeId,
    registerId: sale.registerId,
    businessDate: '',
    postedAt: r.at.toISOString(),
    postedBy: '',
    approvedBy: null,
    total: basket.due,
    memo: 'training — not a sale',
    shiftId: r.shiftId,
    offline: sale.offline,
    clientTime: sale.clientTime,
    memberCode: sale.memberCode ?? null,
    lines: r.resolved.map((x, i) => receiptLine(x, priced, i)),
    subtotal: basket.subtotal,
    roundingMode: priced.roundingMode,
    rounding: basket.rounding,
    due: basket.due,
    taxByRate: basket.taxByRate,
    payments: sale.payments.map((p) => ({ method: p.method, amount: p.amount })),
    paid: sale.payments.reduce((s, p) => s + p.amount, 0),
    change: r.change,
    trace: basket.trace,
    flags: [],
  };
}
