// The posted sale a return, exchange or void refers to, found by its receipt number (scanned from
// the receipt's barcode) or its id, with what each of its lines has left to return.
//
// An exchange's receipt is one too (returns and exchanges only, never a void): its new goods are
// its lines (document line numbers, as on the exchange receipt), priced as the exchange priced
// them, and its tenders are what paid for them — first the value of the goods brought back (the
// `credit` the exchange recorded: shares of the original sale's tenders), then what the customer
// paid on top. A return of those goods fills them last tender first like any receipt's.
//
// A sale of another store of the company is found when the caller names the store taking it back
// (`returningStoreId`) and may do `permission` there; whether that store accepts it is the flow's
// policy (store setting otherStoreReturns).
import type { Kysely } from 'kysely';
import type { PaymentMethod } from '../../../core/pricing/settle-payments';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import type { Permission } from '../../auth/permissions';
import { notFound } from '../../http/problem';
import type { StockMoveInput } from '../../posting/types';
import { isWallet } from '../sales/tender';
import { walletPaymentId } from '../sales/wallet-charges';

export interface OriginalLine {
  lineNo: number;
  productId: string;
  /** Base thousandths sold: what returns count against. */
  qty: number;
  unitPrice: number;
  /** Net amount paid for the line (tax included). */
  net: number;
  tax: number;
  taxRate: number;
  data: Record<string, unknown>;
}

export interface OriginalTender {
  paymentNo: number;
  method: PaymentMethod;
  amount: number;
  providerRef: string | null;
  reference: string | null;
  /** Our id of the wallet charge, to refund it at the provider; null: nothing to refund there (not a wallet, or charged offline). */
  providerPaymentId: string | null;
}

export interface OriginalSale {
  /** 'sale', or 'exchange' for the new goods of an exchange. */
  kind: 'sale' | 'exchange';
  documentId: string;
  clientId: string;
  payloadHash: string;
  number: string;
  storeId: string;
  registerId: string;
  shiftId: string;
  offline: boolean;
  businessDate: string;
  postedAt: string;
  memberCode: string | null;
  subtotal: number;
  rounding: number;
  due: number;
  change: number;
  tax: number;
  cost: number;
  lines: OriginalLine[];
  tenders: OriginalTender[];
  /** The sale's own stock moves (negative: out of stock), in move order. */
  moves: StockMoveInput[];
  /** Base thousandths already back per line (returns, exchanges, or all of it when voided). */
  returned: number[];
  voidedBy: { documentId: string; number: string } | null;
}

export interface SaleRef {
  saleId?: string;
  saleNumber?: string;
}

/** A tender share an exchange's returned goods paid its new goods with (stored in the exchange's result as `credit`). */
export interface CreditTender {
  method: PaymentMethod;
  amount: number;
  providerRef?: string;
  reference?: string;
  providerPaymentId?: string;
}

/**
 * A sale (or exchange) of the caller's company in a store where they hold `permission` — or, with
 * `returningStoreId`, in any store of the company when they hold it in the returning store;
 * anything else (another store's sale, a number that is no sale, a return's number) is 404 at the
 * field that named it.
 */
