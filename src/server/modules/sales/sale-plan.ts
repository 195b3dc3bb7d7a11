// Step 6 of a sale: what the posting engine writes, computed inside its transaction (approvals
// consumed, stock locked and costed there). The document's lines carry the priced figures; the
// `sales`, `sale_payments` and `sale_flags` rows are written in the document's own batch; the
// response body is stored with the document so a replay answers exactly the same.
import type { Kysely } from 'kysely';
import type { SaleInput } from '../../../contracts/sales';
import { insertStatement, runBatch, type DialectInfo, type SqlStatement } from '../../../db/dialect';
import type { DB } from '../../../db/schema';
import type { ApprovalAction } from '../../auth/permissions';
import type { Clock } from '../../clock';
import { conflict, Problem } from '../../http/problem';
import type { PostingContext, PostingPlan } from '../../posting/types';
import { consumeApproval } from '../auth/service';
import type { PostingRulesCache } from '../posting-rules/cache';
import type { PricedSale } from './price-sale';
import type { ResolvedLine } from './resolve-lines';
import { receiptLine } from './receipt-line';
import { tillRowStatements } from './till-rows';
import { flagView, type SaleFlag } from './sale-flags';
import { saleJournal } from './sale-journal';
import { planSaleStock, saleStockSnapshot, saleStockStatement, stockLockStatements } from './sale-stock';

export interface SalePlanInput {
  sale: SaleInput;
  companyId: string;
  storeId: string;
  locationId: string;
  shiftId: string;
  resolved: ResolvedLine[];
  priced: PricedSale;
  change: number;
  /** Provider transaction numbers of the wallet payments, by payment index. */
  providerRefs: Map<number, string>;
  /** Approvals still to consume (empty when a manager sells). */
  approvalsNeeded: ApprovalAction[];
  blockOversell: boolean;
  /** Flags known before the transaction (offline price, rounding mode, closed shift). */
  flags: SaleFlag[];
}

const stockLinesOf = (resolved: readonly ResolvedLine[]) =>
  resolved.map((r) => ({ lineNo: r.index + 1, productId: r.productId, baseQty: r.baseQty, batchId: r.batchId }));

/**
 * The sale's row locks, taken with the posting's claim (PostgreSQL; none on SQLite): its products'
 * stock rows in the store, in a fixed order (sale-stock.ts). Holding them before the build reads
 * the stock makes the oversell check, costs and FEFO picks exact under concurrent sales.
 */
export function saleClaimLocks(dialect: DialectInfo, storeId: string, resolved: readonly ResolvedLine[]): SqlStatement[] {
  return stockLockStatements(dialect, storeId, stockLinesOf(resolved));
}

