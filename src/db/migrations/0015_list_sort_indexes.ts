import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';

// Server-side sort of the product list (docs/back-office.md, Lists): a page sorted by price or by
// last change reads these indexes in order and stops at the page's LIMIT, instead of sorting a
// 1,000,000-product catalog per request. The id, the list's tiebreaker, is part of each key: SQLite
// would otherwise sort every product of the company by name (checked with EXPLAIN QUERY PLAN).
// SKU is unique per company already. (0007 dropped the old name index: search reads search_text.)
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  const s = db.schema;
  // The list's total counts the company's active products: from this index alone, not the table.
  await s.createIndex('products_status_ix').on('products').columns(['company_id', 'status']).execute();
  await s.createIndex('products_price_ix').on('products').columns(['company_id', 'price', 'id']).execute();
  await s.createIndex('products_name_sort_ix').on('products').columns(['company_id', 'name', 'id']).execute();
  await s.createIndex('products_updated_ix').on('products').columns(['company_id', 'updated_at', 'id']).execute();
}
