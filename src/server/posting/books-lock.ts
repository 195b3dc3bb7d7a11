// The books lock (关账) on PostgreSQL: every posting holds it shared until commit, and a lock-date
// change (year-end close, PUT /books/lock-date) takes it exclusively before it reads anything. So a
// posting either commits before the change reads the balances, or waits and then reads the new lock
// date. It is an advisory (heavyweight) lock because those queue fairly: a waiting close holds back
// new postings. Row locks do not: FOR UPDATE on the company row starved behind a steady stream of
// postings holding FOR KEY SHARE. The lock is its own statement, so the lock-date read that follows
// gets a snapshot taken after the wait. SQLite has one writer at a time: nothing to lock there.
import type { Kysely } from 'kysely';
import { dialectOf, runSql } from '../../db/dialect';

/** Advisory lock class ("book"); the two-key space never meets the rollups' one-key lock. */
const BOOKS = 0x626f6f6b;

export async function holdBooksShared(trx: Kysely<any>, companyId: string): Promise<void> {
  if (dialectOf(trx) === 'postgres') await runSql(trx, 'SELECT pg_advisory_xact_lock_shared(?, hashtext(?))', [BOOKS, companyId]);
}

export async function holdBooksExclusive(trx: Kysely<any>, companyId: string): Promise<void> {
  if (dialectOf(trx) === 'postgres') await runSql(trx, 'SELECT pg_advisory_xact_lock(?, hashtext(?))', [BOOKS, companyId]);
}
