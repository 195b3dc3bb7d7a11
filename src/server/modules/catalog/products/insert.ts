// Writing product rows, shared by the catalog API, variant generation, the demo and scale seeds
// (and imports): the derived search columns are computed here so every path stores the same keys.
import type { Kysely } from 'kysely';
import { uuidv7 } from '../../../../core/id/uuidv7';
import { pinyinKeys } from '../../../../core/text/pinyin';
import { searchGrams } from '../../../../core/text/search-grams';
import { insertRows } from '../../../../db/dialect';
import type { DB } from '../../../../db/schema';
import { indexNewProducts } from './search-index';

export interface NewProduct {
  sku: string;
  name: string;
  unit: string;
  taxRate: number;
  price: number;
  memberPrice?: number | null;
  spec?: string;
  brand?: string;
  origin?: string;
  categoryId?: string | null;
  weighable?: boolean;
  plu?: string | null;
  trackBatches?: boolean;
  shelfLifeDays?: number | null;
  costMethod?: 'moving_average' | 'fifo';
  variantTemplateId?: string | null;
  /** The attribute values of a generated variant, e.g. {size: 'S', color: '红'}. */
  variant?: Record<string, string> | null;
}

/** Search keys derived from the name, stored so search never computes pinyin per row. */
export function derivedColumns(p: { sku: string; name: string; spec?: string; brand?: string }) {
  const keys = pinyinKeys(p.name);
  return {
    pinyin_initials: keys.initials,
    pinyin_full: keys.full,
    search_text: [p.sku, p.name, keys.initials, keys.full, p.brand ?? '', p.spec ?? ''].join(' ').toLowerCase(),
    search_grams: searchGrams(p),
  };
}

/**
 * Inserts products (in chunks, inside the caller's transaction when given one) with their first
 * price as the start of their price history, and adds them to the search index. The only way
 * new products are written. Returns the new ids in input order.
 */
export async function insertProducts(db: Kysely<DB>, companyId: string, products: NewProduct[], at: string): Promise<string[]> {
  // A product, its search index entries and its first price are written together or not at all.
  if (!db.isTransaction) return db.transaction().execute((trx) => insertProducts(trx, companyId, products, at));
  const ids = products.map(() => uuidv7());
  // Imports write 100,000 rows at a time: the statements are plain multi-row INSERTs with their
  // text cached (insertRows), since building a 500-row Kysely insert cost more than running it.
  const CHUNK = 500;
  for (let i = 0; i < products.length; i += CHUNK) {
    const chunk = products.slice(i, i + CHUNK);
    const chunkIds = ids.slice(i, i + CHUNK);
    await insertRows(
      db,
      'products',
      PRODUCT_COLUMNS,
      chunk.map((p, j) => {
        const d = derivedColumns(p);
        return [
          chunkIds[j], companyId, p.sku, p.name, p.unit, p.taxRate, p.price, p.memberPrice ?? null, 'active', at,
          d.pinyin_initials, d.pinyin_full, d.search_text, d.search_grams, p.spec ?? '', p.brand ?? '', p.origin ?? '',
          p.categoryId ?? null, p.weighable ? 1 : 0, p.plu ?? null, p.trackBatches ? 1 : 0, p.shelfLifeDays ?? null,
          p.costMethod ?? 'moving_average', p.variantTemplateId ?? null, p.variant ? JSON.stringify(p.variant) : null, at,
        ];
      }),
    );
    await indexNewProducts(db, chunkIds);
    await insertRows(
      db,
      'prices',
      PRICE_COLUMNS,
      chunk.map((p, j) => [uuidv7(), companyId, chunkIds[j], '*', p.price, p.memberPrice ?? null, at, null, at]),
    );
  }
  return ids;
}

const PRODUCT_COLUMNS = [
  'id', 'company_id', 'sku', 'name', 'unit', 'tax_rate', 'price', 'member_price', 'status', 'created_at',
  'pinyin_initials', 'pinyin_full', 'search_text', 'search_grams', 'spec', 'brand', 'origin',
  'category_id', 'weighable', 'plu', 'track_batches', 'shelf_life_days',
  'cost_method', 'variant_template_id', 'variant_json', 'updated_at',
] as const satisfies readonly (keyof DB['products'])[];

const PRICE_COLUMNS = [
  'id', 'company_id', 'product_id', 'store_id', 'price', 'member_price', 'effective_at', 'document_id', 'created_at',
] as const satisfies readonly (keyof DB['prices'])[];
