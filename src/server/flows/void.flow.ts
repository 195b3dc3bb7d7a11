// Void (作废) of a completed sale while its shift is still open: one `sale_void` document that is
// the sale's exact mirror — every line, stock move and journal line reversed, every tender paid
// back in full — with a manager's approval (sale.void). Steps:
//
//   1. register     the caller may sell on this register (sales.create)
//   2. replay       same id, same body → the stored answer (wallet refunds asked again)
//   3. original     a sale of this register in its still open shift; not voided, nothing returned
//   4. approval     a cashier brings a manager's token; a manager approves their own
//   5. post         counters filled (a voided sale cannot be returned), the mirror, `sales` row
//   6. refund       wallet tenders refunded through the PaymentProvider (after commit, idempotent)
import type { VoidInput } from '../../contracts/returns';
import { negateFen } from '../../core/money/round';
import type { AuthContext } from '../auth/auth-context';
import { conflict, notFound } from '../http/problem';
import { payloadHash } from '../posting/payload-hash';
import type { JournalEntryInput } from '../posting/types';
import { findPosted } from '../posting/write-document';
import { consumeRequiredApproval, requireApproval } from '../modules/returns/approval';
import { findOriginalSale } from '../modules/returns/original-sale';
import { claimVoid } from '../modules/returns/return-claims';
import { requireShiftStillOpen, tenderRefunds } from '../modules/returns/return-plan';
import { writeTillRows } from '../modules/sales/till-rows';
import { requireTillRegister } from '../modules/shifts/register-access';
import { findShift } from '../modules/shifts/service';
import type { CheckoutDeps } from './checkout.flow';
import { returnResult, withWalletRefunds, type TillOutcome } from '../modules/returns/till-steps';

export async function postVoid(deps: CheckoutDeps, auth: AuthContext, input: VoidInput): Promise<TillOutcome> {
  const { db } = deps;
  const companyId = auth.user.companyId;
  const field = input.saleId !== undefined ? 'saleId' : 'saleNumber';

  // 1. register
  const register = await requireTillRegister(db, auth, 'sales.create', input.registerId);

  // 2. replay
  const hash = payloadHash({ ...input, approvalToken: undefined });
  const prior = await findPosted(db, { companyId, clientId: input.id, payloadHash: hash });
  if (prior) return withWalletRefunds(deps, input.id, prior);

  // 3. original
  const sale = await findOriginalSale(db, auth, 'sales.create', input, { kinds: ['sale'] });
  if (sale.storeId !== register.storeId) throw notFound('Sale', field);
  if (sale.voidedBy) throw conflict('sale_voided', `${sale.number} was voided by ${sale.voidedBy.number}`, field);
  const shift = await findShift(db, companyId, sale.shiftId);
  if (sale.registerId !== register.id || shift?.status !== 'open') {
    throw conflict('void_outside_shift', `${sale.number} can only be voided on its register while its shift is open; return it instead`, field);
  }
  if (sale.returned.some((r) => r > 0)) throw conflict('sale_partly_returned', `Part of ${sale.number} has been returned; return the rest instead of voiding`, field);

  // 4. approval
  const approval = requireApproval(auth, register.storeId, 'sale.void', input.approvalToken);

  // 5. post
  const outcome = await deps.engine.post({
    clientId: input.id,
    companyId,
    storeId: register.storeId,
    registerId: register.id,
    type: 'sale_void',
    actorId: auth.user.id,
    payloadHash: hash,
    build: async (trx, ctx) => {
      await requireShiftStillOpen(trx, sale.shiftId);
      const approvedBy = await consumeRequiredApproval(trx, approval, deps.clock());
      await claimVoid(trx, deps.dialect, sale, field);
      const journal = await mirroredJournal(trx, sale.documentId, `Void ${ctx.number} of ${sale.number}`);
      // The journal mirrors the sale's accounts; the payment rows name today's tender accounts.
      const rules = await deps.postingRules.get(trx, companyId);
      const refunds = tenderRefunds(sale, 0, sale.due, input.cardReference);
      const views = sale.lines.map((l) => ({ lineNo: l.lineNo, returnOf: l.lineNo, productId: l.productId, qty: -l.qty, refund: l.net, tax: l.tax, taxRate: l.taxRate, damaged: false }));
      return {
        total: negateFen(sale.due),
        memo: input.reason ?? '',
        approvedBy,
        lines: sale.lines.map((l) => ({ productId: l.productId, qty: -l.qty, unitPrice: l.unitPrice, amount: negateFen(l.net), data: mirroredData(l.data, l.lineNo) })),
        moves: sale.moves.map((m) => ({ ...m, qty: -m.qty, costValue: negateFen(m.costValue) })),
        journal,
        auditData: { kind: 'void', shiftId: sale.shiftId, original: sale.number, refund: sale.due },
        result: returnResult({
          kind: 'void',
          shiftId: sale.shiftId,
          clientTime: null,
          original: sale,
          views,
          amount: sale.subtotal,
          tax: sale.tax,
          rounding: sale.rounding,
          refund: sale.due,
          cost: sale.cost,
          refunds,
        }),
        afterDocument: (t) =>
          writeTillRows(t, {
            offline: false,
            documentId: ctx.documentId,
            storeId: register.storeId,
            registerId: register.id,
            shiftId: sale.shiftId,
            kind: 'void',
            originalDocumentId: sale.documentId,
            clientTime: deps.clock().toISOString(),
            memberCode: sale.memberCode,
            subtotal: negateFen(sale.subtotal),
            rounding: negateFen(sale.rounding),
            due: negateFen(sale.due),
            change: 0,
            tax: negateFen(sale.tax),
            cost: negateFen(sale.cost),
            payments: refunds.map((x) => ({ method: x.method, amount: -x.amount, providerRef: x.providerRef, reference: x.reference })),
            rules,
          }),
      };
    },
  });

  // 6. refund
  return withWalletRefunds(deps, input.id, outcome);
}

/** The sale line's figures signed like the void's line (negative), so report totals net it off. */
function mirroredData(data: Record<string, unknown>, lineNo: number): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data, returnOf: lineNo };
  for (const k of ['gross', 'lineDiscount', 'orderDiscountShare', 'tax']) if (typeof data[k] === 'number') out[k] = negateFen(data[k]);
  return out;
}

/** The sale's journal entries with debit and credit swapped: the void undoes exactly what was booked. */
async function mirroredJournal(trx: Parameters<typeof findPosted>[0], saleId: string, title: string): Promise<JournalEntryInput[]> {
  const rows = await trx
    .selectFrom('journal_lines')
    .innerJoin('journal_entries', 'journal_entries.id', 'journal_lines.entry_id')
    .select(['journal_entries.id as entry', 'journal_entries.memo as entryMemo', 'journal_lines.account_code', 'journal_lines.debit', 'journal_lines.credit', 'journal_lines.memo'])
    .where('journal_entries.document_id', '=', saleId)
    .orderBy('journal_entries.id')
    .orderBy('journal_lines.line_no')
    .execute();
  const entries = new Map<string, JournalEntryInput>();
  for (const r of rows) {
    const e = entries.get(r.entry) ?? { memo: `${title}: ${r.entryMemo}`, lines: [] };
    e.lines.push({ account: r.account_code, debit: Number(r.credit), credit: Number(r.debit), memo: r.memo });
    entries.set(r.entry, e);
  }
  return [...entries.values()];
}
