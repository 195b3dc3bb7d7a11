// SQLite's `synchronous=FULL` promise (an answered write survives power loss) without the fsync
// and the checkpoint running on the event loop (docs/decisions/0006-sqlite-durability.md).
//
// The connection commits with synchronous=NORMAL, which in WAL mode writes the commit's frames to
// the WAL but does not fsync it. `durable()` then fdatasyncs the WAL on libuv's thread pool, and
// callers answer only after it resolves: the same guarantee as FULL, while the event loop serves
// other requests during the flush. One flush covers every commit before it started, so concurrent
// callers share one. Checkpoints (copying the WAL into the database file, with its own fsyncs) run
// on a worker thread with its own connection, PASSIVE so they never block the writer.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteSync } from './dialect';

export interface SqliteDurability {
  /** Resolves once every write committed before the call is on disk (a no-op for NORMAL). */
  durable(): Promise<void>;
  /** The WAL flush running now (settles, never rejects), or null. */
  inFlight(): Promise<void> | null;
  /** WAL flushes done, and the checkpointer's runs and frames copied into the database file. */
  stats(): { flushes: number; checkpointRuns: number; framesCopied: number };
  close(): Promise<void>;
}

/** Rows written between checkpoint requests (~400 sales; about SQLite's own 1,000-page default). */
const CHECKPOINT_EVERY_CHANGES = 10_000;
/**
 * SQLite's own automatic checkpoint stays on as a backstop, far above the worker's pace: it runs
 * on this thread only if the worker is gone or writes arrive where nothing calls `durable()`.
 */
export const BACKSTOP_AUTOCHECKPOINT_PAGES = 65_536;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 0');
db.pragma('synchronous = FULL');
parentPort.on('message', (msg) => {
  if (msg === 'close') { db.close(); parentPort.close(); return; }
  let result = { busy: 1, log: 0, checkpointed: 0 };
  try { result = db.pragma('wal_checkpoint(PASSIVE)')[0]; } catch { /* busy: the next request retries */ }
  parentPort.postMessage(result);
});
`;

export function sqliteDurability(raw: BetterSqlite3.Database, file: string, sync: SqliteSync): SqliteDurability {
  const wal = `${file}-wal`;
  const totalChanges = raw.prepare('SELECT total_changes() AS n').pluck();
  let walFd: number | null = null;
  let flushing: Promise<void> | null = null;
  let flushingFrom = -1;
  let next: Promise<void> | null = null;
  let syncedThrough = sync === 'FULL' ? 0 : Number.MAX_SAFE_INTEGER;
  let worker: Worker | null = null;
  let checkpointing = false;
  const stats = { flushes: 0, checkpointRuns: 0, framesCopied: 0 };

  const fdatasync = (fd: number) => new Promise<void>((resolve, reject) => fs.fdatasync(fd, (e) => (e ? reject(e) : resolve())));

  const flush = (): Promise<void> => {
    const from = totalChanges.get() as number;
    flushingFrom = from;
    if (walFd === null && !fs.existsSync(wal)) return Promise.resolve(); // nothing written yet
    walFd ??= fs.openSync(wal, 'r');
    stats.flushes++;
    flushing = fdatasync(walFd).then(
      () => {
        syncedThrough = Math.max(syncedThrough, from);
        flushing = null;
        maybeCheckpoint();
      },
      (e: unknown) => {
        flushing = null;
        throw e;
      },
    );
    return flushing;
  };

  let checkpointedAt = 0;
  const maybeCheckpoint = () => {
    if (checkpointing) return;
    const changes = totalChanges.get() as number;
    if (changes - checkpointedAt < CHECKPOINT_EVERY_CHANGES) return;
    checkpointedAt = changes;
    checkpointing = true;
    worker ??= startWorker();
    worker.postMessage('checkpoint');
  };

  const startWorker = () => {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') } });
    w.on('message', (r: { busy: number; checkpointed: number }) => {
      checkpointing = false;
      stats.checkpointRuns++;
      if (r.checkpointed > 0) stats.framesCopied += r.checkpointed;
    });
    w.on('error', () => {
      // Until the next request starts a new worker, SQLite's backstop checkpoint bounds the WAL.
      checkpointing = false;
      worker = null;
    });
    w.unref();
    return w;
  };

  return {
    durable() {
      if (sync !== 'FULL') {
        maybeCheckpoint();
        return Promise.resolve();
      }
      const now = totalChanges.get() as number;
      if (now <= syncedThrough) return Promise.resolve();
      if (!flushing) return flush();
      if (now <= flushingFrom) return flushing;
      // The running flush may have started before this caller's commit: wait for the one after it.
      next ??= flushing.then(
        () => {
          next = null;
          return flush();
        },
        () => {
          next = null;
          return flush();
        },
      );
      return next;
    },
    inFlight: () => flushing?.catch(() => undefined) ?? null,
    stats: () => ({ ...stats }),
    async close() {
      await (next ?? flushing)?.catch(() => undefined);
      if (worker) {
        const w = worker;
        worker = null;
        await new Promise<void>((resolve) => {
          w.ref(); // unref'd while idle; keep the process alive until it has closed its connection
          w.once('exit', () => resolve());
          w.postMessage('close');
        });
      }
      if (walFd !== null) fs.closeSync(walFd);
      walFd = null;
    },
  };
}
