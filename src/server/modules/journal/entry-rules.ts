// What every manual journal line and date must satisfy, checked when a draft is written and again
// when it is approved (the books may have closed or an account been deactivated in between).
import type { Kysely } from 'kysely';
import { isCalendarDate } from '../../../core/time/calendar-date';
import { businessDate } from '../../../core/time/business-date';
import type { DB } from '../../../db/schema';
import { badRequest, notFound, unprocessable } from '../../http/problem';
import { assertDateOpen } from '../../posting/write-document';

export interface EntryLine {
  account: string;
  debit: number;
  credit: number;
  memo?: string;
}

/**
 * ≥ 2 lines, each a debit or a credit (one side > 0), Σdebit = Σcredit, every account active and
 * postable: a leaf of the chart (an account with active sub-accounts is a heading, 222101 takes the
 * posting, not 2221). Returns the entry's total (Σdebit).
 */
export async function checkEntryLines(db: Kysely<DB>, companyId: string, lines: EntryLine[]): Promise<number> {
  if (lines.length < 2) throw badRequest('too_few_lines', 'A journal entry needs at least two lines', 'lines');
  lines.forEach((l, i) => {
    if (l.debit < 0 || l.credit < 0 || (l.debit > 0) === (l.credit > 0)) {
      throw badRequest('debit_xor_credit', 'Each line is either a debit or a credit, not both or neither', `lines.${i}.debit`);
    }
  });
  const debit = lines.reduce((s, l) => s + l.debit, 0);
  const credit = lines.reduce((s, l) => s + l.credit, 0);
  if (!Number.isSafeInteger(debit) || !Number.isSafeInteger(credit)) throw badRequest('amount_too_large', 'The entry total is too large', 'lines');
  if (debit !== credit) {
    throw unprocessable('unbalanced', `Debits ${debit} and credits ${credit} differ by ${debit - credit} fen`, 'lines', { debit, credit });
  }
  const codes = [...new Set(lines.map((l) => l.account))];
  const [accounts, children] = await Promise.all([
    db.selectFrom('accounts').select(['code', 'active']).where('company_id', '=', companyId).where('code', 'in', codes).execute(),
    db.selectFrom('accounts').select('parent_code').where('company_id', '=', companyId).where('parent_code', 'in', codes).where('active', '=', 1).execute(),
  ]);
  const active = new Set(accounts.filter((a) => Number(a.active) === 1).map((a) => a.code));
  const headings = new Set(children.map((c) => c.parent_code));
  lines.forEach((l, i) => {
    if (!active.has(l.account)) throw unprocessable('unknown_account', `Account ${l.account} is not an active account of the chart of accounts`, `lines.${i}.account`);
    if (headings.has(l.account)) throw unprocessable('account_not_postable', `Account ${l.account} has sub-accounts; post to one of them`, `lines.${i}.account`);
  });
  return debit;
}

/** A real calendar date, not after today in the store's zone, and in an open period (409 period_locked). */
export async function checkEntryDate(db: Kysely<DB>, companyId: string, date: string, timeZone: string, now: Date, field: string): Promise<void> {
  if (!isCalendarDate(date)) throw badRequest('bad_date', `${date} is not a calendar date`, field);
  const today = businessDate(now, timeZone);
  if (date > today) throw unprocessable('date_in_future', `The date must not be after today (${today})`, field);
  await assertDateOpen(db, companyId, date, field);
}

export async function storeOf(db: Kysely<DB>, companyId: string, storeId: string) {
  const store = await db.selectFrom('stores').select(['id', 'timezone']).where('id', '=', storeId).where('company_id', '=', companyId).executeTakeFirst();
  if (!store) throw notFound('Store', 'storeId');
  return store;
}
