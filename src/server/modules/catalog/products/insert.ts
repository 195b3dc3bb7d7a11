// Writing product rows, shared by the catalog API, variant generation, the demo and scale seeds
// (and imports): the derived search columns are computed here so every path stores the same keys.
import type { Kysely } from 'kysely';
import { uuidv7 } from '../../../../core/id/uuidv7';
import { pinyinKeys } from '../../../../core/text/pinyin';
import type { DB } from '../../../../db/schema';

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
  };
}

/**
 * Inserts products (in chunks, inside the caller's transaction when given one) with their first
 * price as the start of their price history. Returns the new ids in input order.
 */
export async function insertProducts(db: Kysely<DB>, companyId: string, products: NewProduct[], at: string): Promise<string[]> {
  const ids = products.map(() => uuidv7());
  const CHUNK = 500;
  for (let i = 0; i < products.length; i += CHUNK) {
    const chunk = products.slice(i, i + CHUNK);
    await db
      .insertInto('products')
      .values(
        chunk.map((p, j) => ({
          id: ids[i + j],
          company_id: companyId,
          sku: p.sku,
          name: p.name,
          unit: p.unit,
          tax_rate: p.taxRate,
          price: p.price,
          member_price: p.memberPrice ?? null,
          status: 'active',
          created_at: at,
          ...derivedColumns(p),
          spec: p.spec ?? '',
          brand: p.brand ?? '',
          origin: p.origin ?? '',
          category_id: p.categoryId ?? null,
          weighable: p.weighable ? 1 : 0,
          plu: p.plu ?? null,
          track_batches: p.trackBatches ? 1 : 0,
          shelf_life_days: p.shelfLifeDays ?? null,
          cost_method: p.costMethod ?? 'moving_average',
          variant_template_id: p.variantTemplateId ?? null,
          variant_json: p.variant ? JSON.stringify(p.variant) : null,
          updated_at: at,
        })),
      )
      .execute();
    await db
      .insertInto('prices')
      .values(
        chunk.map((p, j) => ({
          id: uuidv7(),
          company_id: companyId,
          product_id: ids[i + j],
          store_id: '*',
          price: p.price,
          member_price: p.memberPrice ?? null,
          effective_at: at,
          document_id: null,
          created_at: at,
        })),
      )
      .execute();
  }
  return ids;
}
