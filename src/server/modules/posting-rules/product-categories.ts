import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';

/** The category of each product (null: uncategorised), for documents that book by category. */
export async function productCategories(db: Kysely<DB>, productIds: readonly string[]): Promise<Map<string, string | null>> {
  const ids = [...new Set(productIds)];
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('products').select(['id', 'category_id']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.category_id]));
}
