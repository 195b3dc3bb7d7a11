import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';
import { defaultTaxRateRows } from '../../server/modules/tax-rates/defaults';

// Tax rates (税率, docs/catalog.md "Tax rates"): the company's list of VAT / levy rates in basis
// points, the only rates a product may carry. Rates are never deleted (products and documents
// keep them): they are renamed or deactivated. Exactly one active rate is the default.
// Every existing company gets the standard list; new companies get it from createCompany.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('tax_rates')
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('rate', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tax_rates_pk', ['company_id', 'rate'])
    .execute();
  const at = new Date().toISOString();
  const companies = await db.selectFrom('companies').select('id').execute();
  for (const c of companies) await db.insertInto('tax_rates').values(defaultTaxRateRows(c.id as string, at)).execute();
}
