import { sql, type Kysely } from 'kysely';
import { createImmutabilityTriggers, type DialectName } from '../dialect';

// Paid-in / paid-out (存入 / 取出) by shift (docs/checkout.md):
// - shift_cash_movements: one row per `cash_in` / `cash_out` document, written with it, naming
//   the register's shift that was open when it was posted (null: none was open). The X / Z
//   reports and the shift close count a shift's paid-in and paid-out by this id instead of by the
//   time window between opening and close, which could not tell two shifts of one register apart
//   when their times touched, nor a document posted while no shift was open.
// - Documents posted before this migration are backfilled by that time window, once.
// Append-only like the documents they describe.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const s = db.schema;
  await s
    .createTable('shift_cash_movements')
    .addColumn('document_id', 'text', (c) => c.primaryKey().references('documents.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('register_id', 'text', (c) => c.notNull().references('registers.id'))
    .addColumn('shift_id', 'text', (c) => c.references('shifts.id'))
    // 'in' | 'out'
    .addColumn('direction', 'text', (c) => c.notNull())
    // Positive fen, as the document's total.
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('shift_cash_movements_shift_ix').on('shift_cash_movements').column('shift_id').execute();

  await backfillShiftCashMovements(db);
  await createImmutabilityTriggers(db, dialect, 'shift_cash_movements');
}

/** Rows for paid-in / paid-out documents that have none, by the time window of the register's shifts. */
export async function backfillShiftCashMovements(db: Kysely<any>): Promise<void> {
  await sql`
    INSERT INTO shift_cash_movements (document_id, store_id, register_id, shift_id, direction, amount)
    SELECT d.id, d.store_id, d.register_id,
      (SELECT s.id FROM shifts s
        WHERE s.register_id = d.register_id AND s.opened_at <= d.posted_at
          AND (s.closed_at IS NULL OR d.posted_at <= s.closed_at)
        ORDER BY s.opened_at DESC LIMIT 1),
      CASE WHEN d.type = 'cash_in' THEN 'in' ELSE 'out' END,
      d.total
    FROM documents d
    WHERE d.type IN ('cash_in', 'cash_out') AND d.register_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM shift_cash_movements m WHERE m.document_id = d.id)`.execute(db);
}
