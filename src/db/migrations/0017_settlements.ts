import type { Kysely } from 'kysely';
import { createImmutabilityTriggers, type DialectName } from '../dialect';

// Payment reconciliation (对账, docs/accounting.md):
// - settlement_imports: one provider settlement file (WeChat Pay / Alipay bill) as imported; the
//   file's sha256 is unique per company, so the same file imports once. `fee_client_id` is the
//   client id its fee document posts under: posting the fees again replays, never posts twice.
// - settlement_rows: the file's transactions, amounts and fees in fen (refunds negative).
// Both are append-only (immutability triggers): a corrected bill is a new file.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const s = db.schema;
  await s
    .createTable('settlement_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('store_id', 'text', (c) => c.references('stores.id'))
    // 'wechat' | 'alipay'
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('fee', 'bigint', (c) => c.notNull())
    .addColumn('fee_client_id', 'text', (c) => c.notNull().unique())
    .addColumn('imported_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('settlement_imports_file_uq', ['company_id', 'file_hash'])
    .execute();
  await s.createIndex('settlement_imports_company_ix').on('settlement_imports').columns(['company_id', 'imported_at']).execute();

  await s
    .createTable('settlement_rows')
    .addColumn('import_id', 'text', (c) => c.notNull().references('settlement_imports.id'))
    .addColumn('row_no', 'integer', (c) => c.notNull())
    // 'payment' | 'refund'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('provider_ref', 'text', (c) => c.notNull())
    .addColumn('merchant_order_no', 'text', (c) => c.notNull())
    .addColumn('refund_ref', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('fee', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('settlement_rows_pk', ['import_id', 'row_no'])
    .execute();

  for (const table of ['settlement_imports', 'settlement_rows']) await createImmutabilityTriggers(db, dialect, table);
}
