// Year-end close (年结, 小企业会计准则): on YYYY-12-31 every revenue and expense account's balance for
// the year moves into 3103 本年利润 (结转损益), then 3103's balance into 3104 利润分配, and the books
// lock at YYYY-12-31. Journal entries carry their store, so each store with activity gets its own
// `year_end_close` document (YC-<store>-NNNNNN) and every per-store report stays balanced.
import { sql, type Kysely } from 'kysely';
import { instantOnBusinessDate } from '../../../core/time/business-date';
import { isRetryableConflict, isUniqueViolation, runSql } from '../../../db/dialect';
import type { DB } from '../../../db/schema';
import { appendAudit, chains } from '../../audit/chain';
import type { AuthContext } from '../../auth/auth-context';
import type { Clock } from '../../clock';
import { conflict, forbidden, unprocessable } from '../../http/problem';
import type { PostingEngine } from '../../posting/engine';
import { payloadHash } from '../../posting/payload-hash';
import { assertDateOpen } from '../../posting/write-document';
import type { JournalEntryInput, JournalLineInput, PostOutcome } from '../../posting/types';
import { ACCOUNTS } from '../accounts/chart';
import { companyToday, lockBooks } from '../accounts/service';

/** Build found nothing to close in a store: no document is posted for it. */
class NothingToClose extends Error {}

export interface YearEndCloseResult {
  year: number;
  profit: number;
  lockDate: string;
  documents: { id: string; number: string; storeId: string; profit: number }[];
}

export class YearEndCloseService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly engine: PostingEngine,
    private readonly clock: Clock,
  ) {}

  /**
   * Refused when the year is not over everywhere, is already closed (or a later one is), when an
   * earlier year with postings is still open, or when the lock date already covers 12-31.
   *
   * ONE transaction from the checks to the new lock date, holding the company row (FOR UPDATE on
   * PostgreSQL, `lockBooks`): a posting into the year either committed before the closing entries
   * read the balances, or waits and then meets the new lock date (postings read it with FOR KEY
   * SHARE). With the lock date set in a later transaction, a posting in between would land in a
   * year whose revenue and expenses had already been closed out. Each store's document keeps its
   * client id of year and store, so documents an older, interrupted close left are replayed.
   */
  async close(auth: AuthContext, year: number): Promise<YearEndCloseResult> {
    if (auth.storesWith('books.lock') !== 'all') throw forbidden('The year-end close needs a company-wide role');
    const companyId = auth.user.companyId;
    const today = await companyToday(this.db, companyId, this.clock());
    if (`${year}-12-31` >= today) throw unprocessable('year_not_over', `${year} is not over yet in every store (today is ${today})`, 'year');
    const stores = await this.db.selectFrom('stores').select(['id', 'code', 'timezone']).where('company_id', '=', companyId).orderBy('code').execute();
    for (let attempt = 1; ; attempt++) {
      try {
        const { result, posted } = await this.db.transaction().execute((trx) => this.closeWithin(trx, auth, year, stores));
        posted.forEach((o) => this.engine.announce(o));
        return result;
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict('year_already_closed', `${year} is already closed`, 'year');
        // A back-office document of the same store may hold its number counter or audit chain
        // while it waits for the company row: PostgreSQL aborts one of the two; run it again.
        if (isRetryableConflict(err) && attempt < 5) continue;
        throw err;
      }
    }
  }

  private async closeWithin(trx: Kysely<DB>, auth: AuthContext, year: number, stores: { id: string; code: string; timezone: string }[]) {
    const companyId = auth.user.companyId;
    const yearEnd = `${year}-12-31`;
    const lockDateBefore = await lockBooks(trx, companyId);
    const lastClosed = await trx.selectFrom('year_end_closes').select('year').where('company_id', '=', companyId).orderBy('year', 'desc').executeTakeFirst();
    if (lastClosed && lastClosed.year >= year) {
      throw conflict('year_already_closed', lastClosed.year === year ? `${year} is already closed` : `${lastClosed.year}, a later year, is already closed`, 'year');
    }
    const earlier = await trx
      .selectFrom('journal_entries')
      .select('business_date')
      .where('company_id', '=', companyId)
      .where('business_date', '<', `${year}-01-01`)
      .where('business_date', '>', lastClosed ? `${lastClosed.year}-12-31` : '0000-00-00')
      .orderBy('business_date')
      .limit(1)
      .executeTakeFirst();
    if (earlier) {
      const open = Number(earlier.business_date.slice(0, 4));
      throw conflict('previous_year_open', `${open} has postings and is not closed; close it first`, 'year', { openYear: open });
    }
    await assertDateOpen(trx, companyId, yearEnd, 'year');

    const posted: PostOutcome[] = [];
    const documents: YearEndCloseResult['documents'] = [];
    for (const store of stores) {
      // A store with nothing to close posts nothing: its savepoint gives back the number taken.
      await runSql(trx, 'SAVEPOINT year_end_store', []);
      try {
        const outcome = await this.engine.postWithin(trx, {
          clientId: `year-end-close:${year}:${store.id}`,
          companyId,
          storeId: store.id,
          type: 'year_end_close',
          actorId: auth.user.id,
          payloadHash: payloadHash({ yearEndClose: year, storeId: store.id }),
          occurredAt: instantOnBusinessDate(yearEnd, store.timezone),
          build: async (t, ctx) => {
            const { journal, profit } = await closingEntries(t, companyId, store.id, year);
            if (!journal.length) throw new NothingToClose();
            return {
              total: profit,
              memo: `${year} 年结 Year-end close`,
              lines: [],
              moves: [],
              journal,
              auditData: { year, profit },
              result: { year, profit },
              afterDocument: async (w) => {
                await w.insertInto('year_end_close_documents').values({ document_id: ctx.documentId, company_id: companyId, store_id: store.id, year }).execute();
              },
            };
          },
        });
        await runSql(trx, 'RELEASE SAVEPOINT year_end_store', []);
        posted.push(outcome);
        documents.push({ id: outcome.document.id, number: outcome.document.number, storeId: store.id, profit: Number(outcome.document.profit) });
      } catch (err) {
        if (!(err instanceof NothingToClose)) throw err;
        await runSql(trx, 'ROLLBACK TO SAVEPOINT year_end_store', []);
        await runSql(trx, 'RELEASE SAVEPOINT year_end_store', []);
      }
    }

    const profit = documents.reduce((s, d) => s + d.profit, 0);
    const at = this.clock().toISOString();
    await trx.insertInto('year_end_closes').values({ company_id: companyId, year, closed_by: auth.user.id, closed_at: at, profit }).execute();
    await trx.updateTable('companies').set({ books_lock_date: yearEnd }).where('id', '=', companyId).execute();
    await appendAudit(trx, {
      chainId: chains.company(companyId),
      companyId,
      actorId: auth.user.id,
      action: 'books.year_end_closed',
      subjectType: 'company',
      subjectId: companyId,
      storeId: null,
      at,
      data: { year, profit, documents: documents.map((d) => d.number), lockDate: { before: lockDateBefore, after: yearEnd } },
    });
    return { result: { year, profit, lockDate: yearEnd, documents } satisfies YearEndCloseResult, posted };
  }

  async list(auth: AuthContext) {
    const rows = await this.db
      .selectFrom('year_end_closes as y')
      .leftJoin('users as u', 'u.id', 'y.closed_by')
      .select(['y.year', 'y.profit', 'y.closed_at', 'y.closed_by', 'u.display_name'])
      .where('y.company_id', '=', auth.user.companyId)
      .orderBy('y.year', 'desc')
      .execute();
    return { items: rows.map((r) => ({ year: Number(r.year), profit: Number(r.profit), closedAt: r.closed_at, closedBy: r.closed_by, closedByName: r.display_name })) };
  }
}

