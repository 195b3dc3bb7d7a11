// Shifts (班次): a register's working session. Opening one records the float put in the drawer;
// a register has at most one open shift (a partial unique index decides races). Online sales must
// name the open shift of their register. The X report reads the shift's takings at any time;
// closing (交接班) counts the drawer against them (shift-close.ts).
import type { Kysely, Selectable } from 'kysely';
import { businessDate } from '../../../core/time/business-date';
import { isUniqueViolation } from '../../../db/dialect';
import type { DB, ShiftsTable } from '../../../db/schema';
import { appendAudit, chains } from '../../audit/chain';
import type { AuthContext } from '../../auth/auth-context';
import type { Clock } from '../../clock';
import { conflict, notFound, Problem } from '../../http/problem';
import type { PostingEngine } from '../../posting/engine';
import type { PostOutcome } from '../../posting/types';
import { summarizeTakings, type TakingsSummary } from '../../../core/shifts/takings';
import type { CloseShiftInput, ShiftListInput } from '../../../contracts/shifts';
import { requireTillRegister } from './register-access';
import type { PostingRulesCache } from '../posting-rules/cache';
import { closedShiftReport, type LateOfflineSales } from './late-offline';
import { closeShift } from './shift-close';
import { listShifts } from './shift-list';
import { readTakings } from './takings-query';

export interface ShiftView {
  id: string;
  storeId: string;
  registerId: string;
  status: string;
  openingFloat: number;
  openedBy: string;
  openedAt: string;
  businessDate: string;
  closedBy: string | null;
  closedAt: string | null;
}

export interface OpenShiftInput {
  id: string;
  registerId: string;
  openingFloat: number;
}

export class ShiftsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly engine: PostingEngine,
    private readonly postingRules: PostingRulesCache,
  ) {}

  /** 201 with the new shift; a retry of the same id answers 200 with it. */
  async open(auth: AuthContext, input: OpenShiftInput): Promise<{ created: boolean; shift: ShiftView }> {
    const register = await requireTillRegister(this.db, auth, 'shifts.open', input.registerId);
    const prior = await this.replay(auth, input);
    if (prior) return { created: false, shift: prior };
    const now = this.clock();
    const date = businessDate(now, register.timezone);
    // After 日结 the day's books are final: a shift opened now would sell into a closed day.
    const dayClosed = await this.db.selectFrom('day_closes').select('id').where('store_id', '=', register.storeId).where('business_date', '=', date).executeTakeFirst();
    if (dayClosed) throw conflict('day_closed', `The store's business day ${date} is closed (日结); no shift can open on it`, 'registerId', { businessDate: date });
    const row = {
      id: input.id,
      company_id: auth.user.companyId,
      store_id: register.storeId,
      register_id: register.id,
      status: 'open',
      opening_float: input.openingFloat,
      opened_by: auth.user.id,
      opened_at: now.toISOString(),
      business_date: date,
      closed_by: null,
      closed_at: null,
    };
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('shifts').values(row).execute();
        await appendAudit(trx, {
          chainId: chains.register(register.id),
          companyId: auth.user.companyId,
          actorId: auth.user.id,
          action: 'shift.opened',
          subjectType: 'shift',
          subjectId: input.id,
          storeId: register.storeId,
          at: row.opened_at,
          data: { openingFloat: input.openingFloat },
        });
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // Either the same id raced in (a retry), or another shift is already open on the register.
      const raced = await this.replay(auth, input);
      if (raced) return { created: false, shift: raced };
      const open = await this.openShiftOf(register.id);
      throw conflict('shift_already_open', 'The register already has an open shift; close it first', 'registerId', { shiftId: open?.id ?? null });
    }
    return { created: true, shift: toView(row) };
  }

  async current(auth: AuthContext, registerId: string): Promise<ShiftView> {
    await requireTillRegister(this.db, auth, 'shifts.read', registerId);
    const open = await this.openShiftOf(registerId);
    if (!open) throw new Problem(404, 'no_open_shift', 'The register has no open shift', [{ field: 'registerId', message: 'Open a shift first' }]);
    return toView(open);
  }

  /** Shifts of a store by business date, newest first, with their close's cash figures. */
  list(auth: AuthContext, q: ShiftListInput) {
    return listShifts(this.db, auth, q);
  }

  /**
   * X report: the shift's takings so far, read only. Once closed: the Z report as frozen at close,
   * with the offline sales synced after it beside it (`lateOffline`, late-offline.ts).
   */
  async xReport(auth: AuthContext, shiftId: string): Promise<{ shift: ShiftView; asOf: string; lateOffline: LateOfflineSales | null } & TakingsSummary> {
    const shift = await findShift(this.db, auth.user.companyId, shiftId);
    if (!shift) throw notFound('Shift', 'id');
    await requireTillRegister(this.db, auth, 'shifts.read', shift.register_id, 'id');
    const closed = shift.status === 'closed' ? await closedShiftReport(this.db, shift) : null;
    if (closed) return { shift: toView(shift), asOf: shift.closed_at!, ...closed.report, lateOffline: closed.lateOffline };
    const report = summarizeTakings(await readTakings(this.db, [shift]));
    return { shift: toView(shift), asOf: this.clock().toISOString(), ...report, lateOffline: null };
  }

  /** 交接班: 201 with the posted close; a retry of the same id answers 200 with it. */
  close(auth: AuthContext, shiftId: string, input: CloseShiftInput): Promise<PostOutcome> {
    return closeShift({ db: this.db, engine: this.engine, clock: this.clock, postingRules: this.postingRules }, auth, shiftId, input);
  }

  private async openShiftOf(registerId: string) {
    return this.db.selectFrom('shifts').selectAll().where('register_id', '=', registerId).where('status', '=', 'open').executeTakeFirst();
  }

  /** The shift already stored under this id: the same request replays it, another one is a conflict. */
  private async replay(auth: AuthContext, input: OpenShiftInput): Promise<ShiftView | null> {
    const row = await findShift(this.db, auth.user.companyId, input.id);
    if (!row) return null;
    if (row.register_id !== input.registerId || Number(row.opening_float) !== input.openingFloat) {
      throw conflict('idempotency_conflict', `Shift ${input.id} was already opened with other details`, 'id');
    }
    return toView(row);
  }
}

export async function findShift(db: Kysely<DB>, companyId: string, id: string): Promise<Selectable<ShiftsTable> | undefined> {
  return db.selectFrom('shifts').selectAll().where('id', '=', id).where('company_id', '=', companyId).executeTakeFirst();
}

function toView(r: Selectable<ShiftsTable>): ShiftView {
  return {
    id: r.id,
    storeId: r.store_id,
    registerId: r.register_id,
    status: r.status,
    openingFloat: Number(r.opening_float),
    openedBy: r.opened_by,
    openedAt: r.opened_at,
    businessDate: r.business_date,
    closedBy: r.closed_by,
    closedAt: r.closed_at,
  };
}
