// Checks that run before a document is posted or a query is answered: the caller may act in the
// store, and every id in the request names something of this company and store. Each failure is
// a 404 naming the field, so a bad id never reaches the posting transaction.
import { sql, type Kysely } from 'kysely';
import { businessDate } from '../../../core/time/business-date';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import type { Permission } from '../../auth/permissions';
import { notFound } from '../../http/problem';

export interface StoreRow {
  id: string;
  code: string;
  timezone: string;
}

/** The store, if the caller holds `permission` there; another company's or store's → 404. */
export async function requireStore(db: Kysely<DB>, auth: AuthContext, permission: Permission, storeId: string): Promise<StoreRow> {
  if (!auth.can(permission, storeId)) throw notFound('Store', 'storeId');
  const store = await db
    .selectFrom('stores')
    .select(['id', 'code', 'timezone'])
    .where('id', '=', storeId)
    .where('company_id', '=', auth.user.companyId)
    .executeTakeFirst();
  if (!store) throw notFound('Store', 'storeId');
  return store;
}

/** Today in the store's time zone: the day expiry and slow-mover ages are counted from. */
export function storeToday(store: StoreRow, now: Date): string {
  return businessDate(now, store.timezone);
}

/** A location of this store (its main one when none is named); another store's → 404. */
export async function resolveLocation(db: Kysely<DB>, storeId: string, locationId: string | undefined, field = 'locationId'): Promise<string> {
  let query = db.selectFrom('locations').select('id').where('store_id', '=', storeId);
  query = locationId === undefined ? query.where('code', '=', 'MAIN') : query.where('id', '=', locationId);
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('Location', field);
  return row.id;
}

export interface ProductRow {
  id: string;
  sku: string;
  name: string;
  unit: string;
  track_batches: number;
  shelf_life_days: number | null;
}

/** The company's products named by `lines`; the first unknown one → 404 at `lines.N.productId`. */
export async function requireProducts(db: Kysely<DB>, companyId: string, lines: readonly { productId: string }[]): Promise<Map<string, ProductRow>> {
  const ids = [...new Set(lines.map((l) => l.productId))];
  const rows = await db
    .selectFrom('products')
    .select(['id', 'sku', 'name', 'unit', 'track_batches', 'shelf_life_days'])
    .where('company_id', '=', companyId)
    .where('id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  lines.forEach((l, i) => {
    if (!byId.has(l.productId)) throw notFound('Product', `lines.${i}.productId`);
  });
  return byId;
}

/** A product of the company, for single-product queries. */
export async function requireProduct(db: Kysely<DB>, companyId: string, productId: string): Promise<ProductRow> {
  const row = await db
    .selectFrom('products')
    .select(['id', 'sku', 'name', 'unit', 'track_batches', 'shelf_life_days'])
    .where('company_id', '=', companyId)
    .where('id', '=', productId)
    .executeTakeFirst();
  if (!row) throw notFound('Product', 'productId');
  return row;
}

export async function requireSupplier(db: Kysely<DB>, companyId: string, supplierId: string) {
  const row = await db.selectFrom('suppliers').select(['id', 'code', 'name']).where('company_id', '=', companyId).where('id', '=', supplierId).executeTakeFirst();
  if (!row) throw notFound('Supplier', 'supplierId');
  return row;
}

/** A category and all its descendants (the catalog owns the tree; the stocktakes module imports it from here). */
export { descendantsOf as categoryWithDescendants } from '../catalog/categories/tree';

/** SUM of a bigint column as a number on both dialects (PostgreSQL's SUM(bigint) is numeric). */
export function sumOf(column: string) {
  return sql<number>`CAST(COALESCE(SUM(${sql.ref(column)}), 0) AS BIGINT)`;
}

/** LIKE pattern matching `q` anywhere, with the wildcards in `q` taken literally (ESCAPE '\'). */
export function containsPattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
