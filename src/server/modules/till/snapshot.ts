// The till's copy of the catalog (ARCHITECTURE §5): every active product with its barcodes and
// this store's prices, paged by product id, then only what changed since the cursor the previous
// refresh returned. Changes are found by `products.updated_at` (bumped by every product, unit,
// barcode and company-price edit) and `store_prices.updated_at` (store price changes).
import type { Kysely } from 'kysely';
import type { CheckoutSettings } from '../../../contracts/store-settings';
import type { TillBarcode, TillProduct, TillSnapshotQueryInput } from '../../../contracts/till';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import type { Clock } from '../../clock';
import { notFound } from '../../http/problem';
import { readCheckoutSettings } from '../store-settings/service';

// A transaction that stamped its rows just before the cursor was taken may commit just after it;
// the next refresh looks back this far so such rows are not missed (re-sending a row is harmless).
export const CURSOR_OVERLAP_MS = 5 * 60_000;

export interface TillSnapshotPage {
  storeId: string;
  /** Pass as `since` on the next refresh (once every page of this one is in). */
  cursor: string;
  settings: CheckoutSettings;
  products: TillProduct[];
  /** Pass as `after` for the next page; null on the last page. */
  nextAfter: string | null;
}

export async function tillSnapshot(db: Kysely<DB>, clock: Clock, auth: AuthContext, q: TillSnapshotQueryInput): Promise<TillSnapshotPage> {
  const store = await db.selectFrom('stores').select('id').where('id', '=', q.storeId).where('company_id', '=', auth.user.companyId).executeTakeFirst();
  if (!store || !auth.can('products.read', q.storeId)) throw notFound('Store', 'storeId');
  const cursor = new Date(clock().getTime() - CURSOR_OVERLAP_MS).toISOString();

  let query = db
    .selectFrom('products as p')
    .leftJoin('store_prices as sp', (j) => j.onRef('sp.product_id', '=', 'p.id').on('sp.store_id', '=', q.storeId))
    .select([
      'p.id',
      'p.sku',
      'p.name',
      'p.spec',
      'p.unit',
      'p.tax_rate',
      'p.weighable',
      'p.plu',
      'p.status',
      'p.price',
      'p.member_price',
      'p.pinyin_initials',
      'p.pinyin_full',
      'sp.price as store_price',
      'sp.member_price as store_member_price',
    ])
    .where('p.company_id', '=', auth.user.companyId)
    .orderBy('p.id')
    .limit(q.limit + 1);
  if (q.after !== undefined) query = query.where('p.id', '>', q.after);
  if (q.since === undefined) {
    query = query.where('p.status', '=', 'active');
  } else {
    const since = new Date(q.since).toISOString();
    query = query.where((eb) =>
      eb.or([
        eb('p.updated_at', '>', since),
        eb('p.id', 'in', eb.selectFrom('store_prices').select('product_id').where('store_id', '=', q.storeId).where('updated_at', '>', since)),
      ]),
    );
  }
  const rows = await query.execute();
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const barcodes = await barcodesOf(db, auth.user.companyId, page.map((r) => r.id));

  return {
    storeId: q.storeId,
    cursor,
    settings: await readCheckoutSettings(db, q.storeId),
    nextAfter: more ? page[page.length - 1].id : null,
    products: page.map((r) => ({
      id: r.id,
      sku: r.sku,
      name: r.name,
      spec: r.spec,
      unit: r.unit,
      taxRate: Number(r.tax_rate),
      weighable: !!Number(r.weighable),
      plu: r.plu,
      status: r.status === 'archived' ? 'archived' : 'active',
      price: Number(r.store_price ?? r.price),
      memberPrice: r.store_price !== null ? nullableNumber(r.store_member_price) : nullableNumber(r.member_price),
      pinyinInitials: r.pinyin_initials,
      pinyinFull: r.pinyin_full,
      barcodes: barcodes.get(r.id) ?? [],
    })),
  };
}

async function barcodesOf(db: Kysely<DB>, companyId: string, productIds: string[]): Promise<Map<string, TillBarcode[]>> {
  const out = new Map<string, TillBarcode[]>();
  if (!productIds.length) return out;
  const rows = await db
    .selectFrom('barcodes as b')
    .leftJoin('product_units as u', (j) => j.onRef('u.product_id', '=', 'b.product_id').onRef('u.unit', '=', 'b.unit'))
    .select(['b.product_id', 'b.code', 'b.unit', 'u.factor'])
    .where('b.company_id', '=', companyId)
    .where('b.product_id', 'in', productIds)
    .orderBy('b.code')
    .execute();
  for (const r of rows) {
    const list = out.get(r.product_id) ?? [];
    list.push({ code: r.code, unit: r.unit, factor: r.factor === null ? 1000 : Number(r.factor) });
    out.set(r.product_id, list);
  }
  return out;
}

function nullableNumber(v: number | string | null): number | null {
  return v === null ? null : Number(v);
}
