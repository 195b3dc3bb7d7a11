// Day close (日结): once every shift of a store's business date is closed, the day's takings are
// summed (the same `summarizeTakings` as the X report, over all the day's shifts) with the
// over/short counted at each shift close, and frozen in `day_closes`. A shift belongs to the
// business date it opened on, so a shift running past midnight counts in the day it started and the
// day's figures are exactly the sum of its shifts' Z reports. After the close no shift can open on
// that date (ShiftsService.open), as POS systems roll the business day forward at 日结.
import type { Kysely } from 'kysely';
import { summarizeTakings, type TakingsSummary } from '../../../core/shifts/takings';
import { isUniqueViolation } from '../../../db/dialect';
import type { DB } from '../../../db/schema';
import { appendAudit, chains } from '../../audit/chain';
import type { AuthContext } from '../../auth/auth-context';
import type { Permission } from '../../auth/permissions';
import type { Clock } from '../../clock';
import { conflict, notFound } from '../../http/problem';
import { readTakings } from '../shifts/takings-query';

export interface DaySummary extends TakingsSummary {
  shifts: { count: number; open: string[] };
  overShort: { total: number; byMethod: { method: string; expected: number; counted: number; difference: number }[] };
}

export interface DayCloseView {
  storeId: string;
  businessDate: string;
  closed: boolean;
  id: string | null;
  closedBy: string | null;
  closedAt: string | null;
  summary: DaySummary;
}

export class DayCloseService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  /** The day's close if recorded, otherwise its figures so far (`closed: false`). */
  async get(auth: AuthContext, storeId: string, businessDate: string): Promise<DayCloseView> {
    await this.requireStore(auth, 'shifts.read', storeId);
    const closed = await this.findClose(storeId, businessDate);
    if (closed) return closed;
    return { storeId, businessDate, closed: false, id: null, closedBy: null, closedAt: null, summary: await this.summarize(this.db, storeId, businessDate) };
  }

  /** 201 with the close; the same id again answers 200 with it. */
  async close(auth: AuthContext, storeId: string, input: { id: string; businessDate: string }): Promise<{ created: boolean; view: DayCloseView }> {
    await this.requireStore(auth, 'stores.day_close', storeId);
    const prior = await this.replay(auth, storeId, input);
    if (prior) return { created: false, view: prior };
    const closedAt = this.clock().toISOString();
    try {
      const view = await this.db.transaction().execute(async (trx) => {
        const summary = await this.summarize(trx, storeId, input.businessDate);
        if (summary.shifts.open.length) {
          throw conflict('shifts_open', `Close every shift of ${input.businessDate} first (交接班)`, 'businessDate', { shiftIds: summary.shifts.open });
        }
        await trx
          .insertInto('day_closes')
          .values({ id: input.id, company_id: auth.user.companyId, store_id: storeId, business_date: input.businessDate, closed_by: auth.user.id, closed_at: closedAt, summary_json: JSON.stringify(summary) })
          .execute();
        await appendAudit(trx, {
          chainId: chains.store(storeId),
          companyId: auth.user.companyId,
          actorId: auth.user.id,
          action: 'store.day_closed',
          subjectType: 'store',
          subjectId: storeId,
          storeId,
          at: closedAt,
          data: { id: input.id, businessDate: input.businessDate, netSales: summary.netSales, tickets: summary.tickets, overShort: summary.overShort.total },
        });
        return { storeId, businessDate: input.businessDate, closed: true, id: input.id, closedBy: auth.user.id, closedAt, summary };
      });
      return { created: true, view };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const raced = await this.replay(auth, storeId, input);
      if (raced) return { created: false, view: raced };
      throw err;
    }
  }

  /** Same id and day → the recorded close; the id used elsewhere, or the day closed by another id → 409. */
  private async replay(auth: AuthContext, storeId: string, input: { id: string; businessDate: string }): Promise<DayCloseView | null> {
    const byId = await this.db.selectFrom('day_closes').select(['store_id', 'business_date']).where('id', '=', input.id).executeTakeFirst();
    if (byId && (byId.store_id !== storeId || byId.business_date !== input.businessDate)) {
      throw conflict('idempotency_conflict', `Day close ${input.id} was already recorded for another day`, 'id');
    }
    const closed = await this.findClose(storeId, input.businessDate);
    if (!closed) return null;
    if (closed.id !== input.id) throw conflict('day_already_closed', `${input.businessDate} is already closed`, 'businessDate', { dayCloseId: closed.id });
    return closed;
  }

  private async findClose(storeId: string, businessDate: string): Promise<DayCloseView | null> {
    const row = await this.db.selectFrom('day_closes').selectAll().where('store_id', '=', storeId).where('business_date', '=', businessDate).executeTakeFirst();
    if (!row) return null;
    return { storeId, businessDate, closed: true, id: row.id, closedBy: row.closed_by, closedAt: row.closed_at, summary: JSON.parse(row.summary_json) as DaySummary };
  }

  private async summarize(db: Kysely<DB>, storeId: string, businessDate: string): Promise<DaySummary> {
    const shifts = await db.selectFrom('shifts').selectAll().where('store_id', '=', storeId).where('business_date', '=', businessDate).orderBy('opened_at').execute();
    const takings = summarizeTakings(await readTakings(db, shifts));
    const ids = shifts.map((s) => s.id);
    const counted = ids.length ? await db.selectFrom('shift_close_methods').selectAll().where('shift_id', 'in', ids).execute() : [];
    const byMethod = new Map<string, { method: string; expected: number; counted: number; difference: number }>();
    for (const c of counted) {
      const acc = byMethod.get(c.method) ?? { method: c.method, expected: 0, counted: 0, difference: 0 };
      acc.expected += Number(c.expected);
      acc.counted += Number(c.counted);
      acc.difference += Number(c.difference);
      byMethod.set(c.method, acc);
    }
    const methods = [...byMethod.values()];
    return {
      ...takings,
      shifts: { count: shifts.length, open: shifts.filter((s) => s.status === 'open').map((s) => s.id) },
      overShort: { total: methods.reduce((s, m) => s + m.difference, 0), byMethod: methods },
    };
  }

  private async requireStore(auth: AuthContext, permission: Permission, storeId: string) {
    auth.requireStore(permission, storeId);
    const store = await this.db.selectFrom('stores').select('id').where('id', '=', storeId).where('company_id', '=', auth.user.companyId).executeTakeFirst();
    if (!store) throw notFound('Store');
  }
}
