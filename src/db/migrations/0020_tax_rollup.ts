import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect';

// The VAT summary read every till line of the period (issue 7: reports never scan raw lines).
// rollup_tax_day keeps, per company × store × business date × VAT rate (basis points, as the line
// stores it in data_json.taxRate), Σ line amount (gross, tax included, signed: returns negative)
// and Σ line tax, kept by the rollup catch-up. Backfilled from the lines of every document the
// rollups already took in; documents still pending in the outbox are added by the next catch-up.
// (The pending list is read once, through the partial index of the backlog: outbox has no index
// on document_id, so a correlated NOT EXISTS would scan the outbox per document on SQLite.)
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('rollup_tax_day')
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('tax_rate', 'integer', (c) => c.notNull())
    .addColumn('gross', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('tax', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('rollup_tax_day_pk', ['company_id', 'store_id', 'business_date', 'tax_rate'])
    .execute();
  // The same expressions as rollup-sql.ts at the time of writing (a migration stays as it was).
  const json = (key: string) => (dialect === 'postgres' ? `CAST(CAST(dl.data_json AS jsonb) ->> '${key}' AS bigint)` : `json_extract(dl.data_json, '$.${key}')`);
  await sql
    .raw(
      `INSERT INTO rollup_tax_day (company_id, store_id, business_date, tax_rate, gross, tax)
SELECT d.company_id, d.store_id, d.business_date, ${json('taxRate')}, SUM(dl.amount), SUM(${json('tax')})
FROM documents d
JOIN document_lines dl ON dl.document_id = d.id
WHERE d.type IN ('sale', 'sale_return', 'exchange', 'sale_void') AND ${json('taxRate')} IS NOT NULL AND ${json('tax')} IS NOT NULL
  AND d.id NOT IN (SELECT document_id FROM outbox WHERE rolled_up_at IS NULL AND document_id IS NOT NULL)
GROUP BY d.company_id, d.store_id, d.business_date, ${json('taxRate')}`,
    )
    .execute(db);
}
