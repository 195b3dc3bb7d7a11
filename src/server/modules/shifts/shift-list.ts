// Shifts of a store by business date, with their close's cash figures (expected, counted,
// over/short) when closed. A store opens a handful of shifts a day, so the (store_id, opened_at)
// index's store prefix keeps this small; shift_closes is joined by its primary key.
import type { Kysely } from 'kysely';
import type { ShiftListInput } from '../../../contracts/shifts';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { orderBySort } from '../../lists/sort';

export async function listShifts(db: Kysely<DB>, auth: AuthContext, q: ShiftListInput) {
  auth.requireStore('shifts.read', q.storeId, 'Store');
  let query = db.selectFrom('shifts').where('shifts.company_id', '=', auth.user.companyId).where('shifts.store_id', '=', q.storeId);
  if (q.from) query = query.where('shifts.business_date', '>=', q.from);
  if (q.to) query = query.where('shifts.business_date', '<=', q.to);
  if (q.registerId) query = query.where('shifts.register_id', '=', q.registerId);
  if (q.status) query = query.where('shifts.status', '=', q.status);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .leftJoin('registers', 'registers.id', 'shifts.register_id')
    .leftJoin('users as opener', 'opener.id', 'shifts.opened_by')
    .leftJoin('users as closer', 'closer.id', 'shifts.closed_by')
    .leftJoin('shift_closes', 'shift_closes.shift_id', 'shifts.id')
    .select([
      'shifts.id',
      'shifts.register_id',
      'registers.code as register_code',
      'registers.name as register_name',
      'shifts.status',
      'shifts.business_date',
      'shifts.opening_float',
      'shifts.opened_by',
      'opener.display_name as opened_by_name',
      'shifts.opened_at',
      'shifts.closed_by',
      'closer.display_name as closed_by_name',
      'shifts.closed_at',
      'shift_closes.document_id as close_document_id',
      'shift_closes.expected_cash',
      'shift_closes.counted_cash',
      'shift_closes.over_short',
    ])
    .$call((qb) =>
      orderBySort(qb, q.sort ?? '-businessDate', {
        businessDate: ['shifts.business_date', 'shifts.opened_at'],
        openedAt: 'shifts.opened_at',
        closedAt: 'shifts.closed_at',
        overShort: 'shift_closes.over_short',
      }, 'shifts.id'),
    )
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    items: rows.map((r) => ({
      id: r.id,
      storeId: q.storeId,
      registerId: r.register_id,
      registerCode: r.register_code,
      registerName: r.register_name,
      status: r.status,
      businessDate: r.business_date,
      openingFloat: Number(r.opening_float),
      openedBy: r.opened_by,
      openedByName: r.opened_by_name,
      openedAt: r.opened_at,
      closedBy: r.closed_by,
      closedByName: r.closed_by_name,
      closedAt: r.closed_at,
      close:
        r.close_document_id === null
          ? null
          : { documentId: r.close_document_id, expectedCash: num(r.expected_cash), countedCash: num(r.counted_cash), overShort: num(r.over_short) },
    })),
    total: Number(total),
  };
}
