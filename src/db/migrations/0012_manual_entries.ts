import type { Kysely } from 'kysely';
import { createImmutabilityTriggers, type DialectName } from '../dialect';

// Manual journal entries, reversals and the year-end close (docs/accounting.md):
// - manual_entries / manual_entry_lines: a finance user's draft (手工凭证) until another user
//   approves it (posted as a `manual_entry` document, document_id set) or rejects it; `version`
//   bumps on every edit so an approval posts exactly the lines the approver saw;
// - document_reversals: original → its `reversal` document; the primary key is what makes a
//   document reversed at most once, even by two requests at the same instant;
// - year_end_close_documents: the `year_end_close` documents (one per store with activity), which
//   the profit and loss report leaves out; year_end_closes: one row per company and closed year.
// The last three are append-only (immutability triggers).
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const s = db.schema;

  await s
    .createTable('manual_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('memo', 'text', (c) => c.notNull())
    // 'draft' | 'posted' | 'rejected'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('payload_hash', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('document_id', 'text', (c) => c.unique().references('documents.id'))
    .execute();
  await s.createIndex('manual_entries_company_status_ix').on('manual_entries').columns(['company_id', 'status', 'business_date']).execute();
  await s.createIndex('manual_entries_store_date_ix').on('manual_entries').columns(['store_id', 'business_date']).execute();

  await s
    .createTable('manual_entry_lines')
    .addColumn('entry_id', 'text', (c) => c.notNull().references('manual_entries.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('account_code', 'text', (c) => c.notNull())
    .addColumn('debit', 'bigint', (c) => c.notNull())
    .addColumn('credit', 'bigint', (c) => c.notNull())
    .addColumn('memo', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('manual_entry_lines_pk', ['entry_id', 'line_no'])
    .execute();

  await s
    .createTable('document_reversals')
    .addColumn('original_document_id', 'text', (c) => c.primaryKey().references('documents.id'))
    .addColumn('reversal_document_id', 'text', (c) => c.notNull().unique().references('documents.id'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .execute();

  await s
    .createTable('year_end_close_documents')
    .addColumn('document_id', 'text', (c) => c.primaryKey().references('documents.id'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .execute();
  await s.createIndex('year_end_close_documents_company_ix').on('year_end_close_documents').columns(['company_id', 'year']).execute();

  await s
    .createTable('year_end_closes')
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('closed_at', 'text', (c) => c.notNull())
    // Net profit of the year over every store, the amount that went into 3104.
    .addColumn('profit', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('year_end_closes_pk', ['company_id', 'year'])
    .execute();

  for (const table of ['document_reversals', 'year_end_close_documents', 'year_end_closes']) await createImmutabilityTriggers(db, dialect, table);
}
