import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { AccountCreateBody, AccountPatchBody } from '../../../contracts/accounting';
import { isCalendarDate } from '../../../core/time/calendar-date';
import { businessDate } from '../../../core/time/business-date';
import { isUniqueViolation, runSql } from '../../../db/dialect';
import type { DB } from '../../../db/schema';
import { appendAudit, chains } from '../../audit/chain';
import type { AuthContext } from '../../auth/auth-context';
import { holdBooksExclusive } from '../../posting/books-lock';
import type { Clock } from '../../clock';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../http/problem';
import { ACCOUNTS } from './chart';

type AccountRow = { code: string; name: string; name_en: string; type: string; parent_code: string | null; active: number };
const view = (r: AccountRow) => ({ code: r.code, name: r.name, nameEn: r.name_en, type: r.type, parentCode: r.parent_code, active: Number(r.active) === 1 });

/** Accounts the automatic postings write to: they can be renamed, never deactivated. */
const POSTING_ACCOUNTS = new Set<string>(Object.values(ACCOUNTS));

export class AccountsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  async chart(auth: AuthContext) {
    const rows = await this.db.selectFrom('accounts').selectAll().where('company_id', '=', auth.user.companyId).orderBy('code').execute();
    const items = rows.map(view);
    return { items, total: items.length };
  }

  /** A new account, usually a sub-account (222101 应交增值税-销项税额 under 2221). */
  async create(auth: AuthContext, body: z.infer<typeof AccountCreateBody>) {
    const companyId = auth.user.companyId;
    const at = this.clock().toISOString();
    let type = body.type;
    if (body.parentCode) {
      const parent = await this.find(this.db, companyId, body.parentCode);
      if (!parent) throw unprocessable('unknown_account', `Parent account ${body.parentCode} is not in the chart of accounts`, 'parentCode');
      if (!body.code.startsWith(parent.code) || body.code.length <= parent.code.length) {
        throw badRequest('bad_account_code', `A sub-account code starts with its parent's code ${parent.code} and is longer`, 'code');
      }
      if (type && type !== parent.type) throw badRequest('account_type_mismatch', `A sub-account has its parent's type (${parent.type})`, 'type');
      type = parent.type as typeof type;
    }
    if (!type) throw badRequest('account_type_required', 'A first-level account needs a type', 'type');
    const row = { company_id: companyId, code: body.code, name: body.name, name_en: body.nameEn, type, parent_code: body.parentCode ?? null, active: 1, created_at: at };
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('accounts').values(row).execute();
        await this.audit(trx, auth, 'account.created', body.code, at, { account: view(row) });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('account_exists', `Account ${body.code} already exists`, 'code');
      throw err;
    }
    return view(row);
  }

  /**
   * Rename, retype or (de)activate. An account with postings keeps its type (the statements it
   * already fed would change); one with a balance, with active sub-accounts or used by the
   * automatic postings cannot be deactivated. Accounts are never deleted.
   */
  async update(auth: AuthContext, code: string, patch: z.infer<typeof AccountPatchBody>) {
    const companyId = auth.user.companyId;
    const at = this.clock().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const before = await this.find(trx, companyId, code);
      if (!before) throw notFound('Account', 'code');
      if (patch.type && patch.type !== before.type) {
        if (await this.hasPostings(trx, companyId, code)) throw conflict('account_in_use', `Account ${code} has postings; its type cannot change`, 'type');
        if (before.parent_code) throw badRequest('account_type_mismatch', 'A sub-account has its parent\'s type', 'type');
        await this.assertNoRule(trx, companyId, code, 'type');
      }
      if (patch.active === false && Number(before.active) === 1) await this.assertCanDeactivate(trx, companyId, code);
      const changes = {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.nameEn !== undefined ? { name_en: patch.nameEn } : {}),
        ...(patch.type !== undefined ? { type: patch.type } : {}),
        ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
      };
      await trx.updateTable('accounts').set(changes).where('company_id', '=', companyId).where('code', '=', code).execute();
      const after = { ...before, ...changes };
      await this.audit(trx, auth, 'account.updated', code, at, { before: view(before), after: view(after) });
      return view(after);
    });
  }

  async lockDate(auth: AuthContext) {
    const row = await this.db.selectFrom('companies').select('books_lock_date').where('id', '=', auth.user.companyId).executeTakeFirstOrThrow();
    return { lockDate: row.books_lock_date };
  }

  /**
   * Closes the books up to `lockDate` (关账): the posting engine refuses documents dated on or
   * before it. The lock is company-wide, so only a company-wide finance/owner role may move it,
   * and never onto today or later in any store's time zone (today's sales must still post).
   */
  async setLockDate(auth: AuthContext, lockDate: string | null) {
    if (auth.storesWith('books.lock') !== 'all') throw forbidden('Closing the books needs a company-wide role');
    const companyId = auth.user.companyId;
    const now = this.clock();
    if (lockDate !== null) {
      if (!isCalendarDate(lockDate)) throw badRequest('bad_date', `${lockDate} is not a calendar date`, 'lockDate');
      const today = await companyToday(this.db, companyId, now);
      if (lockDate >= today) throw unprocessable('lock_date_not_past', `The lock date must be before today (${today})`, 'lockDate');
    }
    return this.db.transaction().execute(async (trx) => {
      const before = await lockBooks(trx, companyId);
      // A closed year (年结) stays closed: its closing entries zeroed revenue and expenses at 12-31.
      // Read under the lock, so a year-end close running now is seen.
      const lastClosed = await trx.selectFrom('year_end_closes').select('year').where('company_id', '=', companyId).orderBy('year', 'desc').executeTakeFirst();
      if (lastClosed && (lockDate === null || lockDate < `${lastClosed.year}-12-31`)) {
        throw conflict('year_closed', `The year ${lastClosed.year} is closed; the lock date cannot move before ${lastClosed.year}-12-31`, 'lockDate');
      }
      await trx.updateTable('companies').set({ books_lock_date: lockDate }).where('id', '=', companyId).execute();
      await appendAudit(trx, {
        chainId: chains.company(companyId),
        companyId,
        actorId: auth.user.id,
        action: 'books.lock_date_changed',
        subjectType: 'company',
        subjectId: companyId,
        storeId: null,
        at: now.toISOString(),
        data: { before, after: lockDate },
      });
      return { lockDate };
    });
  }

  private async assertCanDeactivate(trx: Kysely<DB>, companyId: string, code: string) {
    if (POSTING_ACCOUNTS.has(code)) throw conflict('account_in_use', `Account ${code} is used by the automatic postings`, 'active');
    await this.assertNoRule(trx, companyId, code, 'active');
    const child = await trx.selectFrom('accounts').select('code').where('company_id', '=', companyId).where('parent_code', '=', code).where('active', '=', 1).executeTakeFirst();
    if (child) throw conflict('account_in_use', `Account ${code} has the active sub-account ${child.code}`, 'active');
    const balance = await sql<{ b: number | null }>`
      SELECT CAST(SUM(debit - credit) AS BIGINT) AS b FROM journal_lines WHERE company_id = ${companyId} AND account_code = ${code}`.execute(trx);
    if (Number(balance.rows[0]?.b ?? 0) !== 0) throw conflict('account_has_balance', `Account ${code} has a balance; clear it before deactivating`, 'active');
  }

  /** A posting rule points at the account: the automatic postings would book to it (docs/accounting.md). */
  private async assertNoRule(trx: Kysely<DB>, companyId: string, code: string, field: string) {
    const rule = await trx.selectFrom('posting_rules').select(['kind', 'key']).where('company_id', '=', companyId).where('account_code', '=', code).executeTakeFirst();
    if (rule) throw conflict('account_in_use', `Account ${code} is used by the posting rule ${rule.kind}/${rule.key}`, field);
  }

  private async hasPostings(trx: Kysely<DB>, companyId: string, code: string) {
    const hit = await trx.selectFrom('journal_lines').select('entry_id').where('company_id', '=', companyId).where('account_code', '=', code).limit(1).executeTakeFirst();
    return Boolean(hit);
  }

  private find(db: Kysely<DB>, companyId: string, code: string) {
    return db.selectFrom('accounts').select(['code', 'name', 'name_en', 'type', 'parent_code', 'active']).where('company_id', '=', companyId).where('code', '=', code).executeTakeFirst();
  }

  private audit(trx: Kysely<DB>, auth: AuthContext, action: string, code: string, at: string, data: Record<string, unknown>) {
    return appendAudit(trx, {
      chainId: chains.company(auth.user.companyId),
      companyId: auth.user.companyId,
      actorId: auth.user.id,
      action,
      subjectType: 'account',
      subjectId: code,
      storeId: null,
      at,
      data,
    });
  }
}

/**
 * Takes the books lock exclusively for a lock-date change (posting/books-lock.ts: waits for every
 * posting in flight, holds back new ones) and answers the current lock date, read after the wait.
 */
export async function lockBooks(trx: Kysely<DB>, companyId: string): Promise<string | null> {
  await holdBooksExclusive(trx, companyId);
  const { rows } = await runSql<{ books_lock_date: string | null }>(trx, 'SELECT books_lock_date FROM companies WHERE id = ?', [companyId]);
  if (!rows[0]) throw notFound('Company', 'companyId');
  return rows[0].books_lock_date;
}

/** The earliest "today" over the company's stores: a date before it is in the past everywhere. */
export async function companyToday(db: Kysely<DB>, companyId: string, now: Date): Promise<string> {
  const stores = await db.selectFrom('stores').select('timezone').where('company_id', '=', companyId).execute();
  return stores.map((s) => businessDate(now, s.timezone)).sort()[0] ?? businessDate(now, 'Asia/Shanghai');
}
