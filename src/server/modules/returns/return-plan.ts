// What a receipt return writes, computed inside the posting transaction: the lines claimed against
// the receipt's counters, refunds by §9 rule 8, goods back to the sale's batches at the sale's
// cost, and the refund split over the sale's tenders. Shared by returns and exchanges.
import type { Kysely } from 'kysely';
import { mulDivRound, negateFen } from '../../../core/money/round';
import { priceReturn } from '../../../core/returns/price-return';
import { allocateRefund, tenderNets } from '../../../core/returns/refund-tenders';
import type { PaymentMethod } from '../../../core/pricing/settle-payments';
import type { DialectInfo } from '../../../db/dialect';
import type { DB } from '../../../db/schema';
import { conflict } from '../../http/problem';
import type { DocumentLineInput, StockMoveInput } from '../../posting/types';
import type { OriginalSale } from './original-sale';
import type { PostingRulesCache } from '../posting-rules/cache';
import { productCategories } from '../posting-rules/product-categories';
import type { PostingRules } from '../posting-rules/rules';
import { claimReturn } from './return-claims';
import { revenuePart, type RevenuePart } from './return-journal';
import { returnLineStock } from './return-stock';

export interface WantedLine {
  lineNo: number;
  qty: number;
  damaged: boolean;
  /** Request field of the quantity, to blame if it is more than is left. */
  field: string;
}

/** One tender paid back; `amount` positive. */
export interface TenderRefund {
  tenderNo: number;
  method: PaymentMethod;
  amount: number;
  providerRef?: string;
  reference?: string;
  /** Our id of the original wallet charge, to refund it at the provider (online sales only). */
  providerPaymentId?: string;
}

export interface ReceiptReturn {
  lines: DocumentLineInput[];
  /** Line views for the response, in document line order. */
  views: Record<string, unknown>[];
  moves: StockMoveInput[];
  /** Σ line refunds, their VAT, the 抹零 given back (signed) and the refund due to the customer. */
  amount: number;
  tax: number;
  rounding: number;
  refund: number;
  /** Cost back into stock (all of it) and the part written off again as damaged. */
  cost: number;
  damagedCost: number;
  /** The receipt's cumulative refund before this return (exchanges split their difference from here). */
  refundedBefore: number;
  /** Per returned line, positive: what the books reverse (revenue without tax, VAT, cost). */
  booked: { productId: string; taxRate: number; taxable: number; tax: number; cost: number }[];
}

/** Every line of the receipt with what is left of it: a "return the whole receipt" request. */
export function wholeReceipt(sale: OriginalSale, damaged: boolean, field: string): WantedLine[] {
  return sale.lines
    .map((l, i) => ({ lineNo: l.lineNo, qty: l.qty - sale.returned[i], damaged, field }))
    .filter((w) => w.qty > 0);
}

