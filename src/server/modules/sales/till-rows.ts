// The `sales` and `sale_payments` rows of a till document (sale, return, exchange, void), written
// with the document: shift close, the X / Z reports and day close read columns, not JSON.
// Amounts are signed nets (negative for a refund); a cash `amount` is what was handed over, the
// change is on the `sales` row.
import type { Kysely } from 'kysely';
import type { PaymentMethod } from '../../../core/pricing/settle-payments';
import { insertStatement, runBatch, type SqlStatement } from '../../../db/dialect';
import type { DB } from '../../../db/schema';
import { DEFAULT_RULES, type PostingRules } from '../posting-rules/rules';

export interface TillRow {
  documentId: string;
  storeId: string;
  registerId: string;
  shiftId: string;
  kind: 'sale' | 'return' | 'exchange' | 'void';
  originalDocumentId: string | null;
  offline: boolean;
  clientTime: string;
  memberCode: string | null;
  subtotal: number;
  rounding: number;
  due: number;
  change: number;
  tax: number;
  cost: number;
  /** Signed: − paid back, + received. */
  payments: readonly { method: PaymentMethod; amount: number; providerRef?: string; reference?: string }[];
  /** The rules the document's journal used, so each payment row names the account it was booked to. Default: the chart's. */
  rules?: PostingRules;
}

/** The `sales` and `sale_payments` rows shift close and the reports read (signed amounts). */
export async function writeTillRows(t: Kysely<DB>, r: TillRow): Promise<void> {
  await runBatch(t, tillRowStatements(r));
}

const SALE_COLUMNS = ['document_id', 'store_id', 'register_id', 'shift_id', 'offline', 'client_time', 'member_code', 'subtotal', 'rounding', 'due', 'change', 'tax', 'cost', 'kind', 'original_document_id'];
const PAYMENT_COLUMNS = ['document_id', 'payment_no', 'store_id', 'shift_id', 'method', 'amount', 'account_code', 'provider_ref', 'reference'];

/** `writeTillRows` as statements, for a posting plan's `rows` (written in the document's batch). */
export function tillRowStatements(r: TillRow): SqlStatement[] {
  const sale = insertStatement('sales', SALE_COLUMNS, [
    [r.documentId, r.storeId, r.registerId, r.shiftId, r.offline ? 1 : 0, r.clientTime, r.memberCode, r.subtotal, r.rounding, r.due, r.change, r.tax, r.cost, r.kind, r.originalDocumentId],
  ]);
  if (!r.payments.length) return [sale];
  const rules = r.rules ?? DEFAULT_RULES;
  return [
    sale,
    insertStatement(
      'sale_payments',
      PAYMENT_COLUMNS,
      r.payments.map((p, i) => [r.documentId, i + 1, r.storeId, r.shiftId, p.method, p.amount, rules.payment(p.method), p.providerRef ?? null, p.reference ?? null]),
    ),
  ];
}
