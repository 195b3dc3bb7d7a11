// The `sales` and `sale_payments` rows of a till document (sale, return, exchange, void), written
// with the document: shift close, the X / Z reports and day close read columns, not JSON.
// Amounts are signed nets (negative for a refund); a cash `amount` is what was handed over, the
// change is on the `sales` row.
import type { Kysely } from 'kysely';
import type { PaymentMethod } from '../../../core/pricing/settle-payments';
import type { DB } from '../../../db/schema';
import { PAYMENT_ACCOUNTS } from './tender';

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
}

/** The `sales` and `sale_payments` rows shift close and the reports read (signed amounts). */
export async function writeTillRows(t: Kysely<DB>, r: TillRow): Promise<void> {
  await t
    .insertInto('sales')
    .values({
      document_id: r.documentId,
      store_id: r.storeId,
      register_id: r.registerId,
      shift_id: r.shiftId,
      offline: r.offline ? 1 : 0,
      client_time: r.clientTime,
      member_code: r.memberCode,
      subtotal: r.subtotal,
      rounding: r.rounding,
      due: r.due,
      change: r.change,
      tax: r.tax,
      cost: r.cost,
      kind: r.kind,
      original_document_id: r.originalDocumentId,
    })
    .execute();
  if (!r.payments.length) return;
  await t
    .insertInto('sale_payments')
    .values(
      r.payments.map((p, i) => ({
        document_id: r.documentId,
        payment_no: i + 1,
        store_id: r.storeId,
        shift_id: r.shiftId,
        method: p.method,
        amount: p.amount,
        account_code: PAYMENT_ACCOUNTS[p.method],
        provider_ref: p.providerRef ?? null,
        reference: p.reference ?? null,
      })),
    )
    .execute();
}
