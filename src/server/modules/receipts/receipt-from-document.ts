// The receipt model of a posted checkout document (sale, return, exchange, void), built from what
// the document stored: its lines (with the priced figures in their data), the tax by rate of its
// response body, the `sales` row (totals, kind, member, offline), its tenders, and the store's
// receipt header and footer. The till builds the
// same model from its local sale, so both print through the same core renderers.
import type { Kysely } from 'kysely';
import { mulDivRound } from '../../../core/money/round';
import type { ReceiptKind, ReceiptLine, ReceiptModel, ReceiptTaxGroup } from '../../../core/receipts/receipt-model';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { notFound } from '../../http/problem';
import { readCheckoutSettings } from '../store-settings/service';

export interface ReceiptSource {
  documentId: string;
  storeId: string;
  registerId: string;
  model: ReceiptModel;
}

const KINDS: readonly ReceiptKind[] = ['sale', 'return', 'exchange', 'void'];

/** `id` is the document id or the sale's client id; another store's sale answers 404. */
export async function loadReceipt(db: Kysely<DB>, auth: AuthContext, id: string): Promise<ReceiptSource> {
  const row = await db
    .selectFrom('documents')
    .innerJoin('sales', 'sales.document_id', 'documents.id')
    .innerJoin('stores', 'stores.id', 'documents.store_id')
    .innerJoin('registers', 'registers.id', 'sales.register_id')
    .innerJoin('users', 'users.id', 'documents.posted_by')
    .leftJoin('documents as original', 'original.id', 'sales.original_document_id')
    .select([
      'documents.id',
      'documents.store_id',
      'documents.number',
      'documents.posted_at',
      'documents.result_json',
      'sales.register_id',
      'sales.kind',
      'sales.offline',
      'sales.client_time',
      'sales.member_code',
      'sales.subtotal',
      'sales.rounding',
      'sales.due',
      'sales.change',
      'stores.name as store_name',
      'stores.timezone',
      'stores.receipt_header',
      'registers.code as register_code',
      'users.display_name',
      'original.number as original_number',
    ])
    .where('documents.company_id', '=', auth.user.companyId)
    .where((eb) => eb.or([eb('documents.id', '=', id), eb('documents.client_id', '=', id)]))
    .executeTakeFirst();
  if (!row || !auth.can('sales.read', row.store_id)) throw notFound('Sale', 'id');

  const result = JSON.parse(row.result_json) as { taxByRate?: ReceiptTaxGroup[] };
  const lines = await db
    .selectFrom('document_lines')
    .innerJoin('products', 'products.id', 'document_lines.product_id')
    .select(['document_lines.qty', 'document_lines.unit_price', 'document_lines.amount', 'document_lines.data_json', 'products.name', 'products.sku', 'products.unit'])
    .where('document_lines.document_id', '=', row.id)
    .orderBy('document_lines.line_no')
    .execute();
  const payments = await db.selectFrom('sale_payments').select(['method', 'amount', 'reference', 'provider_ref']).where('document_id', '=', row.id).orderBy('payment_no').execute();
  const settings = await readCheckoutSettings(db, row.store_id);
  const kind = (KINDS as readonly string[]).includes(row.kind) ? (row.kind as ReceiptKind) : 'sale';

  return {
    documentId: row.id,
    storeId: row.store_id,
    registerId: row.register_id,
    model: {
      kind,
      number: row.number,
      originalNumber: row.original_number,
      storeName: row.store_name,
      header: settings.receiptHeader || row.receipt_header,
      footer: settings.receiptFooter,
      registerCode: row.register_code,
      cashier: row.display_name,
      // An offline sale is printed with the time the till rang it up, as its first print was.
      issuedAt: Number(row.offline) ? row.client_time : row.posted_at,
      timeZone: row.timezone,
      lines: lines.map(receiptLine),
      subtotal: Number(row.subtotal),
      rounding: Number(row.rounding),
      due: Number(row.due),
      taxByRate: result.taxByRate?.map((g) => ({ rate: g.rate, gross: g.gross, taxable: g.taxable, tax: g.tax })) ?? taxFromLines(lines),
      payments: payments.map((p) => ({ method: p.method, amount: Number(p.amount), reference: p.reference ?? p.provider_ref })),
      paid: payments.reduce((s, p) => s + Number(p.amount), 0),
      change: Number(row.change),
      memberCode: row.member_code,
      offline: Number(row.offline) === 1,
    },
  };
}

/** Tax by rate from the lines' own tax (a return's body has no summary): Σ line tax = group tax. */
function taxFromLines(lines: readonly StoredLine[]): ReceiptTaxGroup[] {
  const groups = new Map<number, ReceiptTaxGroup>();
  for (const l of lines) {
    const data = (l.data_json ? JSON.parse(l.data_json) : {}) as { taxRate?: unknown; tax?: unknown };
    if (typeof data.taxRate !== 'number' || typeof data.tax !== 'number') continue;
    const g = groups.get(data.taxRate) ?? { rate: data.taxRate, gross: 0, taxable: 0, tax: 0 };
    g.gross += Number(l.amount);
    g.tax += data.tax;
    g.taxable = g.gross - g.tax;
    groups.set(data.taxRate, g);
  }
  return [...groups.values()].sort((a, b) => b.rate - a.rate);
}

interface StoredLine {
  qty: number | string;
  unit_price: number | string;
  amount: number | string;
  data_json: string | null;
  name: string;
  sku: string;
  unit: string;
}

/**
 * A document line as printed. Sale lines carry the priced figures in their data (scanned unit and
 * quantity, gross, discounts); a returned line carries only its refund, so it prints the refund per
 * unit (`net ÷ qty`) with no discount of its own — the line then still adds up to what was paid back.
 */
function receiptLine(l: StoredLine): ReceiptLine {
  const data = (l.data_json ? JSON.parse(l.data_json) : {}) as Record<string, unknown>;
  const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined);
  const net = Number(l.amount);
  const baseQty = Number(l.qty);
  const taxRate = int(data.taxRate) ?? 0;
  const gross = int(data.gross);
  if (gross === undefined || int(data.pricedQty) === undefined) {
    return {
      name: l.name,
      unit: l.unit,
      qty: baseQty,
      unitPrice: baseQty === 0 ? 0 : mulDivRound(Math.abs(net), 1000, Math.abs(baseQty)),
      gross: net,
      lineDiscount: 0,
      orderDiscountShare: 0,
      net,
      taxRate,
    };
  }
  const lineDiscount = int(data.lineDiscount) ?? 0;
  return {
    name: l.name,
    unit: typeof data.unit === 'string' ? data.unit : l.unit,
    qty: int(data.pricedQty)!,
    unitPrice: Number(l.unit_price),
    gross,
    lineDiscount,
    orderDiscountShare: gross - lineDiscount - net,
    net,
    taxRate,
  };
}
