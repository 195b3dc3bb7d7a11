import { sql, type Kysely } from 'kysely';
import { searchGrams } from '../../core/text/search-grams';
import { isUniqueViolation, type DialectName } from '../dialect';

// Indexes for the product substring search (see server/modules/catalog/products/search-index.ts):
// trigrams of `search_text` for 3+ character queries, and `search_grams` (1–2 character pieces of
// name, brand and spec words) for shorter ones. Without them a query that matches nothing reads
// every product.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema.alterTable('products').addColumn('search_grams', 'text', (c) => c.notNull().defaultTo('')).execute();
  await backfillGrams(db);
  if (dialect === 'sqlite') await sqliteIndexes(db);
  else await postgresIndexes(db);
  // No query reads products by name order or name prefix (names are searched by substring, through
  // the indexes above); the index only slowed every product insert.
  await db.schema.dropIndex('products_name_ix').execute();
}

async function backfillGrams(db: Kysely<any>) {
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('products').select(['id', 'name', 'brand', 'spec']).where('id', '>', after).orderBy('id').limit(1000).execute();
    if (!rows.length) return;
    for (const r of rows) await db.updateTable('products').set({ search_grams: searchGrams(r) }).where('id', '=', r.id).execute();
    after = rows[rows.length - 1].id;
  }
}

// FTS5 tables with products as external content (the text is not stored twice). New products are
// indexed by insertProducts in bulk; the triggers keep edits and deletions in step. After a VACUUM
// (which may renumber rowids) run: INSERT INTO products_fts(products_fts) VALUES ('rebuild'), and
// the same for products_grams.
async function sqliteIndexes(db: Kysely<any>) {
  const tables = [
    { name: 'products_fts', column: 'search_text', tokenize: 'trigram' },
    // Tokens are the space-separated pieces; keep accents so the LIKE re-check agrees.
    { name: 'products_grams', column: 'search_grams', tokenize: 'unicode61 remove_diacritics 0' },
  ];
  for (const t of tables) {
    await sql.raw(`CREATE VIRTUAL TABLE ${t.name} USING fts5(${t.column}, content='products', content_rowid='rowid', tokenize='${t.tokenize}')`).execute(db);
    await sql.raw(`INSERT INTO ${t.name}(${t.name}) VALUES ('rebuild')`).execute(db);
    const remove = `INSERT INTO ${t.name}(${t.name}, rowid, ${t.column}) VALUES ('delete', old.rowid, old.${t.column});`;
    const add = `INSERT INTO ${t.name}(rowid, ${t.column}) VALUES (new.rowid, new.${t.column});`;
    await sql.raw(`CREATE TRIGGER ${t.name}_au AFTER UPDATE OF ${t.column} ON products BEGIN ${remove} ${add} END`).execute(db);
    await sql.raw(`CREATE TRIGGER ${t.name}_ad AFTER DELETE ON products BEGIN ${remove} END`).execute(db);
  }
}

// pg_trgm serves `LIKE '%…%'` from a GIN index when the pattern has a trigram. The extension lives
// in one schema per database (public), shared by every schema (tests give each database its own).
async function postgresIndexes(db: Kysely<any>) {
  // Two databases migrating at once (parallel test schemas) can both miss the IF NOT EXISTS and
  // race on pg_extension's unique name; the loser rolls back to the savepoint and uses the winner's.
  await sql`SAVEPOINT create_pg_trgm`.execute(db);
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`.execute(db);
    await sql`RELEASE SAVEPOINT create_pg_trgm`.execute(db);
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    await sql`ROLLBACK TO SAVEPOINT create_pg_trgm`.execute(db);
  }
  const { rows } = await sql<{ schema: string }>`SELECT extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname = 'pg_trgm'`.execute(db);
  await sql.raw(`CREATE INDEX products_search_trgm_ix ON products USING gin (search_text ${rows[0].schema}.gin_trgm_ops)`).execute(db);
  await sql`CREATE INDEX products_search_grams_ix ON products USING gin (string_to_array(search_grams, ' '))`.execute(db);
}
