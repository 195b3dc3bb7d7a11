import type { Kysely } from 'kysely';
import { createImmutabilityTriggers, type DialectName } from '../dialect';

// Shift close (交接班), day close (日结) and receipt prints (docs/checkout.md):
// - shift_closes: one per shift, written with its `shift_close` document: the drawer count by
//   denomination, expected and counted cash, and the X report frozen at close (the Z report);
// - shift_close_methods: expected vs counted per payment method, so the day's over/short by method
//   is a SUM, not JSON;
// - day_closes: one per store and business date (unique), with the summary frozen at close;
// - receipt_prints: every print of a receipt after the original (重印 COPY), numbered per
//   document, with who printed it; the register's audit chain has the same event.
// All four are append-only (immutability triggers); the shift's own status lives in `shifts`.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const s = db.schema;

  await s
    .createTable('shift_closes')
    .addColumn('shift_id', 'text', (c) => c.primaryKey().references('shifts.id'))
    .addColumn('document_id', 'text', (c) => c.notNull().unique().references('documents.id'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('register_id', 'text', (c) => c.notNull().references('registers.id'))
    // The shift's business date (the day it opened), which day close groups by.
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addColumn('expected_cash', 'bigint', (c) => c.notNull())
    .addColumn('counted_cash', 'bigint', (c) => c.notNull())
    // Σ (counted − expected) over every method: + over (长款), − short (短款).
    .addColumn('over_short', 'bigint', (c) => c.notNull())
    .addColumn('cash_count_json', 'text', (c) => c.notNull())
    .addColumn('report_json', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('shift_closes_store_date_ix').on('shift_closes').columns(['store_id', 'business_date']).execute();

  await s
    .createTable('shift_close_methods')
    .addColumn('shift_id', 'text', (c) => c.notNull().references('shifts.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('expected', 'bigint', (c) => c.notNull())
    .addColumn('counted', 'bigint', (c) => c.notNull())
    .addColumn('difference', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('shift_close_methods_pk', ['shift_id', 'method'])
    .execute();

  await s
    .createTable('day_closes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addColumn('summary_json', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('day_closes_store_date_uq').on('day_closes').columns(['store_id', 'business_date']).unique().execute();

  await s
    .createTable('receipt_prints')
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('print_no', 'integer', (c) => c.notNull())
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    // 'html' | 'escpos'
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('printed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('printed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('receipt_prints_pk', ['document_id', 'print_no'])
    .execute();

  for (const table of ['shift_closes', 'shift_close_methods', 'day_closes', 'receipt_prints']) await createImmutabilityTriggers(db, dialect, table);
}
