// The minimum of a catalog the foundation needs (opening stock, demo data). The catalog issue
// grows this module: barcodes, units, batches, prices per store.
import { sql, type Kysely } from 'kysely';
import { uuidv7 } from '../../../core/id/uuidv7';
import { pinyinKeys } from '../../../core/text/pinyin';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';

export interface NewProduct {
  sku: string;
  name: string;
  unit: string;
  taxRate: number;
  price: number;
  spec?: string;
  brand?: string;
  origin?: string;
  categoryId?: string | null;
  weighable?: boolean;
  plu?: string | null;
  trackBatches?: boolean;
  shelfLifeDays?: number | null;
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

export async function insertProducts(db: Kysely<DB>, companyId: string, products: NewProduct[], at: string): Promise<string[]> {
  const ids = products.map(() => uuidv7());
  const CHUNK = 500;
  for (let i = 0; i < products.length; i += CHUNK) {
    await db
      .insertInto('products')
      .values(
        products.slice(i, i + CHUNK).map((p, j) => ({
          id: ids[i + j],
          company_id: companyId,
          sku: p.sku,
          name: p.name,
          unit: p.unit,
          tax_rate: p.taxRate,
          price: p.price,
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
          cost_method: 'moving_average',
          variant_template_id: null,
          variant_json: null,
          updated_at: at,
        })),
      )
      .execute();
  }
  return ids;
}

export class ProductsService {
  constructor(private readonly db: Kysely<DB>) {}

  async list(auth: AuthContext, q: { q?: string; page: number; pageSize: number }) {
    let query = this.db.selectFrom('products').where('company_id', '=', auth.user.companyId);
    if (q.q) {
      const like = `%${q.q.toLowerCase()}%`;
      query = query.where((eb) => eb.or([eb(sql`lower(sku)`, 'like', like), eb(sql`lower(name)`, 'like', like)]));
    }
    const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await query.selectAll().orderBy('sku').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    return {
      items: rows.map((r) => ({ id: r.id, sku: r.sku, name: r.name, unit: r.unit, taxRate: r.tax_rate, price: r.price, status: r.status })),
      total: Number(total),
    };
  }
}
