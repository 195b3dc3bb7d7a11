// The ONLY file that knows whether we run on SQLite or PostgreSQL (ARCHITECTURE §1).
// Everything else asks for capabilities (`serializesWrites`) or calls the helpers below.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type QueryResult } from 'kysely';
import type { DB } from './schema';
import { localHour } from '../core/time/local-hour';
import { BACKSTOP_AUTOCHECKPOINT_PAGES, sqliteDurability } from './sqlite-durability';

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
  /**
   * Resolves once every write committed before the call survives power loss. SQLite with FULL
   * flushes its WAL here (off the event loop); PostgreSQL's COMMIT is already durable.
   */
  durable(): Promise<void>;
  /**
   * The durability flush running now, if any (SQLite FULL); null otherwise. Writes committed while
   * it runs are covered only by the flush after it, so a writer may gather them meanwhile.
   */
  flushInFlight(): Promise<void> | null;
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
  const durability = file === ':memory:' ? null : sqliteDurability(raw, file, opts.sqliteSync ?? 'FULL');
  sqlitePragmas(raw, durability ? 'NORMAL' : (opts.sqliteSync ?? 'FULL'));
  if (durability) raw.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES}`);
  // PostgreSQL converts zones itself (AT TIME ZONE); SQLite gets the same from JS (localHourSql).
  raw.function('cangshou_local_hour', { deterministic: true }, (instant: unknown, zone: unknown) => localHour(String(instant), String(zone)));
  const statements = withStatementCache(raw);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: statements }) });
  // Its transactions share the adapter: `runSql` finds the statements from a transaction.
  sqliteStatements.set(db.getExecutor().adapter, statements);
  return {
    db,
    info: { name: 'sqlite', serializesWrites: true },
    durable: () => durability?.durable() ?? Promise.resolve(),
    flushInFlight: () => durability?.inFlight() ?? null,
    async backup(target) {
      await raw.backup(target);
    },
    async close() {
      await durability?.close();
      await db.destroy();
    },
  };
}

/**
 * How every connection to a shop file is set up (the server's and the raw benchmark loops').
 * `synchronous` is what the connection itself does at commit: the server asks for NORMAL and
 * flushes the WAL off the event loop before answering (sqlite-durability.ts). Savepoints (one per
 * document in a group commit) keep their undo pages in memory rather than a temporary file, and
 * the page cache holds a busy shop's hot index pages (64 MiB).
 */
export function sqlitePragmas(raw: BetterSqlite3.Database, sync: SqliteSync): void {
  raw.pragma('journal_mode = WAL');
  raw.pragma(`synchronous = ${sync}`);
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('temp_store = MEMORY');
  raw.pragma('cache_size = -65536');
}

type StatementCache = ReturnType<typeof withStatementCache>;
const sqliteStatements = new WeakMap<object, StatementCache>();

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
  const adapter = db.getExecutor().adapter;
  if (!(adapter instanceof PostgresAdapter)) {
    // Inside a transaction the connection is already ours: run the statement directly rather than
    // through Kysely's connection queue (five promise hops per statement, a sale runs ~35).
    const direct = db.isTransaction ? sqliteStatements.get(adapter) : undefined;
    return direct ? runDirect<R>(direct, text, params) : db.executeQuery<R>(CompiledQuery.raw(text, params as unknown[]));
  }
  const pgText = dollarParams(text);
  prepare(pgText, params.length);
  return db.executeQuery<R>(CompiledQuery.raw(pgText, params as unknown[]));
}

/** What Kysely's SQLite driver answers for a statement, without its queue. */
function runDirect<R>(statements: StatementCache, text: string, params: readonly unknown[]): Promise<QueryResult<R>> {
  try {
    return Promise.resolve(execDirect<R>(statements, text, params));
  } catch (err) {
    return Promise.reject(err);
  }
}

function execDirect<R>(statements: StatementCache, text: string, params: readonly unknown[]): QueryResult<R> {
  const stmt = statements.prepare(text);
  if (stmt.reader) return { rows: stmt.all(params) as R[] };
  const { changes, lastInsertRowid } = stmt.run(params);
  return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
}

/**
 * A SQLite batch outside a transaction: the connection is taken once and the statements run in
 * one transaction, so they read one snapshot (runBatch's contract) under one read lock, instead
 * of queueing for the connection and opening an implicit transaction each (checkout's six reads).
 */
function runSqliteBatch(db: Kysely<any>, statements: StatementCache, batch: readonly SqlStatement[]): Promise<Record<string, unknown>[][]> {
  return db.connection().execute(async () => {
    execDirect(statements, 'BEGIN', []);
    try {
      const out = batch.map((s) => execDirect<Record<string, unknown>>(statements, s.text, s.params).rows);
      execDirect(statements, 'COMMIT', []);
      return out;
    } catch (err) {
      execDirect(statements, 'ROLLBACK', []);
      throw err;
    }
  });
}

/**
 * PostgreSQL parses and plans an unnamed statement on every call; for the sale's batched
 * statements planning took several times longer than running them (1.9 ms against 0.25 ms for
 * the checkout's reads). A text `runSql` sends a third time gets a name, so each connection
 * prepares it once and PostgreSQL can reuse its plan (docs/decisions/0004-sale-round-trips.md).
 * Bounded: at most PREPARED_MAX names, none for statements over 2,000 parameters, and one-off
 * texts (seeding, imports: a new row count each time) never reach a name, so they neither pile up
 * in every connection nor take the places of the hot path's texts.
 */
const preparedNames = new Map<string, string>();
const timesSent = new Map<string, number>();
const PREPARED_MAX = 500;

function prepare(text: string, paramCount: number): void {
  if (preparedNames.has(text) || preparedNames.size >= PREPARED_MAX || paramCount > 2000) return;
  const sent = (timesSent.get(text) ?? 0) + 1;
  if (sent < 3) {
    if (timesSent.size >= 5000) timesSent.clear();
    timesSent.set(text, sent);
    return;
  }
  timesSent.delete(text);
  preparedNames.set(text, `cangshou_${preparedNames.size + 1}`);
}

/**
 * Sends the texts `prepare` named as named statements (a query is otherwise sent as it came), and
 * holds back a transaction's `begin` until its first statement, which then follows it on the wire
 * without waiting for its answer (the pool's clients pipeline): BEGIN costs no round trip of its
 * own (docs/decisions/0005-pipelined-posting.md). A transaction that sends nothing sends no BEGIN.
 */
function usePreparedNames(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  let beginHeld = false;
  const send = (text: unknown, values?: unknown, callback?: unknown) => {
    const name = typeof text === 'string' && Array.isArray(values) ? preparedNames.get(text) : undefined;
    return name ? query({ name, text, values }, callback) : query(text, values, callback);
  };
  (client as { query: unknown }).query = (text: unknown, values?: unknown, callback?: unknown) => {
    // Only Kysely's own transaction statements are held back (no callback, no parameters).
    const control = typeof text === 'string' && callback === undefined && (values === undefined || (Array.isArray(values) && !values.length)) ? text : null;
    if (control === 'begin') {
      if (beginHeld) return Promise.reject(new Error('begin inside a transaction'));
      beginHeld = true;
      return Promise.resolve({ command: 'BEGIN', rowCount: null, rows: [] });
    }
    if (!beginHeld) return send(text, values, callback);
    beginHeld = false;
    // An empty transaction: nothing to commit or roll back.
    if (control === 'commit') return Promise.resolve({ command: 'COMMIT', rowCount: null, rows: [] });
    if (control === 'rollback') return Promise.resolve({ command: 'ROLLBACK', rowCount: null, rows: [] });
    const begun = query('begin');
    const first = send(text, values, callback);
    // Both are on the wire; the statement ran inside the transaction only if BEGIN succeeded.
    return begun.then(
      () => first,
      (err: unknown) => first.then(() => Promise.reject(err), () => Promise.reject(err)),
    );
  };
}

/**
 * A multi-row INSERT of `rows` (each in `columns` order) through `runSql`; `suffix` is appended
 * (ON CONFLICT …, RETURNING …). The text is cached per table, columns, row count and suffix.
 */
export function insertRows(db: Kysely<any>, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[], suffix = ''): Promise<QueryResult<unknown>> {
  const stmt = insertStatement(table, columns, rows, suffix);
  return runSql(db, stmt.text, stmt.params);
}

/** A parameterised statement for `runSql` / `runBatch` (`?` placeholders). */
export interface SqlStatement {
  text: string;
  params: readonly unknown[];
  /** Its rows are wanted: a SELECT, or a write with RETURNING. */
  returns?: boolean;
}

/** The statement `insertRows` runs, for a `runBatch`. */
export function insertStatement(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[], suffix = ''): SqlStatement {
  const key = `${table}(${columns.join(',')})*${rows.length}${suffix}`;
  let text = insertTexts.get(key);
  if (!text) {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    text = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows.length }, () => tuple).join(', ')}${suffix ? ` ${suffix}` : ''}`;
    if (insertTexts.size >= 500) insertTexts.clear();
    insertTexts.set(key, text);
  }
  return { text, params: rows.flat() };
}

