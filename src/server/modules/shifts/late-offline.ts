// The report of a closed shift: the Z report frozen at close (what the cashier counted against and
// signed off) and, beside it, the offline sales that reached the server after the close but were
// rung up in the shift (late offline sales, 补传). The counted figures and the posted over/short
// never change; the note shows what the expected figures become with the late sales, which is
// what a manager needs to settle the 1901 待处理财产损溢 balance: cash the till took offline was
// in the drawer at the count, so an overage of exactly the late cash is explained.
//
// "Late" is exact: the close bumped the register's receipt counter inside its transaction, so
// the shift's till documents numbered after the close's own number were posted after it (the
// only ones that can be are offline sales; online documents re-check the shift while posting).
import type { Kysely, Selectable } from 'kysely';
import { summarizeTakings, type MethodCount, type MethodTakings, type TakingsSummary } from '../../../core/shifts/takings';
import type { DB, ShiftsTable } from '../../../db/schema';
import { readTakings } from './takings-query';

export interface LateOfflineSales {
  count: number;
  /** Σ due of the late documents (fen, signed). */
  total: number;
  documents: { documentId: string; number: string; clientTime: string; postedAt: string; due: number }[];
  /** By method, as in the X report: what the late sales brought in. */
  payments: MethodTakings[];
  /** The close's expected cash plus the late sales' cash (received − change − refunded). */
  expectedCash: number;
  /** The close's methods with the late sales added to `expected`; `counted` as recorded. */
  methods: MethodCount[];
  /** Σ of those differences: the over/short the late sales leave unexplained. */
  overShort: number;
}

export interface ClosedShiftReport {
  report: TakingsSummary;
  /** null when no offline sale of the shift arrived after its close. */
  lateOffline: LateOfflineSales | null;
}

export async function closedShiftReport(db: Kysely<DB>, shift: Selectable<ShiftsTable>): Promise<ClosedShiftReport | null> {
  const close = await db
    .selectFrom('shift_closes')
    .innerJoin('documents', 'documents.id', 'shift_closes.document_id')
    .select(['shift_closes.report_json', 'documents.number_scope', 'documents.number_seq'])
    .where('shift_closes.shift_id', '=', shift.id)
    .executeTakeFirst();
  if (!close) return null;
  const report = JSON.parse(close.report_json) as TakingsSummary;

  const late = await db
    .selectFrom('sales')
    .innerJoin('documents', 'documents.id', 'sales.document_id')
    .select(['documents.id', 'documents.number', 'documents.posted_at', 'sales.client_time', 'sales.due'])
    .where('sales.shift_id', '=', shift.id)
    .where('documents.number_scope', '=', close.number_scope)
    .where('documents.number_seq', '>', close.number_seq)
    .orderBy('documents.number_seq')
    .execute();
  if (!late.length) return { report, lateOffline: null };

  const added = summarizeTakings(await readTakings(db, [shift], late.map((d) => d.id)));
  const recorded = await db.selectFrom('shift_close_methods').selectAll().where('shift_id', '=', shift.id).execute();
  const lateNet = (method: string) => added.payments.find((p) => p.method === method)?.net ?? 0;
  const expectedCash = report.cash.expected + added.cash.expected;
  const names = new Set([...recorded.map((m) => m.method), ...added.payments.map((p) => p.method)]);
  const methods = [...names].map((method) => {
    const r = recorded.find((m) => m.method === method);
    const expected = method === 'cash' ? expectedCash : Number(r?.expected ?? 0) + lateNet(method);
    // A method nobody counted at close was taken as expected then; its late sales are unverified, so still taken as expected.
    const counted = r ? Number(r.counted) : expected;
    return { method, expected, counted, difference: counted - expected };
  });
  methods.sort((a, b) => Number(b.method === 'cash') - Number(a.method === 'cash') || a.method.localeCompare(b.method));
  return {
    report,
    lateOffline: {
      count: late.length,
      total: late.reduce((s, d) => s + Number(d.due), 0),
      documents: late.map((d) => ({ documentId: d.id, number: d.number, clientTime: d.client_time, postedAt: d.posted_at, due: Number(d.due) })),
      payments: added.payments,
      expectedCash,
      methods,
      overShort: methods.reduce((s, m) => s + m.difference, 0),
    },
  };
}