export async function findOriginalSale(
  db: Kysely<DB>,
  auth: AuthContext,
  permission: Permission,
  ref: SaleRef,
  opts: { returningStoreId?: string; kinds?: readonly ('sale' | 'exchange')[] } = {},
): Promise<OriginalSale> {
  const field = ref.saleId !== undefined ? 'saleId' : 'saleNumber';
  const kinds = opts.kinds ?? ['sale', 'exchange'];
  let q = db
    .selectFrom('documents')
    .innerJoin('sales', 'sales.document_id', 'documents.id')
    .select([
      'documents.id',
      'documents.type',
      'documents.client_id',
      'documents.payload_hash',
      'documents.number',
      'documents.store_id',
      'documents.business_date',
      'documents.posted_at',
      'documents.result_json',
      'sales.register_id',
      'sales.shift_id',
      'sales.offline',
      'sales.member_code',
      'sales.subtotal',
      'sales.rounding',
      'sales.due',
      'sales.change',
      'sales.tax',
      'sales.cost',
    ])
    .where('documents.company_id', '=', auth.user.companyId)
    .where('documents.type', 'in', [...kinds]);
  q = ref.saleId !== undefined ? q.where('documents.id', '=', ref.saleId) : q.where('documents.number', '=', ref.saleNumber!);
  const doc = await q.executeTakeFirst();
  const visible = doc && (auth.can(permission, doc.store_id) || (opts.returningStoreId !== undefined && auth.can(permission, opts.returningStoreId)));
  if (!doc || !visible) throw notFound('Sale', field);

  const [lines, tenders, moves, counters, voided] = await Promise.all([
    db.selectFrom('document_lines').selectAll().where('document_id', '=', doc.id).orderBy('line_no').execute(),
    db.selectFrom('sale_payments').selectAll().where('document_id', '=', doc.id).orderBy('payment_no').execute(),
    db.selectFrom('stock_moves').selectAll().where('document_id', '=', doc.id).orderBy('move_no').execute(),
    db.selectFrom('sale_line_returns').select(['line_no', 'returned_qty']).where('document_id', '=', doc.id).execute(),
    db
      .selectFrom('sales')
      .innerJoin('documents', 'documents.id', 'sales.document_id')
      .select(['documents.id', 'documents.number'])
      .where('sales.original_document_id', '=', doc.id)
      .where('sales.kind', '=', 'void')
      .executeTakeFirst(),
  ]);
  const offline = Number(doc.offline) === 1;
  const back = new Map(counters.map((c) => [Number(c.line_no), Number(c.returned_qty)]));
  const isExchange = doc.type === 'exchange';
  // An exchange's own lines of goods brought back are negative; its new goods are the positive ones.
  const goods = lines
    .filter((l) => !isExchange || Number(l.qty) > 0)
    .map((l) => {
      const data = l.data_json ? (JSON.parse(l.data_json) as Record<string, unknown>) : {};
      return {
        lineNo: Number(l.line_no),
        productId: l.product_id!,
        qty: Number(l.qty),
        unitPrice: Number(l.unit_price),
        net: Number(l.amount),
        tax: Number(data.tax ?? 0),
        taxRate: Number(data.taxRate ?? 0),
        data,
      };
    });
  const stockMoves = moves.map((m) => ({
    lineNo: Number(m.line_no),
    locationId: m.location_id,
    productId: m.product_id,
    batchId: m.batch_id,
    qty: Number(m.qty),
    costValue: Number(m.cost_value),
  }));
  const paid: OriginalTender[] = tenders
    .filter((p) => !isExchange || Number(p.amount) > 0)
    .map((p) => ({
      paymentNo: Number(p.payment_no),
      method: p.method as PaymentMethod,
      amount: Number(p.amount),
      providerRef: p.provider_ref,
      reference: p.reference,
      providerPaymentId: isWallet(p.method as PaymentMethod) && !offline ? walletPaymentId(doc.client_id, Number(p.payment_no) - 1, doc.payload_hash) : null,
    }));
  const base = {
    documentId: doc.id,
    clientId: doc.client_id,
    payloadHash: doc.payload_hash,
    number: doc.number,
    storeId: doc.store_id,
    registerId: doc.register_id,
    shiftId: doc.shift_id,
    offline,
    businessDate: doc.business_date,
    postedAt: doc.posted_at,
    memberCode: doc.member_code,
    change: Number(doc.change),
    lines: goods,
    moves: stockMoves,
    returned: goods.map((l) => back.get(l.lineNo) ?? 0),
    voidedBy: voided ? { documentId: voided.id, number: voided.number } : null,
  };
  if (!isExchange) {
    return {
      ...base,
      kind: 'sale',
      subtotal: Number(doc.subtotal),
      rounding: Number(doc.rounding),
      due: Number(doc.due),
      tax: Number(doc.tax),
      cost: Number(doc.cost),
      tenders: paid,
    };
  }
  // The new goods' own figures: their due as the exchange priced them, its 抹零 the difference to their nets.
  const result = JSON.parse(doc.result_json) as { newDue?: number; credit?: CreditTender[] };
  const subtotal = goods.reduce((s, l) => s + l.net, 0);
  const due = Number(result.newDue ?? subtotal);
  const goodsLines = new Set(goods.map((l) => l.lineNo));
  // Exchanges recorded before the credit was kept: the part the goods brought back paid is given back in cash.
  const ownNet = paid.reduce((s, p) => s + p.amount, 0) - Number(doc.change);
  const recorded = result.credit ?? (due > ownNet ? [{ method: 'cash' as const, amount: due - ownNet }] : []);
  const credit: OriginalTender[] = recorded.map((c, i) => ({
    paymentNo: i + 1,
    method: c.method,
    amount: c.amount,
    providerRef: c.providerRef ?? null,
    reference: c.reference ?? null,
    providerPaymentId: c.providerPaymentId ?? null,
  }));
  return {
    ...base,
    kind: 'exchange',
    subtotal,
    rounding: due - subtotal,
    due,
    tax: goods.reduce((s, l) => s + l.tax, 0),
    cost: -stockMoves.filter((m) => goodsLines.has(m.lineNo)).reduce((s, m) => s + m.costValue, 0),
    tenders: [...credit, ...paid.map((p, i) => ({ ...p, paymentNo: credit.length + i + 1 }))],
  };
}