export async function planReceiptReturn(
  trx: Kysely<DB>,
  dialect: DialectInfo,
  sale: OriginalSale,
  wanted: readonly WantedLine[],
  firstLineNo = 1,
  /** Where the goods go back: another store's location when returned there; default the sale's own. */
  intoLocationId?: string,
): Promise<ReceiptReturn> {
  const before = await claimReturn(trx, dialect, sale, wanted);
  const index = (lineNo: number) => sale.lines.findIndex((l) => l.lineNo === lineNo);
  const priced = priceReturn(
    { lines: sale.lines.map((l) => ({ qty: l.qty, net: l.net, tax: l.tax })), rounding: sale.rounding },
    before,
    wanted.map((w) => ({ line: index(w.lineNo), qty: w.qty })),
  );

  const out: ReceiptReturn = { lines: [], views: [], moves: [], amount: 0, tax: 0, rounding: priced.rounding, refund: priced.refund, cost: 0, damagedCost: 0, refundedBefore: priced.from, booked: [] };
  wanted.forEach((w, k) => {
    const i = index(w.lineNo);
    const line = sale.lines[i];
    const p = priced.lines[k];
    const lineNo = firstLineNo + k;
    const stock = returnLineStock(
      sale.moves.filter((m) => m.lineNo === w.lineNo).map((m) => (intoLocationId ? { ...m, locationId: intoLocationId } : m)),
      before[i],
      w.qty,
      lineNo,
      w.damaged,
    );
    out.moves.push(...stock.moves);
    out.cost += stock.cost;
    out.damagedCost += stock.damagedCost;
    out.amount += p.amount;
    out.tax += p.tax;
    out.booked.push({ productId: line.productId, taxRate: line.taxRate, taxable: p.amount - p.tax, tax: p.tax, cost: stock.cost });
    // The discounts given back with the goods, prorated like the refund and signed like the line,
    // so the reports' discount totals net returns off.
    const share = (fen: unknown) => negateFen(mulDivRound(Number(fen ?? 0), before[i] + w.qty, line.qty) - mulDivRound(Number(fen ?? 0), before[i], line.qty));
    const data = {
      returnOf: w.lineNo,
      unit: line.data.unit,
      lineDiscount: share(line.data.lineDiscount),
      orderDiscountShare: share(line.data.orderDiscountShare),
      taxRate: line.taxRate,
      tax: negateFen(p.tax),
      damaged: w.damaged,
      cost: negateFen(stock.cost),
    };
    out.lines.push({ productId: line.productId, qty: -w.qty, unitPrice: line.unitPrice, amount: negateFen(p.amount), data });
    out.views.push({ lineNo, returnOf: w.lineNo, productId: line.productId, qty: -w.qty, refund: p.amount, tax: p.tax, taxRate: line.taxRate, damaged: w.damaged });
  });
  return out;
}

/**
 * The sale's tenders paid back for the receipt's refunds from `from` to `to` (cumulative, last
 * tender first; see allocateRefund). A bank card refund records the terminal's reference of the
 * refund when the till gives one, else the sale's.
 */
export function tenderRefunds(sale: OriginalSale, from: number, to: number, cardReference?: string): TenderRefund[] {
  const shares = allocateRefund(tenderNets(sale.tenders, sale.change), from, to);
  return sale.tenders.flatMap((t, i) => {
    if (!shares[i]) return [];
    const r: TenderRefund = { tenderNo: t.paymentNo, method: t.method, amount: shares[i] };
    if (t.providerRef) r.providerRef = t.providerRef;
    const reference = t.method === 'card' ? (cardReference ?? t.reference) : t.reference;
    if (reference) r.reference = reference;
    if (t.providerPaymentId) r.providerPaymentId = t.providerPaymentId;
    return [r];
  });
}

/**
 * Inside the posting transaction: the shift whose drawer pays the refund is still open. A shift
 * close (交接班) bumps the same register counter, so by now it has committed or waits for us.
 */
export async function requireShiftStillOpen(trx: Kysely<DB>, shiftId: string): Promise<void> {
  const shift = await trx.selectFrom('shifts').select('status').where('id', '=', shiftId).executeTakeFirst();
  if (shift?.status !== 'open') throw conflict('shift_closed', 'The shift is closed; open a new shift first', 'shiftId');
}

/**
 * The company's posting rules and the returned lines as the books see them: revenue and cost go
 * back through the accounts of the products' categories as they are now (a return is a new
 * posting). `alsoCategories`: categories of goods sold in the same document (an exchange).
 */
export async function returnBooks(
  trx: Kysely<DB>,
  cache: PostingRulesCache,
  companyId: string,
  r: ReceiptReturn,
  alsoCategories: readonly (string | null)[] = [],
): Promise<{ rules: PostingRules; returned: RevenuePart }> {
  const categoryOf = await productCategories(trx, r.booked.map((b) => b.productId));
  const lines = r.booked.map((b) => ({ ...b, categoryId: categoryOf.get(b.productId) ?? null }));
  const rules = await cache.get(trx, companyId, [...lines.map((l) => l.categoryId), ...alsoCategories]);
  return { rules, returned: revenuePart(lines, r.rounding) };
}
