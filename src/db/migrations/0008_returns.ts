import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect';

// Returns, exchanges and voids (docs/checkout.md):
// - every return / exchange / void writes a `sales` row too, so shift close, X/Z reports and day
//   close read one table: `kind` says which, amounts are the signed net (negative = refunded) and
//   `original_document_id` names the sale it reverses (null for a return without receipt);
// - at most one void per sale (partial unique index), so two managers voiding at once cannot both win;
// - sale_line_returns: per sale line, how much was sold and how much has gone back. It is the one
//   mutable counter of checkout: a return raises `returned_qty` with a guarded UPDATE
//   (… WHERE returned_qty + q <= sold_qty) inside its posting transaction, so concurrent returns
//   of the same line from two registers can never take back more than was sold, on both dialects.
//   A void fills every line (returned_qty = sold_qty), which is what makes a voided sale
//   unreturnable and a partly returned sale unvoidable.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  const s = db.schema;

  // 'sale' | 'return' | 'exchange' | 'void'
  await s.alterTable('sales').addColumn('kind', 'text', (c) => c.notNull().defaultTo('sale')).execute();
  await s.alterTable('sales').addColumn('original_document_id', 'text', (c) => c.references('documents.id')).execute();
  await s.createIndex('sales_original_ix').on('sales').column('original_document_id').execute();
  await s
    .createIndex('sales_one_void_uq')
    .on('sales')
    .column('original_document_id')
    .unique()
    .where(sql.ref('kind'), '=', 'void')
    .execute();

  await s
    .createTable('sale_line_returns')
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('sold_qty', 'bigint', (c) => c.notNull())
    .addColumn('returned_qty', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sale_line_returns_pk', ['document_id', 'line_no'])
    .addCheckConstraint('sale_line_returns_bounds', sql`returned_qty >= 0 AND returned_qty <= sold_qty`)
    .execute();
}
