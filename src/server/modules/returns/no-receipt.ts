// Return without receipt (无小票退货): no sale to take figures from, so a manager approves it
// (return.no_receipt), the till states the price refunded per unit, the refund is cash from the
// drawer, VAT is split by the products' rates, and the goods come back to MAIN at today's average
// cost (damaged ones are written off again at once).
import type { NoReceiptItemSchema, ReturnInput } from '../../../contracts/returns';
import type { z } from 'zod';
import { mulDivRound, negateFen } from '../../../core/money/round';
import { splitTaxInclusive } from '../../../core/tax/split-tax-inclusive';
import type { AuthContext } from '../../auth/auth-context';
import type { CheckoutDeps } from '../../flows/checkout.flow';
import { mainLocation, returnResult, writeReturnTillRows, type TillOutcome } from './till-steps';
import { notFound } from '../../http/problem';
import { issueCost, planReceipt } from '../../inventory/stock-moves';
import type { PostingRequest, StockMoveInput } from '../../posting/types';
import type { TillRegister } from '../shifts/register-access';
import { consumeRequiredApproval, requireApproval } from './approval';
import { revenuePart, tillJournal } from './return-journal';
import { requireShiftStillOpen, type TenderRefund } from './return-plan';

export async function postReturnWithoutReceipt(
  deps: CheckoutDeps,
  auth: AuthContext,
  input: ReturnInput,
  withoutReceipt: readonly z.infer<typeof NoReceiptItemSchema>[],
  register: TillRegister,
  shiftId: string,
  base: Omit<PostingRequest, 'build'>,
): Promise<TillOutcome> {
  const { db } = deps;
  const companyId = auth.user.companyId;
  const approval = requireApproval(auth, register.storeId, 'return.no_receipt', input.approvalToken);
  const ids = [...new Set(withoutReceipt.map((it) => it.productId))];
  const rates = await db.selectFrom('products').select(['id', 'tax_rate', 'category_id']).where('company_id', '=', companyId).where('id', 'in', ids).execute();
  const rateOf = new Map(rates.map((r) => [r.id, Number(r.tax_rate)]));
  const categoryOf = new Map(rates.map((r) => [r.id, r.category_id]));
  withoutReceipt.forEach((it, i) => {
    if (!rateOf.has(it.productId)) throw notFound('Product', `withoutReceipt.${i}.productId`);
  });
  const locationId = await mainLocation(db, register.storeId);
  const items = withoutReceipt.map((it) => ({ ...it, refund: mulDivRound(it.unitPrice, it.qty, 1000), taxRate: rateOf.get(it.productId)! }));
  const split = splitTaxInclusive(items.map((it) => ({ net: it.refund, taxRate: it.taxRate })));
  const refund = items.reduce((s, it) => s + it.refund, 0);
  const tax = split.lineTax.reduce((s, t) => s + t, 0);
  const outcome = await deps.engine.post({
    ...base,
    build: async (trx, ctx) => {
      await requireShiftStillOpen(trx, shiftId);
      const approvedBy = await consumeRequiredApproval(trx, approval, deps.clock());
      const rules = await deps.postingRules.get(trx, companyId, [...categoryOf.values()]);
      const moves: StockMoveInput[] = [];
      const lineCost: number[] = [];
      let cost = 0;
      let damagedCost = 0;
      for (const [k, it] of items.entries()) {
        // No sale to take the cost from: the goods come back at today's average cost.
        const value = await issueCost(trx, register.storeId, it.productId, it.qty);
        const move = await planReceipt(trx, { lineNo: k + 1, storeId: register.storeId, locationId, productId: it.productId, qty: it.qty, value });
        moves.push(move);
        if (it.damaged) moves.push({ ...move, qty: -move.qty, costValue: move.costValue ? -move.costValue : 0 });
        lineCost.push(value);
        cost += value;
        if (it.damaged) damagedCost += value;
      }
      const refunds: TenderRefund[] = refund ? [{ tenderNo: 0, method: 'cash', amount: refund }] : [];
      const views = items.map((it, k) => ({ lineNo: k + 1, returnOf: null, productId: it.productId, qty: -it.qty, refund: it.refund, tax: split.lineTax[k], taxRate: it.taxRate, damaged: it.damaged }));
      return {
        total: negateFen(refund),
        memo: input.reason ?? 'return without receipt',
        approvedBy,
        lines: items.map((it, k) => ({ productId: it.productId, qty: -it.qty, unitPrice: it.unitPrice, amount: -it.refund, data: { returnOf: null, taxRate: it.taxRate, tax: -split.lineTax[k], damaged: it.damaged } })),
        moves,
        journal: tillJournal({
          title: `Return ${ctx.number}`,
          tenders: refunds.map((r) => ({ method: r.method, amount: negateFen(r.amount) })),
          returned: revenuePart(
            items.map((it, k) => ({ categoryId: categoryOf.get(it.productId) ?? null, taxRate: it.taxRate, taxable: it.refund - split.lineTax[k], tax: split.lineTax[k], cost: lineCost[k] })),
            0,
          ),
          damagedCost,
        }, rules),
        auditData: { kind: 'return', withoutReceipt: true, shiftId, refund },
        result: returnResult({ kind: 'return', shiftId, clientTime: input.clientTime, original: null, views, amount: refund, tax, rounding: 0, refund, cost, refunds }),
        afterDocument: (t) =>
          writeReturnTillRows(t, { documentId: ctx.documentId, register, shiftId, clientTime: input.clientTime, original: null, amount: refund, tax, rounding: 0, refund, cost, refunds, rules }),
      };
    },
  });
  return { ...outcome, walletRefunds: [] };
}
