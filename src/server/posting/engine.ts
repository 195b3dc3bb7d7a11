// post(document): the one write path for business documents (ARCHITECTURE §3).
//
// On a dialect with one writer (SQLite) the engine does group commit: documents that arrive while a
// transaction is running wait, then all of them are written in ONE transaction, each inside its
// own savepoint (a failing document rolls back alone), and every caller is answered only after
// that transaction is on disk. With synchronous=FULL this turns one fsync per sale into one per batch.
// On PostgreSQL each document is its own transaction; the server does its own group commit.
import { EventEmitter } from 'node:events';
import type { Kysely } from 'kysely';
import { isRetryableConflict, isUniqueViolation, runSql, type Database } from '../../db/dialect';
import type { DB } from '../../db/schema';
import { notFound } from '../http/problem';
import type { PostOutcome, PostingRequest } from './types';
import { findPosted, writeDocument, type RegisterRef, type StoreRef, type WriteContext } from './write-document';

interface Job {
  req: PostingRequest;
  resolve(o: PostOutcome): void;
  reject(e: unknown): void;
}

export interface PostingEngineOptions {
  maxBatch?: number;
  now?: () => Date;
}

const REF_TTL_MS = 30_000;

export class PostingEngine {
  /** Emits 'posted' after commit, so the outbox relay can deliver without polling delay. */
  readonly events = new EventEmitter();
  private queue: Job[] = [];
  private flushing = false;
  private readonly maxBatch: number;
  private readonly now: () => Date;
  private stores = new Map<string, { ref: StoreRef; at: number }>();
  private registers = new Map<string, { ref: RegisterRef; at: number }>();

  constructor(
    private readonly database: Database,
    opts: PostingEngineOptions = {},
  ) {
    this.maxBatch = opts.maxBatch ?? 256;
    this.now = opts.now ?? (() => new Date());
  }

  async post(req: PostingRequest): Promise<PostOutcome> {
    const outcome = this.database.info.serializesWrites ? await this.enqueue(req) : await this.postAlone(req);
    if (!outcome.replayed) this.events.emit('posted', outcome.document);
    return outcome;
  }

  /**
   * Writes a document inside a transaction the caller opened and commits: for work that must hold
   * a lock across several documents (the year-end close holds the company row from reading the
   * year's balances to setting the lock date). No group commit and no retry here; after its
   * commit the caller hands the outcomes to `announce`.
   */
  async postWithin(trx: Kysely<DB>, req: PostingRequest): Promise<PostOutcome> {
    return writeDocument(trx, req, await this.context(trx, req));
  }

  /** Tells listeners (the outbox relay) about a document a caller's transaction committed. */
  announce(outcome: PostOutcome): void {
    if (!outcome.replayed) this.events.emit('posted', outcome.document);
  }

  /** Store settings changed (time zone, code): drop the cached refs. */
  forget(): void {
    this.stores.clear();
    this.registers.clear();
  }

  private async postAlone(req: PostingRequest): Promise<PostOutcome> {
    const db = this.database.db;
    const ctx = await this.context(db, req);
    for (let attempt = 1; ; attempt++) {
      // COMMIT follows the document's write on the wire without waiting for its answer (one round
      // trip for both, docs/decisions/0005). If the write failed, PostgreSQL has aborted the
      // transaction and answers the COMMIT with a rollback; the write's own error is the one to report.
      let written: Promise<unknown> | null = null;
      const pipelineWrite = (pending: Promise<unknown>) => {
        written = pending.then(
          () => null,
          (e: unknown) => e,
        );
      };
      try {
        const outcome = await db.transaction().execute((trx) => writeDocument(trx, req, { ...ctx, pipelineWrite }));
        const failed = written ? await written : null;
        if (failed) throw failed;
        return outcome;
      } catch (caught) {
        const err = (written ? await written : null) ?? caught;
        // Two requests with one client id raced; the loser answers with the winner's result.
        if (isUniqueViolation(err)) {
          const prior = await findPosted(db, req);
          if (prior) return prior;
        }
        // Documents touching the same rows in different orders can deadlock; PostgreSQL aborts one
        // of them, which is safe to run again from the start.
        if (isRetryableConflict(err) && attempt < 5) continue;
        throw err;
      }
    }
  }

