// How much of each sale line is back, claimed inside the posting transaction of a return, exchange
// or void. The receipt's counter rows are created by its first return, then locked in line order
// (PostgreSQL; SQLite has one writer) so the figures a return is priced from cannot change under
// it, and each claim is a guarded UPDATE (returned + q <= sold): two registers returning the same
// line at once can never take back more than was sold, whichever dialect.
import { sql, type Kysely } from 'kysely';
import { forUpdate, type DialectInfo } from '../../../db/dialect';
import type { DB } from '../../../db/schema';
import { conflict } from '../../http/problem';
import type { OriginalSale } from './original-sale';

export interface LineClaim {
  lineNo: number;
  qty: number;
  /** Request field to blame when the claim fails, e.g. `lines.0.qty`. */
  field: string;
}

/** Locks the receipt's counters; returns what was back per line (in line order) before this claim. */
async function lockCounters(trx: Kysely<DB>, dialect: DialectInfo, sale: OriginalSale): Promise<number[]> {
  await trx
    .insertInto('sale_line_returns')
    .values(
      sale.lines.map((l) => ({
        document_id: sale.documentId,
        line_no: l.lineNo,
        store_id: sale.storeId,
        product_id: l.productId,
        sold_qty: l.qty,
        returned_qty: 0,
      })),
    )
    .onConflict((oc) => oc.columns(['document_id', 'line_no']).doNothing())
    .execute();
  const rows = await sql<{ line_no: number; returned_qty: number }>`
    SELECT line_no, returned_qty FROM sale_line_returns WHERE document_id = ${sale.documentId}
    ORDER BY line_no${sql.raw(forUpdate(dialect))}`.execute(trx);
  const back = new Map(rows.rows.map((r) => [Number(r.line_no), Number(r.returned_qty)]));
  return sale.lines.map((l) => back.get(l.lineNo) ?? 0);
}

/**
 * Claims `claims` against the receipt. Refused: a voided sale (409 `sale_voided`), more than is
 * left on a line (409 `return_exceeds_sold` with `sold`, `returned`, `returnable`).
 */
export async function claimReturn(trx: Kysely<DB>, dialect: DialectInfo, sale: OriginalSale, claims: readonly LineClaim[]): Promise<number[]> {
  const before = await lockCounters(trx, dialect, sale);
  // After the lock: a void that committed meanwhile is seen.
  await refuseVoided(trx, sale);
  for (const c of claims) {
    const i = sale.lines.findIndex((l) => l.lineNo === c.lineNo);
    const res = await trx
      .updateTable('sale_line_returns')
      .set({ returned_qty: sql`returned_qty + ${c.qty}` })
      .where('document_id', '=', sale.documentId)
      .where('line_no', '=', c.lineNo)
      .where(sql<boolean>`returned_qty + ${c.qty} <= sold_qty`)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      const sold = sale.lines[i].qty;
      throw conflict('return_exceeds_sold', `Only ${(sold - before[i]) / 1000} of line ${c.lineNo} are left to return`, c.field, {
        sold,
        returned: before[i],
        returnable: sold - before[i],
      });
    }
  }
  return before;
}

/**
 * A void takes the whole receipt back at once: only a sale nothing of which has been returned
 * (409 `sale_partly_returned`) and that is not voided yet (409 `sale_voided`; a unique index on
 * the void rows backs this up).
 */
export async function claimVoid(trx: Kysely<DB>, dialect: DialectInfo, sale: OriginalSale, field: string): Promise<void> {
  const before = await lockCounters(trx, dialect, sale);
  await refuseVoided(trx, sale);
  if (before.some((r) => r > 0)) throw conflict('sale_partly_returned', `Part of ${sale.number} has been returned; return the rest instead of voiding`, field);
  await trx
    .updateTable('sale_line_returns')
    .set({ returned_qty: sql`sold_qty` })
    .where('document_id', '=', sale.documentId)
    .execute();
}

async function refuseVoided(trx: Kysely<DB>, sale: OriginalSale): Promise<void> {
  const v = await trx.selectFrom('sales').select('document_id').where('original_document_id', '=', sale.documentId).where('kind', '=', 'void').executeTakeFirst();
  if (v || sale.voidedBy) throw conflict('sale_voided', `${sale.number} was voided`, 'saleId');
}