/**
 * The two closing entries of one store, read inside the posting transaction: (1) each revenue and
 * expense account's balance for the year, reversed, against 3103; (2) 3103's balance to date,
 * including (1), into 3104. Profit = revenue − expenses (credit − debit of those accounts).
 */
async function closingEntries(trx: Kysely<DB>, companyId: string, storeId: string, year: number): Promise<{ journal: JournalEntryInput[]; profit: number }> {
  const balances = await sql<{ account_code: string; type: string; balance: number }>`
    SELECT l.account_code, a.type, CAST(SUM(l.debit - l.credit) AS BIGINT) AS balance
    FROM journal_entries e
    JOIN journal_lines l ON l.entry_id = e.id
    JOIN accounts a ON a.company_id = l.company_id AND a.code = l.account_code
    WHERE e.store_id = ${storeId} AND e.company_id = ${companyId}
      AND e.business_date >= ${`${year}-01-01`} AND e.business_date <= ${`${year}-12-31`}
      AND (a.type IN ('revenue', 'expense') OR l.account_code = ${ACCOUNTS.profitForYear})
    GROUP BY l.account_code, a.type
    ORDER BY l.account_code`.execute(trx);
  // 3103 may also carry entries from before the year (a manual monthly close); its whole balance moves.
  const priorProfitAccount = await sql<{ balance: number | null }>`
    SELECT CAST(SUM(l.debit - l.credit) AS BIGINT) AS balance
    FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id
    WHERE e.store_id = ${storeId} AND e.company_id = ${companyId} AND e.business_date < ${`${year}-01-01`}
      AND l.account_code = ${ACCOUNTS.profitForYear}`.execute(trx);

  const close: JournalLineInput[] = [];
  let pl = 0;
  let profitAccount = Number(priorProfitAccount.rows[0]?.balance ?? 0);
  for (const b of balances.rows) {
    const balance = Number(b.balance);
    if (b.account_code === ACCOUNTS.profitForYear) {
      profitAccount += balance;
      continue;
    }
    if (balance === 0) continue;
    pl += balance;
    close.push(balance > 0 ? { account: b.account_code, debit: 0, credit: balance } : { account: b.account_code, debit: -balance, credit: 0 });
  }
  const profit = -pl;
  const journal: JournalEntryInput[] = [];
  if (close.length) {
    if (profit > 0) close.push({ account: ACCOUNTS.profitForYear, debit: 0, credit: profit, memo: '本年利润 Profit for the year' });
    if (profit < 0) close.push({ account: ACCOUNTS.profitForYear, debit: -profit, credit: 0, memo: '本年亏损 Loss for the year' });
    journal.push({ memo: `${year} 结转损益 Revenue and expenses closed into 3103`, lines: close });
    profitAccount -= profit;
  }
  // Debit-positive: a profit leaves 3103 with a credit (negative) balance, moved to 3104's credit.
  if (profitAccount !== 0) {
    const amount = Math.abs(profitAccount);
    journal.push({
      memo: `${year} 结转本年利润 Profit for the year into 3104`,
      lines:
        profitAccount < 0
          ? [{ account: ACCOUNTS.profitForYear, debit: amount, credit: 0 }, { account: ACCOUNTS.retainedEarnings, debit: 0, credit: amount }]
          : [{ account: ACCOUNTS.profitForYear, debit: 0, credit: amount }, { account: ACCOUNTS.retainedEarnings, debit: amount, credit: 0 }],
    });
  }
  return { journal, profit };
}