  private enqueue(req: PostingRequest): Promise<PostOutcome> {
    return new Promise<PostOutcome>((resolve, reject) => {
      this.queue.push({ req, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // Let every request already parsed in this turn of the event loop join the batch.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const db = this.database.db;
    while (this.queue.length) {
      // While a WAL flush runs, a commit now would be answered only after the flush that follows
      // it anyway: gather documents until it ends, so they share one commit (a commit writes a
      // page per B-tree it touched, whatever the batch) and the event loop serves requests
      // meanwhile. A full batch goes ahead.
      const flushing = this.database.flushInFlight();
      if (flushing && this.queue.length < this.maxBatch) await flushing;
      const batch = this.queue.splice(0, this.maxBatch);
      const settled: Array<{ ok: true; value: PostOutcome } | { ok: false; error: unknown }> = [];
      try {
        await db.transaction().execute(async (trx) => {
          for (const job of batch) {
            await runSql(trx, 'SAVEPOINT doc', []);
            try {
              const value = await writeDocument(trx, job.req, await this.context(trx, job.req));
              await runSql(trx, 'RELEASE SAVEPOINT doc', []);
              settled.push({ ok: true, value });
            } catch (error) {
              await runSql(trx, 'ROLLBACK TO SAVEPOINT doc', []);
              await runSql(trx, 'RELEASE SAVEPOINT doc', []);
              settled.push({ ok: false, error });
            }
          }
        });
      } catch (error) {
        for (const job of batch) job.reject(error);
        continue;
      }
      // Answer once the commit is on disk; the flush runs on the thread pool while the next batch
      // is written (docs/decisions/0006).
      this.database.durable().then(
        () =>
          batch.forEach((job, i) => {
            const s = settled[i];
            if (s.ok) job.resolve(s.value);
            else job.reject(s.error);
          }),
        (error: unknown) => batch.forEach((job) => job.reject(error)),
      );
      // Yield to I/O so requests that arrived during the commit form the next batch.
      if (this.queue.length) await new Promise((r) => setImmediate(r));
    }
    this.flushing = false;
  }

  private async context(db: Kysely<DB>, req: PostingRequest): Promise<WriteContext> {
    const store = await this.storeRef(db, req.storeId);
    if (!store || store.companyId !== req.companyId) throw notFound('Store', 'storeId');
    let register: RegisterRef | null = null;
    if (req.registerId) {
      register = (await this.registerRef(db, req.registerId)) ?? null;
      if (!register || register.storeId !== req.storeId) throw notFound('Register', 'registerId');
    }
    return { store, register, now: this.now() };
  }

  private async storeRef(db: Kysely<DB>, id: string): Promise<StoreRef | undefined> {
    const hit = this.stores.get(id);
    if (hit && Date.now() - hit.at < REF_TTL_MS) return hit.ref;
    const row = await db.selectFrom('stores').select(['code', 'timezone', 'company_id']).where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const ref = { code: row.code, timezone: row.timezone, companyId: row.company_id };
    this.stores.set(id, { ref, at: Date.now() });
    return ref;
  }

  private async registerRef(db: Kysely<DB>, id: string): Promise<RegisterRef | undefined> {
    const hit = this.registers.get(id);
    if (hit && Date.now() - hit.at < REF_TTL_MS) return hit.ref;
    const row = await db.selectFrom('registers').select(['code', 'store_id']).where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const ref = { code: row.code, storeId: row.store_id };
    this.registers.set(id, { ref, at: Date.now() });
    return ref;
  }
}
