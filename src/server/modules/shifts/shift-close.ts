// Shift close (交接班): the cashier counts the drawer by denomination and the non-cash slips; the
// count is set against the takings expected (X report at that moment) and any over/short is posted
// as a `shift_close` document in the register's sequence and audit chain. The shift is marked
// closed in the same transaction by a guarded update (… WHERE status = 'open'), so two closes
// racing cannot both win and no sale can be counted in a closed shift's report twice.
//
// Over/short goes by default to 1901 待处理财产损溢 (pending property gains and losses; posting
// rules kind cash_over_short may name other accounts): under 小企业会计准则
// a cash difference found at a count is held there until the manager decides — a shortage then
// goes to 其他应收款 (the cashier pays it back) or 管理费用, an overage to 其他应付款 or 营业外收入
// — by a manual journal entry. Booking straight to 5711 / 5301 would skip that decision.
import type { Kysely, Selectable } from 'kysely';
import { countCash, reconcileCount, summarizeTakings, type MethodCount } from '../../../core/shifts/takings';
import type { CloseShiftInput } from '../../../contracts/shifts';
import type { DB, ShiftsTable } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { roleGrants } from '../../auth/permissions';
import type { Clock } from '../../clock';
import { conflict, notFound, Problem } from '../../http/problem';
import type { PostingEngine } from '../../posting/engine';
import { payloadHash } from '../../posting/payload-hash';
import type { JournalLineInput, PostOutcome } from '../../posting/types';
import { findPosted } from '../../posting/write-document';
import type { PaymentMethod } from '../../../core/pricing/settle-payments';
import type { PostingRulesCache } from '../posting-rules/cache';
import type { PostingRules } from '../posting-rules/rules';
import { requireTillRegister } from './register-access';
import { findShift } from './service';
import { readTakings } from './takings-query';

export interface ShiftCloseDeps {
  db: Kysely<DB>;
  engine: PostingEngine;
  clock: Clock;
  postingRules: PostingRulesCache;
}

export async function closeShift(deps: ShiftCloseDeps, auth: AuthContext, shiftId: string, input: CloseShiftInput): Promise<PostOutcome> {
  const companyId = auth.user.companyId;
  const shift = await findShift(deps.db, companyId, shiftId);
  if (!shift) throw notFound('Shift', 'shiftId');
  const register = await requireTillRegister(deps.db, auth, 'shifts.close', shift.register_id, 'shiftId');

  const hash = payloadHash({ shiftId, ...input });
  const prior = await findPosted(deps.db, { companyId, clientId: input.id, payloadHash: hash });
  if (prior) return prior;

  // The drawer is the cashier's responsibility: another cashier may not count it for them.
  const isManager = auth.roles.some((r) => roleGrants(r.role, 'approvals.grant') && (r.storeId === null || r.storeId === register.storeId));
  if (!isManager && shift.opened_by !== auth.user.id) {
    throw new Problem(403, 'not_shift_cashier', 'Only the cashier of the shift or a manager can close it', [{ field: 'shiftId', message: 'Not your shift' }]);
  }
  if (shift.status !== 'open') throw conflict('shift_closed', 'The shift is already closed', 'shiftId');
  const countedCash = countCash(input.cash);

  return deps.engine.post({
    clientId: input.id,
    companyId,
    storeId: register.storeId,
    registerId: register.id,
    type: 'shift_close',
    actorId: auth.user.id,
    payloadHash: hash,
    build: async (trx, ctx) => {
      const closedAt = deps.clock().toISOString();
      const updated = await trx
        .updateTable('shifts')
        .set({ status: 'closed', closed_by: auth.user.id, closed_at: closedAt })
        .where('id', '=', shift.id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw conflict('shift_closed', 'The shift is already closed', 'shiftId');

      const closed: Selectable<ShiftsTable> = { ...shift, status: 'closed', closed_by: auth.user.id, closed_at: closedAt };
      const report = summarizeTakings(await readTakings(trx, [closed]));
      const methods = reconcileCount(report, countedCash, input.counted);
      const overShort = methods.reduce((s, m) => s + m.difference, 0);
      const rules = await deps.postingRules.get(trx, companyId);
      const cashCount = { counts: input.cash, total: countedCash };
      const result = { shiftId: shift.id, shiftBusinessDate: shift.business_date, closedAt, report, cashCount, methods, overShort, note: input.note ?? null };

      return {
        total: overShort,
        memo: input.note ?? `Shift close ${ctx.number}`,
        lines: methods.map((m) => ({
          accountCode: rules.payment(m.method as PaymentMethod),
          qty: 0,
          unitPrice: 0,
          amount: m.difference,
          data: { method: m.method, expected: m.expected, counted: m.counted },
        })),
        moves: [],
        journal: overShortJournal(ctx.number, methods, rules),
        auditData: { shiftId: shift.id, expectedCash: report.cash.expected, countedCash, overShort },
        result,
        afterDocument: async (t) => {
          await t
            .insertInto('shift_closes')
            .values({
              shift_id: shift.id,
              document_id: ctx.documentId,
              company_id: companyId,
              store_id: register.storeId,
              register_id: register.id,
              business_date: shift.business_date,
              closed_by: auth.user.id,
              closed_at: closedAt,
              expected_cash: report.cash.expected,
              counted_cash: countedCash,
              over_short: overShort,
              cash_count_json: JSON.stringify(cashCount),
              report_json: JSON.stringify(report),
            })
            .execute();
          await t
            .insertInto('shift_close_methods')
            .values(methods.map((m) => ({ shift_id: shift.id, method: m.method, store_id: register.storeId, expected: m.expected, counted: m.counted, difference: m.difference })))
            .execute();
        },
      };
    },
  });
}

/** One entry with a pair of lines per method that differs; none when the count agrees. */
function overShortJournal(number: string, methods: readonly MethodCount[], rules: PostingRules) {
  const lines: JournalLineInput[] = [];
  for (const m of methods) {
    if (m.difference === 0) continue;
    const account = rules.payment(m.method as PaymentMethod);
    const amount = Math.abs(m.difference);
    const memo = `${m.method} ${m.difference > 0 ? 'over (长款)' : 'short (短款)'}`;
    if (m.difference > 0) {
      lines.push({ account, debit: amount, credit: 0, memo }, { account: rules.overShort('over'), debit: 0, credit: amount, memo });
    } else {
      lines.push({ account: rules.overShort('short'), debit: amount, credit: 0, memo }, { account, debit: 0, credit: amount, memo });
    }
  }
  return lines.length ? [{ memo: `Shift close ${number}: over/short`, lines }] : [];
}
