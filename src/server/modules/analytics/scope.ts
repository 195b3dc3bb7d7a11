// Which stores and which dates a dashboard or analytics request covers.
import type { Kysely } from 'kysely';
import { MAX_PERIOD_DAYS } from '../../../contracts/analytics';
import { addDays, daysBetween, isCalendarDate } from '../../../core/time/calendar-date';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { badRequest, notFound } from '../../http/problem';

export interface ScopeStore {
  id: string;
  code: string;
  name: string;
  timezone: string;
}

export interface AnalyticsScope {
  /** The store asked for, or null for every store the caller may read. */
  storeId: string | null;
  /** Every store the caller may read (reports.read), by code. */
  readable: ScopeStore[];
  /** The stores the figures cover. */
  stores: ScopeStore[];
}

/** The stores of the request: the one named (404 if not readable) or all the caller may read. */
export async function analyticsScope(db: Kysely<DB>, auth: AuthContext, storeId: string | undefined): Promise<AnalyticsScope> {
  const allowed = auth.storesWith('reports.read');
  let q = db.selectFrom('stores').select(['id', 'code', 'name', 'timezone']).where('company_id', '=', auth.user.companyId).orderBy('code');
  if (allowed !== 'all') q = allowed.length ? q.where('id', 'in', allowed) : q.where('id', '=', '');
  const readable = await q.execute();
  if (storeId === undefined) return { storeId: null, readable, stores: readable };
  const store = readable.find((s) => s.id === storeId);
  if (!store) throw notFound('Store', 'storeId');
  return { storeId, readable, stores: [store] };
}

/** Checks a from..to period: real dates, in order, at most MAX_PERIOD_DAYS long. */
export function checkPeriod(from: string, to: string): { from: string; to: string; days: number } {
  if (!isCalendarDate(from)) throw badRequest('bad_date', `${from} is not a calendar date`, 'from');
  if (!isCalendarDate(to)) throw badRequest('bad_date', `${to} is not a calendar date`, 'to');
  if (from > to) throw badRequest('bad_period', 'from must not be after to', 'to');
  const days = daysBetween(from, to) + 1;
  if (days > MAX_PERIOD_DAYS) throw badRequest('period_too_long', `A period covers at most ${MAX_PERIOD_DAYS} days`, 'from');
  return { from, to, days };
}

/** The period of the same length just before (环比). */
export function previousPeriod(from: string, days: number): { from: string; to: string } {
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

/** The same dates one year earlier (同比); 29 February maps to 28 February. */
export function yearBefore(from: string, to: string): { from: string; to: string } {
  const back = (d: string) => {
    const y = String(Number(d.slice(0, 4)) - 1).padStart(4, '0');
    const candidate = `${y}${d.slice(4)}`;
    return isCalendarDate(candidate) ? candidate : `${y}-02-28`;
  };
  return { from: back(from), to: back(to) };
}

/** Every date from..to, oldest first. */
export function datesOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
