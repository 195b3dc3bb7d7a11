import { sql, type Kysely } from 'kysely';
import { createImmutabilityTriggers, type DialectName } from '../dialect';

// Catalog (categories, product details, units, barcodes, prices, suppliers) and inventory
// (batches, bins, limits, transfers, stocktakes). Workflow tables (transfers, stocktakes, price
// changes) are mutable until they post documents; the documents themselves stay immutable.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const s = db.schema;

  await s
    .createTable('categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('parent_id', 'text', (c) => c.references('categories.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('categories_code_uq', ['company_id', 'code'])
    .execute();

  // Product details beyond the foundation's minimum. pinyin_* and search_text are derived from the
  // name on write so name/pinyin search is an index-friendly prefix/LIKE match.
  const productColumns: [string, string, boolean][] = [
    ['spec', 'text', true],
    ['brand', 'text', true],
    ['origin', 'text', true],
    ['category_id', 'text', false],
    ['pinyin_initials', 'text', true],
    ['pinyin_full', 'text', true],
    ['search_text', 'text', true],
    ['weighable', 'integer', true],
    ['plu', 'text', false],
    ['track_batches', 'integer', true],
    ['shelf_life_days', 'integer', false],
    ['cost_method', 'text', true],
    ['variant_template_id', 'text', false],
    ['variant_json', 'text', false],
    ['updated_at', 'text', true],
  ];
  for (const [name, type, notNull] of productColumns) {
    const dflt = type === 'integer' ? 0 : name === 'cost_method' ? 'moving_average' : '';
    await s
      .alterTable('products')
      .addColumn(name, type as 'text', (c) => (notNull ? c.notNull().defaultTo(dflt) : c))
      .execute();
  }
  await s.createIndex('products_plu_ix').on('products').columns(['company_id', 'plu']).execute();
  await s.createIndex('products_initials_ix').on('products').columns(['company_id', 'pinyin_initials']).execute();
  await s.createIndex('products_category_ix').on('products').columns(['company_id', 'category_id']).execute();
  await s.createIndex('products_name_ix').on('products').columns(['company_id', 'name']).execute();

  await s
    .createTable('variant_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('attributes_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Pack conversions: 1 箱 = 24 瓶 is factor 24000 (thousandths of the base unit).
  await s
    .createTable('product_units')
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('factor', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('product_units_pk', ['product_id', 'unit'])
    .execute();

  // A barcode belongs to exactly one product (and names the pack unit it is printed on).
  await s
    .createTable('barcodes')
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('barcodes_pk', ['company_id', 'code'])
    .execute();
  await s.createIndex('barcodes_product_ix').on('barcodes').column('product_id').execute();

  // Current prices are materialised for fast lookup: products.price (company) and store_prices
  // (per-store overrides). `prices` is the append-only history, one row per change that took
  // effect (store_id '*' = company price), linked to the price_change document.
  await s
    .createTable('prices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('price', 'bigint', (c) => c.notNull())
    .addColumn('member_price', 'bigint')
    .addColumn('effective_at', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.references('documents.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('store_prices')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('price', 'bigint', (c) => c.notNull())
    .addColumn('member_price', 'bigint')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('store_prices_pk', ['store_id', 'product_id'])
    .execute();
  await s.createIndex('prices_lookup_ix').on('prices').columns(['product_id', 'store_id', 'effective_at']).execute();

  // 调价单 workflow: draft → approved (posts a price_change document) or cancelled.
  await s
    .createTable('price_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('effective_at', 'text', (c) => c.notNull())
    .addColumn('stores_json', 'text', (c) => c.notNull())
    .addColumn('lines_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('approved_by', 'text', (c) => c.references('users.id'))
    .addColumn('document_id', 'text', (c) => c.references('documents.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await s
    .createTable('suppliers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tax_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('payment_terms_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('suppliers_code_uq', ['company_id', 'code'])
    .execute();

  await s
    .createTable('product_suppliers')
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('supplier_id', 'text', (c) => c.notNull().references('suppliers.id'))
    .addColumn('purchase_price', 'bigint', (c) => c.notNull())
    .addColumn('pack_unit', 'text', (c) => c.notNull())
    .addColumn('pack_size', 'bigint', (c) => c.notNull())
    .addColumn('supplier_sku', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('product_suppliers_pk', ['product_id', 'supplier_id'])
    .execute();

  await s
    .createTable('stock_limits')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('min_qty', 'bigint', (c) => c.notNull())
    .addColumn('max_qty', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('stock_limits_pk', ['store_id', 'product_id'])
    .execute();

  // Batches (lots) with production and expiry dates; stock_moves.batch_id names one ('' = none).
  await s
    .createTable('batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('lot', 'text', (c) => c.notNull())
    .addColumn('production_date', 'text')
    .addColumn('expiry_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('batches_lot_uq', ['product_id', 'lot'])
    .execute();
  await s.createIndex('batches_expiry_ix').on('batches').columns(['product_id', 'expiry_date']).execute();

  // Bins (货位) are locations with a parent location.
  await s.alterTable('locations').addColumn('parent_id', 'text').execute();

  // Last known unit cost per product × store: the cost of an issue when nothing is on hand.
  await s
    .createTable('cost_state')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('last_unit_cost', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('cost_state_pk', ['store_id', 'product_id'])
    .execute();

  // 调拨 workflow: shipped (transfer_out posted, goods in transit) → partially received →
  // received / closed with a discrepancy (transfer_in + write-off of what never arrived).
  await s
    .createTable('transfers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('from_store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('to_store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('memo', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('transfer_lines')
    .addColumn('transfer_id', 'text', (c) => c.notNull().references('transfers.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('qty_shipped', 'bigint', (c) => c.notNull())
    .addColumn('qty_received', 'bigint', (c) => c.notNull())
    .addColumn('cost_value', 'bigint', (c) => c.notNull())
    .addColumn('cost_received', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('transfer_lines_pk', ['transfer_id', 'line_no'])
    .execute();

  // 盘点 workflow: counting (snapshot taken) → approved (adjustment posted) or cancelled.
  await s
    .createTable('stocktakes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_ref', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('blind', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('approved_by', 'text', (c) => c.references('users.id'))
    .addColumn('document_id', 'text', (c) => c.references('documents.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('stocktake_lines')
    .addColumn('stocktake_id', 'text', (c) => c.notNull().references('stocktakes.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('snapshot_qty', 'bigint', (c) => c.notNull())
    .addColumn('snapshot_value', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('stocktake_lines_pk', ['stocktake_id', 'product_id', 'location_id'])
    .execute();
  // Every scan from every device is kept (append-only); the count is their sum per product × location.
  await s
    .createTable('stocktake_counts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('stocktake_id', 'text', (c) => c.notNull().references('stocktakes.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('qty', 'bigint', (c) => c.notNull())
    .addColumn('device', 'text', (c) => c.notNull())
    .addColumn('counted_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('counted_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('stocktake_counts_ix').on('stocktake_counts').columns(['stocktake_id', 'product_id', 'location_id']).execute();

  await s.createIndex('stock_moves_batch_ix').on('stock_moves').columns(['product_id', 'batch_id']).execute();
  await s.createIndex('stock_moves_date_ix').on('stock_moves').columns(['store_id', 'business_date']).execute();
  // Goods in transit between stores (transfers) need their own account in charts seeded before.
  await sql`
    INSERT INTO accounts (company_id, code, name, name_en, type, created_at)
    SELECT id, '1402', '在途物资', 'Goods in transit', 'asset', created_at FROM companies`.execute(db);
  await createImmutabilityTriggers(db, dialect, 'stocktake_counts');
}
