import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';

// Accounting reports foundation (docs/accounting.md):
// - companies.books_lock_date: the last business date of the closed period (关账); the posting
//   engine refuses documents dated on or before it (offline till documents move to the next day);
// - accounts.parent_code / active: sub-accounts (222101 under 2221) and deactivated accounts;
// - journal_entries by company/store × business date: every report reads a date range of entries
//   and their lines by primary key, never the whole journal.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  const s = db.schema;
  await s.alterTable('companies').addColumn('books_lock_date', 'text').execute();
  await s.alterTable('accounts').addColumn('parent_code', 'text').execute();
  await s.alterTable('accounts').addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await s.createIndex('journal_entries_company_date_ix').on('journal_entries').columns(['company_id', 'business_date']).execute();
  await s.createIndex('journal_entries_store_date_ix').on('journal_entries').columns(['store_id', 'business_date']).execute();
}
