// Changes to the transfer workflow rows, made inside the posting transaction of the document that
// causes them, so a transfer's state and its documents commit (or roll back) together.
import { sql, type Kysely } from 'kysely';
import { refundForReturn } from '../../../core/returns/refund';
import type { DB } from '../../../db/schema';
import { conflict, unprocessable } from '../../http/problem';

export const OPEN_STATUSES = ['shipped', 'partially_received'] as const;

/**
 * Takes the transfer for this transaction: receipts and the close of one transfer run one after
 * the other (the UPDATE holds the row lock on PostgreSQL; SQLite has one writer), so each of them
 * sees what the previous one left. A transfer that is no longer open is a 409.
 */
export async function lockOpenTransfer(trx: Kysely<DB>, transferId: string, now: string): Promise<void> {
  const r = await trx
    .updateTable('transfers')
    .set({ updated_at: now })
    .where('id', '=', transferId)
    .where('status', 'in', [...OPEN_STATUSES])
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) {
    const row = await trx.selectFrom('transfers').select('status').where('id', '=', transferId).executeTakeFirst();
    throw conflict('transfer_not_open', `The transfer is ${row?.status ?? 'gone'}; only a shipped or partially received transfer can take this`, 'id', {
      status: row?.status,
    });
  }
}

export interface ReceivedLine {
  lineNo: number;
  productId: string;
  batchId: string;
  qty: number;
  /** Cost of what arrived now, in fen. */
  cost: number;
}

/**
 * Books `qty` more as received on one line. The increment is guarded in SQL
 * (`qty_received + q <= qty_shipped`), so two receipts racing for the same units can never take
 * more than was shipped: the loser updates nothing and gets 422 `over_receipt` at `field`.
 *
 * The cost that arrives is the cumulative proration of the line's cost (§9 rule 8, as for returns):
 * round(C × (r + q) / Q) − round(C × r / Q), so partial receipts never add up to more than C and
 * the last unit takes exactly what is left (3 units for 1000 fen: 1 → 333, then 2 → 667).
 */
export async function receiveOnLine(trx: Kysely<DB>, transferId: string, lineNo: number, qty: number, field: string): Promise<ReceivedLine> {
  const row = await trx
    .updateTable('transfer_lines')
    .set({ qty_received: sql`qty_received + ${qty}` })
    .where('transfer_id', '=', transferId)
    .where('line_no', '=', lineNo)
    .where(sql<boolean>`qty_received + ${qty} <= qty_shipped`)
    .returning(['product_id', 'batch_id', 'qty_shipped', 'qty_received', 'cost_value'])
    .executeTakeFirst();
  if (!row) {
    const line = await trx
      .selectFrom('transfer_lines')
      .select(['qty_shipped', 'qty_received'])
      .where('transfer_id', '=', transferId)
      .where('line_no', '=', lineNo)
      .executeTakeFirstOrThrow();
    const left = Number(line.qty_shipped) - Number(line.qty_received);
    throw unprocessable('over_receipt', `Line ${lineNo}: ${left} left to receive, ${qty} given`, field, { lineNo, remaining: left });
  }
  const shipped = Number(row.qty_shipped);
  const before = Number(row.qty_received) - qty;
  const step = refundForReturn({ lineNet: Number(row.cost_value), lineQty: shipped, alreadyReturnedQty: before, returnQty: qty });
  // The guarded update above already proved 0 < qty ≤ shipped − before.
  if (!step.ok) throw new Error(`transfer line ${lineNo}: ${step.message}`);
  await trx
    .updateTable('transfer_lines')
    .set({ cost_received: sql`cost_received + ${step.value}` })
    .where('transfer_id', '=', transferId)
    .where('line_no', '=', lineNo)
    .execute();
  return { lineNo, productId: row.product_id, batchId: row.batch_id, qty, cost: step.value };
}

/** 'received' once every line is complete, else 'partially_received'. */
export async function settleReceiptStatus(trx: Kysely<DB>, transferId: string, now: string): Promise<'received' | 'partially_received'> {
  const open = await trx
    .selectFrom('transfer_lines')
    .select('line_no')
    .where('transfer_id', '=', transferId)
    .where(sql<boolean>`qty_received < qty_shipped`)
    .limit(1)
    .executeTakeFirst();
  const status = open ? 'partially_received' : 'received';
  await trx.updateTable('transfers').set({ status, updated_at: now }).where('id', '=', transferId).execute();
  return status;
}

export async function linkDocument(trx: Kysely<DB>, transferId: string, documentId: string, kind: 'ship' | 'receipt' | 'close', now: string) {
  await trx.insertInto('transfer_documents').values({ transfer_id: transferId, document_id: documentId, kind, created_at: now }).execute();
}
