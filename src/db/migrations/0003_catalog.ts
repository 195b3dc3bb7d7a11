import { sql, type Kysely } from 'kysely';
import { useCodePointOrder, type DialectName } from '../dialect';

// What the catalog service needs beyond 0002: code-point ordering for the columns searched by
// prefix, PLUs unique among active products, the company member price, and the bookkeeping of a
// price change while it takes effect.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const s = db.schema;

  await useCodePointOrder(db, dialect, 'products', ['sku', 'pinyin_initials', 'pinyin_full', 'plu']);
  await useCodePointOrder(db, dialect, 'barcodes', ['code']);
  await s.createIndex('products_pinyin_full_ix').on('products').columns(['company_id', 'pinyin_full']).execute();

  // A scale label carries the PLU, so two active products must never share one; an archived
  // product gives its PLU back. Partial unique indexes exist on both dialects.
  await s.dropIndex('products_plu_ix').execute();
  await sql`CREATE UNIQUE INDEX products_plu_uq ON products (company_id, plu) WHERE status = 'active' AND plu IS NOT NULL`.execute(db);

  // Company member price (会员价); store overrides keep theirs in store_prices.member_price.
  await s.alterTable('products').addColumn('member_price', 'bigint').execute();

  // A change to all stores swaps the prices of every store in one transaction (the first of its
  // per-store documents); the prices each store had just before are kept here so the documents
  // posted after it still record the true old prices, even when posting resumes after a crash.
  await s.alterTable('price_changes').addColumn('snapshot_json', 'text').execute();
  await s.alterTable('price_changes').addColumn('applied_at', 'text').execute();
  await s.createIndex('price_changes_due_ix').on('price_changes').columns(['status', 'effective_at']).execute();
  await s.createIndex('price_changes_company_ix').on('price_changes').columns(['company_id', 'created_at']).execute();

  await s.createIndex('product_suppliers_supplier_ix').on('product_suppliers').column('supplier_id').execute();
  await s.createIndex('categories_parent_ix').on('categories').columns(['company_id', 'parent_id']).execute();
}
