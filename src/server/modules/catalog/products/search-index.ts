// The substring search index over products, per dialect (migration 0007). A name/pinyin substring
// must not read every product when nothing matches (1,000,000 products: ~450 ms), so:
// - 3+ characters: trigrams of `search_text` — an FTS5 `trigram` table on SQLite (products_fts),
//   a pg_trgm GIN index on PostgreSQL;
// - 1–2 characters (e.g. "牛奶"), which no trigram can serve: `search_grams` (core/text/search-grams),
//   the distinct 1- and 2-character pieces of each word of name, brand and spec, as tokens — an FTS5 table
//   (products_grams) on SQLite, a GIN index over the token array on PostgreSQL. So a short query
//   finds names, brands and specs containing it; codes and pinyin are found by prefix (search.ts).
// Every candidate is re-checked with the same LIKE the search always used, so the index only ever
// narrows: results are exactly "search_text contains q" (and, when short, in a name/brand/spec word).
import { sql, type Kysely, type Selectable, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { dialectOf } from '../../../../db/dialect';
import type { DB, ProductsTable } from '../../../../db/schema';
import { containsPattern } from '../prefix-range';

/** Below this many characters a query has no trigram and goes to the 1–2 character pieces. */
const TRIGRAM = 3;

/**
 * Adds newly inserted products to the SQLite search tables. New rows are indexed here, a chunk at
 * a time, rather than by an insert trigger: FTS5 indexes one INSERT … SELECT of 500 rows several
 * times faster than 500 trigger calls (imports write 20,000+ rows/s). Updates and deletes are rare
 * and go through triggers (migration 0007). PostgreSQL's GIN indexes need nothing.
 */
export async function indexNewProducts(db: Kysely<DB>, ids: string[]): Promise<void> {
  if (!ids.length || dialectOf(db) !== 'sqlite') return;
  const list = sql.join(ids);
  await sql`INSERT INTO products_fts (rowid, search_text) SELECT rowid, search_text FROM products WHERE id IN (${list})`.execute(db);
  await sql`INSERT INTO products_grams (rowid, search_grams) SELECT rowid, search_grams FROM products WHERE id IN (${list})`.execute(db);
}

type ProductQuery = SelectQueryBuilder<DB, 'products', {}>;

/**
 * Up to `limit` products of `base` whose search text contains `text` (lowercased), in the
 * index's order (insertion order), which lets LIMIT stop at the first matches.
 */
export function substringMatches(db: Kysely<DB>, base: ProductQuery, text: string, limit: number): Promise<Selectable<ProductsTable>[]> {
  const short = Array.from(text).length < TRIGRAM;
  const recheck = sql<SqlBool>`products.search_text LIKE ${containsPattern(text)} ESCAPE '\\'`;
  let query = base.where(recheck);
  if (dialectOf(db) === 'postgres') {
    // The GIN indexes drive the plan; no ORDER BY, or the planner walks an ordered index instead.
    if (short) query = query.where(sql<SqlBool>`string_to_array(products.search_grams, ' ') @> ARRAY[${text}]::text[]`);
    return query.selectAll('products').limit(limit).execute();
  }
  // FTS5 phrase: the text in double quotes (quotes doubled), matched as a substring (trigram) or
  // as one token (grams). Joining from the FTS table streams matches in rowid order.
  const phrase = `"${text.replace(/"/g, '""')}"`;
  const table = short ? 'products_grams' : 'products_fts';
  return query
    .innerJoin(sql.table(table).as('f'), (join) => join.on(sql<SqlBool>`f.rowid = products.rowid`))
    // The hidden column named after the table holds the whole row for MATCH.
    .where(sql<SqlBool>`${sql.ref(`f.${table}`)} MATCH ${phrase}`)
    .selectAll('products')
    .orderBy(sql`f.rowid`)
    .limit(limit)
    .execute();
}