/**
 * Runs several statements as ONE round trip where the dialect can; answers each statement's rows
 * (empty for those that return none). On PostgreSQL they become the WITH queries of one statement
 * (data-modifying ones included) whose results come back as JSON, so a sale's dozen inserts cost
 * one round trip instead of twelve. On SQLite they run one after another: an in-process call is
 * no round trip, and its prepared-statement cache serves each text; outside a transaction they run
 * inside one of their own (`runSqliteBatch`).
 *
 * The contract both dialects honour: the statements see the database as it was before the batch
 * (on PostgreSQL they share one snapshot), so none may read what another writes, and no two may
 * write the same row. Foreign keys are checked after all of them (PostgreSQL: end of statement;
 * SQLite: in order, so list parents first). JSON brings numbers back as numbers and text as text.
 */
/** Parameters of one `runBatch` statement on PostgreSQL; a larger batch takes several round trips. */
export const BATCH_MAX_PARAMS = 30_000;

export async function runBatch(db: Kysely<any>, statements: readonly SqlStatement[]): Promise<Record<string, unknown>[][]> {
  const adapter = db.getExecutor().adapter;
  const postgres = adapter instanceof PostgresAdapter;
  const sqlite = postgres ? undefined : sqliteStatements.get(adapter);
  if (sqlite && !db.isTransaction && statements.length > 1) return runSqliteBatch(db, sqlite, statements);
  if (!postgres || statements.length < 2) {
    const out: Record<string, unknown>[][] = [];
    for (const s of statements) out.push((await runSql<Record<string, unknown>>(db, s.text, s.params)).rows);
    return out;
  }
  const out: Record<string, unknown>[][] = statements.map(() => []);
  // A statement takes at most 65,535 parameters: a very large document goes in several batches.
  for (const part of paramChunks(statements, BATCH_MAX_PARAMS)) {
    const ctes = part.map(({ s, i }) => `q${i} AS (${s.text})`).join(', ');
    const wanted = part.filter(({ s }) => s.returns);
    const select = wanted.length ? wanted.map(({ i }) => `(SELECT json_agg(q${i}) FROM q${i}) AS q${i}`).join(', ') : '1 AS done';
    const { rows } = await runSql<Record<string, Record<string, unknown>[] | null>>(db, `WITH ${ctes} SELECT ${select}`, part.flatMap(({ s }) => s.params));
    for (const { i } of wanted) out[i] = rows[0][`q${i}`] ?? [];
  }
  return out;
}

