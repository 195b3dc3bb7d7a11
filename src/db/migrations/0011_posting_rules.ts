import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';

// Posting rules (记账规则, docs/accounting.md "Posting rules"): per company, kind + key → the
// account the automatic postings use (payment method → asset account, category → revenue / COGS,
// tax rate → output VAT sub-account...). No row = the chart's default, so an empty table books
// exactly as before. Rules are edited in place (a change affects only new postings; the journal
// keeps what was posted), and every change is in the company's audit chain.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('posting_rules')
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('account_code', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('posting_rules_pk', ['company_id', 'kind', 'key'])
    .addForeignKeyConstraint('posting_rules_account_fk', ['company_id', 'account_code'], 'accounts', ['company_id', 'code'])
    .execute();
}
