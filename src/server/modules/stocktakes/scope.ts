// What a stocktake covers and what it snapshots. A category scope includes its subcategories and a
// location scope its bins (货位), because counting "drinks" or "the back room" means all of it.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import { notFound } from '../../http/problem';
import { categoryWithDescendants, sumOf } from '../inventory/lookups';

export type StocktakeScope = 'full' | 'category' | 'location';

export interface ScopeRef {
  scope: StocktakeScope;
  /** The category or location id; null for a full stocktake. */
  ref: string | null;
}

/** A location of the store and every bin under it. */
export async function locationWithDescendants(db: Kysely<DB>, storeId: string, locationId: string, field = 'locationId'): Promise<string[]> {
  const all = await db.selectFrom('locations').select(['id', 'parent_id']).where('store_id', '=', storeId).execute();
  if (!all.some((l) => l.id === locationId)) throw notFound('Location', field);
  const children = new Map<string, string[]>();
  for (const l of all) if (l.parent_id) children.set(l.parent_id, [...(children.get(l.parent_id) ?? []), l.id]);
  const out = new Set<string>();
  const stack = [locationId];
  while (stack.length) {
    const id = stack.pop() as string;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return [...out];
}

/** The ids a scope covers: categories for a category scope, locations for a location scope. */
export async function scopeMembers(db: Kysely<DB>, companyId: string, storeId: string, s: ScopeRef): Promise<string[] | null> {
  if (s.scope === 'category') return categoryWithDescendants(db, companyId, s.ref as string);
  if (s.scope === 'location') return locationWithDescendants(db, storeId, s.ref as string);
  return null;
}

/**
 * Two open stocktakes of one store must not share a product × location: each would post its own
 * correction of the same difference. A full stocktake overlaps everything; a category and a
 * location scope may share goods, so they overlap too; two scopes of one kind overlap when one
 * contains the other.
 */
export async function scopesOverlap(db: Kysely<DB>, companyId: string, storeId: string, a: ScopeRef, b: ScopeRef): Promise<boolean> {
  if (a.scope === 'full' || b.scope === 'full' || a.scope !== b.scope) return true;
  const underA = (await scopeMembers(db, companyId, storeId, a)) ?? [];
  const underB = (await scopeMembers(db, companyId, storeId, b)) ?? [];
  return underA.includes(b.ref as string) || underB.includes(a.ref as string);
}

export interface SnapshotLine {
  product_id: string;
  location_id: string;
  qty: number;
  value: number;
}

/** Book quantity and value of every product × location in scope that has stock (or a deficit). */
export async function takeSnapshot(trx: Kysely<DB>, companyId: string, storeId: string, s: ScopeRef, members: string[] | null): Promise<SnapshotLine[]> {
  let q = trx
    .selectFrom('stock_balances')
    .select(['product_id', 'location_id', sumOf('qty').as('qty'), sumOf('cost_value').as('value')])
    .where('store_id', '=', storeId);
  if (s.scope === 'location' && members) q = q.where('location_id', 'in', members);
  if (s.scope === 'category' && members) {
    q = q.where('product_id', 'in', (eb) => eb.selectFrom('products').select('id').where('company_id', '=', companyId).where('category_id', 'in', members));
  }
  const rows = await q.groupBy(['product_id', 'location_id']).having(sql<boolean>`SUM(qty) <> 0`).execute();
  return rows.map((r) => ({ product_id: r.product_id, location_id: r.location_id, qty: Number(r.qty), value: Number(r.value) }));
}