function paramChunks(statements: readonly SqlStatement[], max: number) {
  const chunks: { s: SqlStatement; i: number }[][] = [[]];
  let count = 0;
  statements.forEach((s, i) => {
    if (count + s.params.length > max && chunks[chunks.length - 1].length) {
      chunks.push([]);
      count = 0;
    }
    chunks[chunks.length - 1].push({ s, i });
    count += s.params.length;
  });
  return chunks;
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
    // A query is written as soon as it is issued, not after the previous one's answer: a held-back
    // BEGIN and a posting's COMMIT travel with the statement before them (decisions/0005).
    // Queries issued one after another (await) behave exactly as without it.
    pipeline: true,
  } as pg.PoolConfig);
  pool.on('connect', usePreparedNames);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    info: { name: 'postgres', serializesWrites: false },
    durable: () => Promise.resolve(),
    flushInFlight: () => null,
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

/** SQL for the hour (0–23) on the wall clock of `zone` (a column of IANA names) of an ISO instant column. */
export function localHourSql(dialect: DialectName, instant: string, zone: string): string {
  return dialect === 'postgres'
    ? `CAST(EXTRACT(HOUR FROM (CAST(${instant} AS timestamptz) AT TIME ZONE ${zone})) AS integer)`
    : `cangshou_local_hour(${instant}, ${zone})`;
}

/** SQL for an integer field of a JSON text column; NULL when the column or the field is absent. `key` is a fixed identifier. */
export function jsonIntSql(dialect: DialectName, column: string, key: string): string {
  return dialect === 'postgres' ? `CAST(CAST(${column} AS jsonb) ->> '${key}' AS bigint)` : `json_extract(${column}, '$.${key}')`;
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
