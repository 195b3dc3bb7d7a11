// Price history of a product: the append-only `prices` rows, company-wide ('*') and per-store,
// newest first, each with the price_change document that made it (none for the first price).
// As a store sees it (storeId given), its current price is the newest row of that store or '*':
// a change to all stores drops store overrides, so the newest change covering the store wins.
import type { Kysely } from 'kysely';
import type { DB } from '../../../../db/schema';
import type { AuthContext } from '../../../auth/auth-context';
import { notFound } from '../../../http/problem';

export interface PriceHistoryItem {
  storeId: string | null;
  price: number;
  memberPrice: number | null;
  effectiveAt: string;
  documentId: string | null;
  documentNumber: string | null;
}

export interface PriceHistory {
  items: PriceHistoryItem[];
  total: number;
  current: { price: number; memberPrice: number | null; source: 'store' | 'company' };
}

export async function priceHistory(
  db: Kysely<DB>,
  auth: AuthContext,
  productId: string,
  q: { storeId?: string; page: number; pageSize: number },
): Promise<PriceHistory> {
  const product = await db
    .selectFrom('products')
    .select(['id', 'price', 'member_price'])
    .where('id', '=', productId)
    .where('company_id', '=', auth.user.companyId)
    .executeTakeFirst();
  if (!product) throw notFound('Product');
  let stores: string[] | 'all';
  if (q.storeId) {
    auth.requireStore('products.read', q.storeId);
    stores = ['*', q.storeId];
  } else {
    const visible = auth.storesWith('products.read');
    stores = visible === 'all' ? 'all' : ['*', ...visible];
  }
  let query = db.selectFrom('prices').leftJoin('documents', 'documents.id', 'prices.document_id').where('prices.product_id', '=', productId);
  if (stores !== 'all') query = query.where('prices.store_id', 'in', stores);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['prices.store_id', 'prices.price', 'prices.member_price', 'prices.effective_at', 'prices.document_id', 'documents.number'])
    .orderBy('prices.effective_at', 'desc')
    .orderBy('prices.created_at', 'desc')
    .orderBy('prices.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const override = q.storeId
    ? await db.selectFrom('store_prices').select(['price', 'member_price']).where('store_id', '=', q.storeId).where('product_id', '=', productId).executeTakeFirst()
    : undefined;
  const current = override
    ? { price: Number(override.price), memberPrice: override.member_price === null ? null : Number(override.member_price), source: 'store' as const }
    : { price: Number(product.price), memberPrice: product.member_price === null ? null : Number(product.member_price), source: 'company' as const };
  return {
    items: rows.map((r) => ({
      storeId: r.store_id === '*' ? null : r.store_id,
      price: Number(r.price),
      memberPrice: r.member_price === null ? null : Number(r.member_price),
      effectiveAt: r.effective_at,
      documentId: r.document_id,
      documentNumber: r.number,
    })),
    total: Number(total),
    current,
  };
}
