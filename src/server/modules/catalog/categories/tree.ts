// Categories form a tree per company. A company has tens to hundreds of categories, so the tree
// is read whole and walked in memory rather than with recursive SQL.
import type { Kysely } from 'kysely';
import type { DB } from '../../../../db/schema';
import { notFound } from '../../../http/problem';

export interface CategoryNode {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  children: CategoryNode[];
}

export async function loadCategories(db: Kysely<DB>, companyId: string) {
  return db.selectFrom('categories').select(['id', 'code', 'name', 'parent_id']).where('company_id', '=', companyId).orderBy('code').execute();
}

export function buildTree(rows: { id: string; code: string; name: string; parent_id: string | null }[]): CategoryNode[] {
  const nodes = new Map(rows.map((r) => [r.id, { id: r.id, code: r.code, name: r.name, parentId: r.parent_id, children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  return roots;
}

/** The category and everything under it, for filtering products by a branch of the tree. */
export async function descendantsOf(db: Kysely<DB>, companyId: string, categoryId: string): Promise<string[]> {
  const rows = await loadCategories(db, companyId);
  if (!rows.some((r) => r.id === categoryId)) throw notFound('Category', 'categoryId');
  const children = new Map<string, string[]>();
  for (const r of rows) if (r.parent_id) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r.id]);
  const out: string[] = [];
  const stack = [categoryId];
  while (stack.length) {
    const id = stack.pop()!;
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/** True when `ancestorId` is `id` itself or lies on the path from `id` up to the root. */
export function isAncestorOrSelf(rows: { id: string; parent_id: string | null }[], ancestorId: string, id: string): boolean {
  const parentOf = new Map(rows.map((r) => [r.id, r.parent_id]));
  for (let cur: string | null | undefined = id, steps = 0; cur && steps <= rows.length; cur = parentOf.get(cur), steps++) {
    if (cur === ancestorId) return true;
  }
  return false;
}