export function buildSalePlan(deps: { dialect: DialectInfo; clock: Clock; postingRules: PostingRulesCache }, input: SalePlanInput) {
  return async (trx: Kysely<DB>, ctx: PostingContext): Promise<PostingPlan> => {
    const { sale, priced, resolved } = input;
    const now = deps.clock();
    // The shift may have closed (交接班) since checkout looked: the close bumps the same register
    // counter, so by now it has committed or waits for this sale. An online sale must not land in
    // a shift whose drawer was already counted.
    // One round trip, after the claim took the counter and the stock locks (`saleClaimLocks`),
    // reads the shift and the products' balances: a statement started once the locks were granted
    // sees every sale and receipt that committed before (docs/decisions/0005).
    const stockLines = stockLinesOf(resolved);
    const stockRead = saleStockStatement(input.storeId, stockLines);
    const [shift, balances] = await runBatch(trx, [
      { text: 'SELECT status FROM shifts WHERE id = ?', params: [input.shiftId], returns: true },
      ...(stockRead ? [stockRead] : []),
    ]);
    if (!sale.offline && shift[0]?.status !== 'open') throw conflict('shift_closed', 'The shift is closed; open a new shift to sell', 'shiftId');
    const approvals = await consumeSaleApprovals(trx, input, now);
    const stock = await planSaleStock(trx, {
      dialect: deps.dialect,
      storeId: input.storeId,
      locationId: input.locationId,
      lines: stockLines,
      blockOversell: input.blockOversell,
      stock: saleStockSnapshot(input.storeId, stockLines, balances ?? []),
    });
    const flags = [...input.flags, ...approvals.flags, ...stock.flags].sort((a, b) => a.lineNo - b.lineNo);
    const basket = priced.basket;
    const cost = stock.lineCost.reduce((s, c) => s + c, 0);
    const tax = basket.taxByRate.reduce((s, g) => s + g.tax, 0);
    // In process: no round trip once the company's rules are cached (docs/decisions/0003).
    const rules = await deps.postingRules.get(trx, input.companyId, resolved.map((r) => r.categoryId));
    const payments = sale.payments.map((p, i) => ({
      method: p.method,
      amount: p.amount,
      ...(input.providerRefs.has(i) ? { providerRef: input.providerRefs.get(i) } : {}),
      ...(p.reference !== undefined ? { reference: p.reference } : {}),
    }));

    const lines = resolved.map((r, i) => {
      const own = flags.filter((f) => f.lineNo === r.index + 1).map((f) => f.kind);
      return { ...receiptLine(r, priced, i), ...(own.length ? { flags: own } : {}) };
    });

    return {
      total: basket.due,
      memo: sale.offline ? 'offline sale' : '',
      approvedBy: approvals.approvers[0]?.approvedBy ?? null,
      lines: lines.map((l) => ({
        productId: l.productId,
        qty: l.baseQty,
        unitPrice: l.unitPrice,
        amount: l.net,
        data: {
          unit: l.unit,
          qty: l.qty,
          pricedQty: l.pricedQty,
          gross: l.gross,
          lineDiscount: l.lineDiscount,
          orderDiscountShare: l.orderDiscountShare,
          tax: l.tax,
          taxRate: l.taxRate,
          flags: l.flags ?? [],
          ...(l.scale ? { scale: l.scale } : {}),
          ...(l.batchId !== undefined ? { batchId: l.batchId } : {}),
        },
      })),
      moves: stock.moves,
      journal: saleJournal(
        {
          number: ctx.number,
          payments: sale.payments,
          change: input.change,
          rounding: basket.rounding,
          taxByRate: basket.taxByRate,
          lines: resolved.map((r, i) => ({ categoryId: r.categoryId, taxable: basket.lines[i].net - basket.lines[i].tax, cost: stock.lineCost[i] })),
        },
        rules,
      ),
      auditData: {
        shiftId: input.shiftId,
        offline: sale.offline,
        payments: payments.map((p) => ({ method: p.method, amount: p.amount })),
        ...(approvals.approvers.length ? { approvals: approvals.approvers } : {}),
        ...(flags.length ? { flags: flags.map((f) => f.kind) } : {}),
      },
      result: {
        shiftId: input.shiftId,
        offline: sale.offline,
        clientTime: sale.clientTime,
        memberCode: sale.memberCode ?? null,
        lines,
        subtotal: basket.subtotal,
        roundingMode: priced.roundingMode,
        rounding: basket.rounding,
        due: basket.due,
        taxByRate: basket.taxByRate,
        payments,
        paid: sale.payments.reduce((s, p) => s + p.amount, 0),
        change: input.change,
        trace: basket.trace,
        flags: flags.map(flagView),
      },
      // Written in the document's own batch: no round trip of their own.
      rows: [
        ...tillRowStatements({
          documentId: ctx.documentId,
          storeId: input.storeId,
          registerId: sale.registerId,
          shiftId: input.shiftId,
          kind: 'sale',
          originalDocumentId: null,
          offline: sale.offline,
          clientTime: sale.clientTime,
          memberCode: sale.memberCode ?? null,
          subtotal: basket.subtotal,
          rounding: basket.rounding,
          due: basket.due,
          change: input.change,
          tax,
          cost,
          payments,
          rules,
        }),
        ...(flags.length
          ? [
              insertStatement(
                'sale_flags',
                ['document_id', 'flag_no', 'store_id', 'line_no', 'kind', 'detail_json', 'created_at'],
                flags.map((f, i) => [ctx.documentId, i + 1, input.storeId, f.lineNo, f.kind, JSON.stringify(f.detail), now.toISOString()]),
              ),
            ]
          : []),
      ],
    };
  };
}

/**
 * Uses the approvals the sale needs, each from one of the tokens given (a sale may need both a
 * price override and a discount approved). Online a missing or spent approval refuses the sale;
 * offline the till could not ask the server, so the sale is flagged instead.
 */
async function consumeSaleApprovals(trx: Kysely<DB>, input: SalePlanInput, now: Date) {
  const tokens = [input.sale.approvalToken ?? []].flat();
  const approvers: { action: ApprovalAction; approvedBy: string }[] = [];
  const flags: SaleFlag[] = [];
  for (const action of input.approvalsNeeded) {
    let approvedBy: string | null = null;
    for (const token of tokens) {
      try {
        approvedBy = await consumeApproval(trx, token, action, input.storeId, now);
        tokens.splice(tokens.indexOf(token), 1);
        break;
      } catch (err) {
        if (!(err instanceof Problem)) throw err;
      }
    }
    if (approvedBy) approvers.push({ action, approvedBy });
    else if (input.sale.offline) flags.push({ kind: 'approval_missing', lineNo: 0, detail: { action } });
    else throw new Problem(403, 'approval_invalid', `The approval for ${action} is missing, used, expired or for another action`, [{ field: 'approvalToken', message: 'Ask a manager to approve again' }]);
  }
  return { approvers, flags };
}
