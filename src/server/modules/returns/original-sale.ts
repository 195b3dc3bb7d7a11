// The posted sale a return, exchange or void refers to, found by its receipt number (scanned from
// the receipt's barcode) or its id, with what each of its lines has left to return.
import type { Kysely } from 'kysely';
import type { PaymentMethod } from '../../../core/pricing/settle-payments';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import type { Permission } from '../../auth/permissions';
import { notFound } from '../../http/problem';
import type { StockMoveInput } from '../../posting/types';

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
}

export interface OriginalSale {
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

/**
 * A sale of the caller's company in a store where they hold `permission`; anything else (another
 * store's sale, a number that is no sale, a return's number) is 404 at the field that named it.
 */
export async function findOriginalSale(db: Kysely<DB>, auth: AuthContext, permission: Permission, ref: SaleRef): Promise<OriginalSale> {
  const field = ref.saleId !== undefined ? 'saleId' : 'saleNumber';
  let q = db
    .selectFrom('documents')
    .innerJoin('sales', 'sales.document_id', 'documents.id')
    .select([
      'documents.id',
      'documents.client_id',
      'documents.payload_hash',
      'documents.number',
      'documents.store_id',
      'documents.business_date',
      'documents.posted_at',
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
    .where('documents.type', '=', 'sale');
  q = ref.saleId !== undefined ? q.where('documents.id', '=', ref.saleId) : q.where('documents.number', '=', ref.saleNumber!);
  const doc = await q.executeTakeFirst();
  if (!doc || !auth.can(permission, doc.store_id)) throw notFound('Sale', field);

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
  const back = new Map(counters.map((c) => [Number(c.line_no), Number(c.returned_qty)]));
  return {
    documentId: doc.id,
    clientId: doc.client_id,
    payloadHash: doc.payload_hash,
    number: doc.number,
    storeId: doc.store_id,
    registerId: doc.register_id,
    shiftId: doc.shift_id,
    offline: Number(doc.offline) === 1,
    businessDate: doc.business_date,
    postedAt: doc.posted_at,
    memberCode: doc.member_code,
    subtotal: Number(doc.subtotal),
    rounding: Number(doc.rounding),
    due: Number(doc.due),
    change: Number(doc.change),
    tax: Number(doc.tax),
    cost: Number(doc.cost),
    lines: lines.map((l) => {
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
    }),
    tenders: tenders.map((p) => ({
      paymentNo: Number(p.payment_no),
      method: p.method as PaymentMethod,
      amount: Number(p.amount),
      providerRef: p.provider_ref,
      reference: p.reference,
    })),
    moves: moves.map((m) => ({
      lineNo: Number(m.line_no),
      locationId: m.location_id,
      productId: m.product_id,
      batchId: m.batch_id,
      qty: Number(m.qty),
      costValue: Number(m.cost_value),
    })),
    returned: lines.map((l) => back.get(Number(l.line_no)) ?? 0),
    voidedBy: voided ? { documentId: voided.id, number: voided.number } : null,
  };
}
