// The ONLY file that knows whether we run on SQLite or PostgreSQL (ARCHITECTURE §1).
// Everything else asks for capabilities (`serializesWrites`) or calls the helpers below.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type QueryResult } from 'kysely';
import type { DB } from './schema';

export type DialectName = 'sqlite' | 'postgres';
export type SqliteSync = 'FULL' | 'NORMAL';

export interface DialectInfo {
  name: DialectName;
  /** One writer at a time (SQLite): the posting engine batches documents into one transaction. */
  serializesWrites: boolean;
}

export interface Database {
  db: Kysely<DB>;
  info: DialectInfo;
  /** Consistent online copy; SQLite only (PostgreSQL uses pg_dump, see docs/operations.md). */
  backup(file: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… selects PostgreSQL; otherwise SQLite at `sqliteFile` (":memory:" allowed). */
  url?: string;
  sqliteFile?: string;
  sqliteSync?: SqliteSync;
  /** PostgreSQL schema to use (tests give each database its own schema). */
  pgSchema?: string;
  pgPoolSize?: number;
}

// int8 (bigint) columns hold fen and thousandths; they are safe integers by construction, so read
// them as numbers rather than pg's default strings. A value beyond 2^53 is a bug: fail loudly.
pg.types.setTypeParser(20, (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${v} is not a safe integer`);
  return n;
});

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

export function openDatabase(opts: OpenOptions): Database {
  return isPostgresUrl(opts.url) ? openPostgres(opts.url, opts) : openSqlite(opts);
}

function openSqlite(opts: OpenOptions): Database {
  const file = opts.sqliteFile ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma(`synchronous = ${opts.sqliteSync ?? 'FULL'}`);
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  return {
    db,
    info: { name: 'sqlite', serializesWrites: true },
    async backup(target) {
      await raw.backup(target);
    },
    async close() {
      await db.destroy();
    },
  };
}

/**
 * Kysely prepares every query afresh; on the posting hot path the same dozen statements run for
 * every document, so reuse prepared statements (bounded LRU: multi-row inserts vary in shape).
 */
function withStatementCache(raw: BetterSqlite3.Database, max = 500) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => raw.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (stmt) {
        cache.delete(sqlText);
      } else {
        stmt = raw.prepare(sqlText);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sqlText, stmt);
      return stmt;
    },
  };
}

/**
 * Runs a fixed SQL text with `?` placeholders without building and compiling a Kysely query per
 * call. The posting hot path runs the same dozen statements for every document, and Kysely's
 * query building cost more than SQLite executing them; on SQLite the text then hits the prepared
 * statement cache above. PostgreSQL gets `$1, $2…` placeholders. Write `?` only as placeholders.
 */
export function runSql<R>(db: Kysely<any>, text: string, params: readonly unknown[]): Promise<QueryResult<R>> {
  const onPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return db.executeQuery<R>(CompiledQuery.raw(onPostgres ? dollarParams(text) : text, params as unknown[]));
}

/**
 * A multi-row INSERT of `rows` (each in `columns` order) through `runSql`; `suffix` is appended
 * (ON CONFLICT …, RETURNING …). The text is cached per table, columns, row count and suffix.
 */
export function insertRows(db: Kysely<any>, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[], suffix = ''): Promise<QueryResult<unknown>> {
  const key = `${table}(${columns.join(',')})*${rows.length}${suffix}`;
  let text = insertTexts.get(key);
  if (!text) {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    text = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows.length }, () => tuple).join(', ')}${suffix ? ` ${suffix}` : ''}`;
    if (insertTexts.size >= 500) insertTexts.clear();
    insertTexts.set(key, text);
  }
  return runSql(db, text, rows.flat());
}

const insertTexts = new Map<string, string>();
const dollarTexts = new Map<string, string>();

function dollarParams(text: string): string {
  let out = dollarTexts.get(text);
  if (!out) {
    let n = 0;
    out = text.replace(/\?/g, () => `$${++n}`);
    if (dollarTexts.size >= 500) dollarTexts.clear();
    dollarTexts.set(text, out);
  }
  return out;
}

function openPostgres(url: string, opts: OpenOptions): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.pgPoolSize ?? 10,
    options: opts.pgSchema ? `-c search_path=${opts.pgSchema}` : undefined,
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    info: { name: 'postgres', serializesWrites: false },
    async backup() {
      throw new Error('On PostgreSQL use pg_dump (see docs/operations.md)');
    },
    async close() {
      await db.destroy();
    },
  };
}

const UNIQUE_CODES = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

export function isUniqueViolation(err: unknown): boolean {
  return UNIQUE_CODES.has((err as { code?: string })?.code ?? '');
}

/** A deadlock or serialization failure: the whole transaction may simply be run again. */
export function isRetryableConflict(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return code === '40P01' || code === '40001';
}

export function isForeignKeyViolation(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Posted rows are append-only: the database itself refuses UPDATE and DELETE (ARCHITECTURE §3). */
export const IMMUTABLE_MESSAGE = 'immutable: posted rows cannot be changed';

export function isImmutableViolation(err: unknown): boolean {
  return String((err as Error)?.message ?? '').includes(IMMUTABLE_MESSAGE);
}

export async function createImmutabilityTriggers(db: Kysely<any>, dialect: DialectName, table: string) {
  if (dialect === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} ` +
            `BEGIN SELECT RAISE(ABORT, '${IMMUTABLE_MESSAGE} (${table})'); END`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION cangshou_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ ` +
        `BEGIN RAISE EXCEPTION '${IMMUTABLE_MESSAGE} (%)', TG_TABLE_NAME; END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table} ` +
        `FOR EACH ROW EXECUTE FUNCTION cangshou_immutable()`,
    )
    .execute(db);
}

/**
 * Text columns searched by prefix ranges (`col >= 'ab' AND col < 'ac'`) must compare by code
 * point on both dialects. SQLite's BINARY collation does; a PostgreSQL database collation such as
 * en_US ignores punctuation and orders Han characters by radical, so such a range would miss rows
 * or add them. "C" in a UTF-8 database is byte order, which is code point order.
 */
export async function useCodePointOrder(db: Kysely<any>, dialect: DialectName, table: string, columns: string[]) {
  if (dialect !== 'postgres') return;
  for (const c of columns) await sql.raw(`ALTER TABLE ${table} ALTER COLUMN ${c} TYPE text COLLATE "C"`).execute(db);
}

/**
 * Run `fn` with the immutability triggers switched off. Only for tests and tools that seed
 * corruption on purpose to prove that `verify` catches it.
 */
export async function withoutImmutability<T>(database: Database, fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  if (database.info.name === 'postgres') {
    return database.db.connection().execute(async (conn) => {
      await sql`SET session_replication_role = replica`.execute(conn);
      try {
        return await fn(conn);
      } finally {
        await sql`SET session_replication_role = origin`.execute(conn);
      }
    });
  }
  const triggers = await sql<{ name: string; sql: string }>`
    SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_no_%'`.execute(database.db);
  for (const t of triggers.rows) await sql.raw(`DROP TRIGGER ${t.name}`).execute(database.db);
  try {
    return await fn(database.db);
  } finally {
    for (const t of triggers.rows) await sql.raw(t.sql).execute(database.db);
  }
}

/** Lock a row for the rest of the transaction where the dialect needs it (SQLite has one writer). */
export function forUpdate(info: DialectInfo): string {
  return info.name === 'postgres' ? ' FOR UPDATE' : '';
}

/**
 * The dialect behind a Kysely instance or transaction, for code that receives only `db` (helpers
 * shared by services, seeds, imports and benchmarks) and must pick a dialect-specific query.
 */
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
