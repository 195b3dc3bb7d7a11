import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect';

// Sales analytics rollups (docs/analytics.md). Posting does not write them: a catch-up job reads
// the outbox row every posted document leaves and adds the document's figures to these tables,
// claiming each row once (outbox.rolled_up_at). Every key starts with the store (or company and
// date for the journal), so a month of one store or of a company is a short range scan.
// - rollup_product_day: till lines per store × business date × product (category at first sale);
// - rollup_till_hour: till documents per store × date × local hour × cashier (tickets, amounts);
// - rollup_payment_day: tenders per store × date × method, net of change;
// - rollup_account_day: journal lines per company × date × store × account, `kind` 'close' for
//   year-end closing documents so the profit and loss can leave them out.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  const s = db.schema;
  await s.alterTable('outbox').addColumn('rolled_up_at', 'text').execute();
  // Only the backlog is indexed: the index stays as small as the rollups are behind.
  await s.createIndex('outbox_rollup_pending_ix').on('outbox').column('id').where(sql.ref('rolled_up_at'), 'is', null).execute();

  // Summed columns: signed fen, thousandths or counts, zero until something adds to them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- column names are data here
  type Builder = any;
  const money = (t: Builder, cols: string[]): Builder => cols.reduce((acc: Builder, c) => acc.addColumn(c, 'bigint', (x: Builder) => x.notNull().defaultTo(0)), t);

  await money(
    s
      .createTable('rollup_product_day')
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('business_date', 'text', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('category_id', 'text'),
    ['sold_qty', 'returned_qty', 'sales', 'returns', 'tax', 'cost', 'discounts', 'lines'],
  )
    .addPrimaryKeyConstraint('rollup_product_day_pk', ['store_id', 'business_date', 'product_id'])
    .execute();

  await money(
    s
      .createTable('rollup_till_hour')
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('business_date', 'text', (c) => c.notNull())
      .addColumn('hour', 'integer', (c) => c.notNull())
      .addColumn('cashier_id', 'text', (c) => c.notNull()),
    ['tickets', 'return_tickets', 'items', 'sales', 'returns', 'tax', 'cost', 'discounts'],
  )
    .addPrimaryKeyConstraint('rollup_till_hour_pk', ['store_id', 'business_date', 'hour', 'cashier_id'])
    .execute();

  await money(
    s
      .createTable('rollup_payment_day')
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('business_date', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull()),
    ['amount', 'payments'],
  )
    .addPrimaryKeyConstraint('rollup_payment_day_pk', ['store_id', 'business_date', 'method'])
    .execute();

  await money(
    s
      .createTable('rollup_account_day')
      .addColumn('company_id', 'text', (c) => c.notNull())
      .addColumn('business_date', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('account_code', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull()),
    ['debit', 'credit'],
  )
    .addPrimaryKeyConstraint('rollup_account_day_pk', ['company_id', 'business_date', 'store_id', 'account_code', 'kind'])
    .execute();
  await s.createIndex('rollup_account_day_store_ix').on('rollup_account_day').columns(['store_id', 'business_date']).execute();
}
