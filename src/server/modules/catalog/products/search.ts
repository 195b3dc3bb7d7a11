// Product search for the back office and the till (`GET /products?q=`): SKU or barcode prefix,
// name substring, pinyin initials prefix ("kkkl" → 可口可乐), full pinyin prefix. Exact codes rank
// first, then code prefixes, initials, full pinyin, name matches. Code and pinyin matches are
// ranges on indexed columns (no function on a column in WHERE); the substring match reads the
// stored, lowercased `search_text` through its own index (search-index.ts).
import type { ExpressionBuilder, Kysely, Selectable, SqlBool, Expression, SelectQueryBuilder } from 'kysely';
import type { DB, ProductsTable } from '../../../../db/schema';
import type { SortValue } from '../../../../contracts/common';
import type { PRODUCT_SORTS } from '../../../../contracts/catalog';
import { orderBySort } from '../../../lists/sort';
import { prefixUpperBound } from '../prefix-range';
import { substringMatches } from './search-index';

export interface ProductSearch {
  q?: string;
  /** Restrict to these categories (already expanded to descendants); empty = nothing matches. */
  categoryIds?: string[];
  status: 'active' | 'archived' | 'all';
  /** Browse order when there is no q (a search keeps its rank order). */
  sort?: SortValue<(typeof PRODUCT_SORTS)[number]>;
  page: number;
  pageSize: number;
}

type EB = ExpressionBuilder<DB, 'products'>;

// Each read through a (company_id, column, id) index (0015), so a page of a 1M-row catalog stops early.
const PRODUCT_SORT_KEYS = { sku: 'products.sku', name: 'products.name', price: 'products.price', updatedAt: 'products.updated_at' } as const;

type ProductQuery = SelectQueryBuilder<DB, 'products', {}>;

/** A condition served by one index, and the column to read it in (null: few rows, no order). */
interface IndexedMatcher {
  where: (eb: EB) => Expression<SqlBool>;
  orderBy: 'products.sku' | 'products.pinyin_initials' | 'products.pinyin_full' | null;
}

/** Or a match that reads its own index (the substring search) and returns up to `limit` rows. */
interface OwnIndexMatcher {
  rows: (base: ProductQuery, limit: number) => Promise<Selectable<ProductsTable>[]>;
}

type Matcher = IndexedMatcher | OwnIndexMatcher;

function range(eb: EB, column: 'products.sku' | 'products.pinyin_initials' | 'products.pinyin_full', prefix: string) {
  const upper = prefixUpperBound(prefix);
  return upper === null ? eb(column, '>=', prefix) : eb.and([eb(column, '>=', prefix), eb(column, '<', upper)]);
}

/**
 * The match kinds, best rank first. Each tier is a list of single-index conditions: an OR across
 * different columns would make the planner fall back to scanning the company's products.
 */
function tiers(db: Kysely<DB>, companyId: string, q: string): Matcher[][] {
  const text = q.normalize('NFKC').trim();
  const lower = text.toLowerCase();
  // SKUs are usually upper case; a cashier types lower case.
  const codes = [...new Set([text, text.toUpperCase()])];
  // Pinyin keys are Latin letters and digits only (see pinyinKeys); a query in Han characters
  // goes through the name substring instead.
  const pinyinKey = /^[a-z0-9\s]+$/.test(lower) ? lower.replace(/\s+/g, '') : '';
  const barcodes = (eb: EB, exact: boolean) => {
    let sub = eb.selectFrom('barcodes').select('barcodes.product_id').where('barcodes.company_id', '=', companyId);
    const upper = prefixUpperBound(text);
    sub = exact || upper === null ? sub.where('barcodes.code', '=', text) : sub.where('barcodes.code', '>=', text).where('barcodes.code', '<', upper);
    return eb('products.id', 'in', sub);
  };
  // Reading a range in its own index order lets the LIMIT stop early instead of sorting every match.
  return [
    [
      { where: (eb) => eb('products.sku', 'in', codes), orderBy: null },
      { where: (eb) => eb('products.plu', '=', text), orderBy: null },
      { where: (eb) => barcodes(eb, true), orderBy: null },
    ],
    [
      ...codes.map((c): Matcher => ({ where: (eb) => range(eb, 'products.sku', c), orderBy: 'products.sku' })),
      { where: (eb) => barcodes(eb, false), orderBy: null },
    ],
    pinyinKey ? [{ where: (eb) => range(eb, 'products.pinyin_initials', pinyinKey), orderBy: 'products.pinyin_initials' }] : [],
    pinyinKey ? [{ where: (eb) => range(eb, 'products.pinyin_full', pinyinKey), orderBy: 'products.pinyin_full' }] : [],
    [{ rows: (base, limit) => substringMatches(db, base, lower, limit) }],
  ];
}

export async function searchProducts(
  db: Kysely<DB>,
  companyId: string,
  s: ProductSearch,
): Promise<{ rows: Selectable<ProductsTable>[]; total: number }> {
  if (s.categoryIds && !s.categoryIds.length) return { rows: [], total: 0 };
  const base = () => {
    let q = db.selectFrom('products').where('products.company_id', '=', companyId);
    if (s.status !== 'all') q = q.where('products.status', '=', s.status);
    if (s.categoryIds) q = q.where('products.category_id', 'in', s.categoryIds);
    return q;
  };
  const offset = (s.page - 1) * s.pageSize;
  if (!s.q?.trim()) {
    const { total } = await base().select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const sorted = orderBySort(base().selectAll('products'), s.sort ?? 'sku', PRODUCT_SORT_KEYS, 'products.id');
    const rows = await sorted.limit(s.pageSize).offset(offset).execute();
    return { rows, total: Number(total) };
  }
  // A search runs its match kinds as separate indexed queries, best rank first, and stops as soon
  // as the page (plus one row, to know there is more) is filled. One OR over all kinds would make
  // the database evaluate the substring scan for every product even when a barcode matched.
  const want = offset + s.pageSize + 1;
  const found: Selectable<ProductsTable>[] = [];
  const seen = new Set<string>();
  for (const tier of tiers(db, companyId, s.q)) {
    const tierRows: Selectable<ProductsTable>[] = [];
    for (const match of tier) {
      if (found.length >= want) break;
      // Over-fetch by what was already taken, since those rows may match here too.
      const limit = want - found.length + seen.size;
      if ('rows' in match) {
        tierRows.push(...(await match.rows(base(), limit)));
        continue;
      }
      let query = base().where(match.where).selectAll('products');
      if (match.orderBy) query = query.orderBy(match.orderBy);
      tierRows.push(...(await query.limit(limit).execute()));
    }
    tierRows.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
    for (const r of tierRows) {
      if (seen.has(r.id) || found.length >= want) continue;
      seen.add(r.id);
      found.push(r);
    }
  }
  const rows = found.slice(offset, offset + s.pageSize);
  // Exact totals would need the full scan this avoids: report what is known, and one more when
  // another page exists, which is what a pager needs.
  const total = found.length > offset + s.pageSize ? offset + s.pageSize + 1 : found.length;
  return { rows, total };
}
