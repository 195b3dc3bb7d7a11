// Keeps the analytics rollups up to date without touching the posting transaction (docs/analytics.md).
// Every posted document leaves one outbox row; a catch-up claims pending rows (rolled_up_at IS NULL)
// and adds their documents to the rollups in the same transaction, so a document is counted
// exactly once even with several server processes: on SQLite the claim is the transaction's first
// write (one writer at a time), on PostgreSQL catch-ups also take a transaction advisory lock, and
// the claim's `rolled_up_at IS NULL` guard would skip rows another process took anyway.
// Reads call `catchUp()` first, so answers include everything committed before the read began.
import { sql, type Kysely } from 'kysely';
import { runSql, type Database } from '../../db/dialect';
import type { DB } from '../../db/schema';
import { rollupStatements } from './rollup-sql';

/** pg_advisory_xact_lock key of the rollup writers ("roll" in ASCII). */
const ROLLUP_LOCK = 0x726f6c6c;
const ROLLUP_TABLES = ['rollup_product_day', 'rollup_category_day', 'rollup_product_month', 'rollup_tax_day', 'rollup_till_hour', 'rollup_payment_day', 'rollup_account_day'] as const;

export interface RollupOptions {
  /** Documents per catch-up transaction: short transactions, so tills never wait long on SQLite. */
  batchSize?: number;
  now?: () => Date;
}

export class Rollups {
  private running: Promise<number> | null = null;
  private queued: Promise<number> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly batchSize: number;
  private readonly now: () => Date;

  constructor(
    private readonly database: Database,
    opts: RollupOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 500;
    this.now = opts.now ?? (() => new Date());
  }

  /**
   * Roll up everything posted so far; resolves with the number of outbox rows taken in. Callers
   * arriving while a catch-up runs share one follow-up run, which sees what they committed.
   */
  catchUp(): Promise<number> {
    if (!this.running) return this.start();
    this.queued ??= this.running.then(
      () => this.handOver(),
      () => this.handOver(),
    );
    return this.queued;
  }

  /** Background tick for `serve`: keeps the backlog, and so each read's catch-up, small. */
  startTicking(intervalMs = 2000, onError: (err: unknown) => void = () => {}): void {
    this.timer ??= setInterval(() => void this.catchUp().catch(onError), intervalMs);
    this.timer.unref();
  }

  stopTicking(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Recompute every rollup from the raw rows (INSERT … SELECT … GROUP BY), in one transaction.
   * On PostgreSQL the outbox is locked against writes meanwhile, so a document posted during the
   * rebuild is either in it and marked, or waits and is caught up afterwards; never both.
   */
  async rebuild(): Promise<{ documents: number }> {
    const dialect = this.database.info.name;
    return this.database.db.transaction().execute(async (trx) => {
      if (dialect === 'postgres') {
        await sql`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK})`.execute(trx);
        await sql`LOCK TABLE outbox IN EXCLUSIVE MODE`.execute(trx);
      }
      await runSql(trx, 'UPDATE outbox SET rolled_up_at = ? WHERE rolled_up_at IS NULL', [this.now().toISOString()]);
      for (const t of ROLLUP_TABLES) await runSql(trx, `DELETE FROM ${t}`, []);
      for (const s of rollupStatements(dialect, 'all')) await runSql(trx, s.text, s.params);
      const { rows } = await runSql<{ n: number }>(trx, 'SELECT COUNT(*) AS n FROM documents', []);
      return { documents: Number(rows[0].n) };
    });
  }

  private handOver(): Promise<number> {
    this.queued = null;
    return this.start();
  }

  private start(): Promise<number> {
    const run = this.drain().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async drain(): Promise<number> {
    // Nothing pending (the usual case under the tick): answer from the partial index without
    // opening a write transaction, so idle reads never queue behind or ahead of postings.
    const pending = await runSql(this.database.db, 'SELECT id FROM outbox WHERE rolled_up_at IS NULL LIMIT 1', []);
    if (!pending.rows.length) return 0;
    let total = 0;
    for (;;) {
      const n = await this.applyBatch();
      total += n;
      if (n < this.batchSize) return total;
      // Let requests waiting on the event loop in between batches (SQLite writes are synchronous).
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Claim up to one batch of pending outbox rows and add their documents to the rollups. */
  private async applyBatch(): Promise<number> {
    const dialect = this.database.info.name;
    return this.database.db.transaction().execute(async (trx: Kysely<DB>) => {
      if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK})`.execute(trx);
      const claimed = await runSql<{ document_id: string | null }>(
        trx,
        'UPDATE outbox SET rolled_up_at = ? WHERE rolled_up_at IS NULL AND id IN (SELECT id FROM outbox WHERE rolled_up_at IS NULL ORDER BY id LIMIT ?) RETURNING document_id',
        [this.now().toISOString(), this.batchSize],
      );
      const ids = [...new Set(claimed.rows.map((r) => r.document_id).filter((id): id is string => !!id))];
      if (ids.length) for (const s of rollupStatements(dialect, ids)) await runSql(trx, s.text, s.params);
      return claimed.rows.length;
    });
  }
}
