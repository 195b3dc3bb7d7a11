// Return (退货) as named steps:
//
//   1. register     the caller may return on this register (permission sales.return)
//   2. replay       the return id was posted before: same body → the stored answer (wallet refunds asked again)
//   3. shift        the open shift of the register: the refund leaves its drawer
//   4. original     the sale (or an exchange's new goods) by receipt number or id, of this store or
//                   another store of the company that this one accepts; a voided sale cannot be returned
//   5. lines        the receipt lines and quantities, or the whole receipt (what is left of it)
//   6. post         one `sale_return` document: counters claimed (never more than sold), refunds by
//                   §9 rule 8, goods back to their batch at the sale's cost (into this store when the
//                   sale was another's; written off when damaged), refund split over the sale's
//                   tenders, journal at this store, `sales` row
//   7. refund       wallet tenders refunded through the PaymentProvider (after commit, idempotent)
//
// Without a receipt: a manager's approval (return.no_receipt), a price per line, refunded in cash,
// goods back at today's average cost.
import type { ReturnInput } from '../../contracts/returns';
import { negateFen } from '../../core/money/round';
import type { AuthContext } from '../auth/auth-context';
import { conflict } from '../http/problem';
import { payloadHash } from '../posting/payload-hash';
import { findPosted } from '../posting/write-document';
import { postReturnWithoutReceipt } from '../modules/returns/no-receipt';
import { planReceiptReturn, requireShiftStillOpen, returnBooks, tenderRefunds, wholeReceipt } from '../modules/returns/return-plan';
import { tillJournal } from '../modules/returns/return-journal';
import { originalForReturn, requestedLines, requireOpenShift, returnResult, withWalletRefunds, writeReturnTillRows, type TillOutcome } from '../modules/returns/till-steps';
import { requireTillRegister } from '../modules/shifts/register-access';
import type { CheckoutDeps } from './checkout.flow';

export async function postReturn(deps: CheckoutDeps, auth: AuthContext, input: ReturnInput): Promise<TillOutcome> {
  const { db } = deps;
  const companyId = auth.user.companyId;

  // 1. register
  const register = await requireTillRegister(db, auth, 'sales.return', input.registerId);

  // 2. replay
  const hash = payloadHash({ ...input, approvalToken: undefined });
  const prior = await findPosted(db, { companyId, clientId: input.id, payloadHash: hash });
  if (prior) return withWalletRefunds(deps, input.id, prior);

  // 3. shift
  const shiftId = await requireOpenShift(db, companyId, register, input.shiftId);

  const base = { clientId: input.id, companyId, storeId: register.storeId, registerId: register.id, type: 'sale_return' as const, actorId: auth.user.id, payloadHash: hash };
  if (input.withoutReceipt) return postReturnWithoutReceipt(deps, auth, input, input.withoutReceipt, register, shiftId, base);

  // 4. original
  const field = input.saleId !== undefined ? 'saleId' : 'saleNumber';
  const { sale, intoLocationId } = await originalForReturn(db, auth, register, input, field);

  // 5. lines
  const wanted = input.lines ? requestedLines(sale, input.lines) : wholeReceipt(sale, input.damaged, field);
  if (!wanted.length) throw conflict('nothing_to_return', `Everything on ${sale.number} has been returned`, field);

  // 6. post
  const outcome = await deps.engine.post({
    ...base,
    build: async (trx, ctx) => {
      await requireShiftStillOpen(trx, shiftId);
      const r = await planReceiptReturn(trx, deps.dialect, sale, wanted, 1, intoLocationId);
      const refunds = tenderRefunds(sale, r.refundedBefore, r.refundedBefore + r.refund, input.cardReference);
      const books = await returnBooks(trx, deps.postingRules, companyId, r);
      return {
        total: negateFen(r.refund),
        memo: input.reason ?? '',
        lines: r.lines,
        moves: r.moves,
        journal: tillJournal({
          title: `Return ${ctx.number} of ${sale.number}`,
          tenders: refunds.map((x) => ({ method: x.method, amount: negateFen(x.amount) })),
          returned: books.returned,
          damagedCost: r.damagedCost,
        }, books.rules),
        auditData: { kind: 'return', shiftId, original: sale.number, refund: r.refund, refunds: refunds.map((x) => ({ method: x.method, amount: x.amount })) },
        result: returnResult({ kind: 'return', shiftId, clientTime: input.clientTime, original: sale, views: r.views, amount: r.amount, tax: r.tax, rounding: r.rounding, refund: r.refund, cost: r.cost, refunds }),
        afterDocument: (t) =>
          writeReturnTillRows(t, { documentId: ctx.documentId, register, shiftId, clientTime: input.clientTime, original: sale, amount: r.amount, tax: r.tax, rounding: r.rounding, refund: r.refund, cost: r.cost, refunds, rules: books.rules }),
      };
    },
  });

  // 7. refund
  return withWalletRefunds(deps, input.id, outcome);
}
