import { sql, type Kysely } from 'kysely';
import { createImmutabilityTriggers, type DialectName } from '../dialect';

// What checkout needs beyond the posted `sale` document itself:
// - shifts (班次): a register's working session from opening float to close; at most one open per
//   register, enforced by a partial unique index so two tills racing to open both cannot win;
// - sales: one row per sale document with what the document header cannot hold (shift, offline
//   flag, till time, member, rounding, change), so shift close and reports read columns, not JSON;
// - sale_payments: every tender of a sale (split tender 组合支付), with the provider's reference,
//   so a shift's cash and the wallets' settlement files can be reconciled by method;
// - sale_flags: what a sale was accepted with but a person should look at (an offline price that
//   differs from the server's, stock sold below zero, an override without approval).
// The three sale tables are written in the posting transaction and are as immutable as the
// document; a later review step records its decisions in rows of its own.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const s = db.schema;

  await s
    .createTable('shifts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('register_id', 'text', (c) => c.notNull().references('registers.id'))
    // 'open' | 'closed'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opening_float', 'bigint', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.references('users.id'))
    .addColumn('closed_at', 'text')
    .execute();
  await s.createIndex('shifts_one_open_uq').on('shifts').column('register_id').unique().where(sql.ref('status'), '=', 'open').execute();
  await s.createIndex('shifts_store_ix').on('shifts').columns(['store_id', 'opened_at']).execute();

  await s
    .createTable('sales')
    .addColumn('document_id', 'text', (c) => c.primaryKey().references('documents.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('register_id', 'text', (c) => c.notNull().references('registers.id'))
    .addColumn('shift_id', 'text', (c) => c.notNull().references('shifts.id'))
    .addColumn('offline', 'integer', (c) => c.notNull())
    .addColumn('client_time', 'text', (c) => c.notNull())
    .addColumn('member_code', 'text')
    .addColumn('subtotal', 'bigint', (c) => c.notNull())
    .addColumn('rounding', 'bigint', (c) => c.notNull())
    .addColumn('due', 'bigint', (c) => c.notNull())
    .addColumn('change', 'bigint', (c) => c.notNull())
    .addColumn('tax', 'bigint', (c) => c.notNull())
    .addColumn('cost', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('sales_shift_ix').on('sales').columns(['shift_id']).execute();

  await s
    .createTable('sale_payments')
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('payment_no', 'integer', (c) => c.notNull())
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('shift_id', 'text', (c) => c.notNull().references('shifts.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('account_code', 'text', (c) => c.notNull())
    .addColumn('provider_ref', 'text')
    .addColumn('reference', 'text')
    .addPrimaryKeyConstraint('sale_payments_pk', ['document_id', 'payment_no'])
    .execute();
  await s.createIndex('sale_payments_shift_ix').on('sale_payments').columns(['shift_id', 'method']).execute();

  await s
    .createTable('sale_flags')
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('flag_no', 'integer', (c) => c.notNull())
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    // 0 = the whole sale; otherwise the document line it concerns.
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sale_flags_pk', ['document_id', 'flag_no'])
    .execute();
  await s.createIndex('sale_flags_store_ix').on('sale_flags').columns(['store_id', 'created_at']).execute();

  for (const table of ['sales', 'sale_payments', 'sale_flags']) await createImmutabilityTriggers(db, dialect, table);
}
