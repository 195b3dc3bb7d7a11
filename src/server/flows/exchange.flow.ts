// Exchange (换货) = a return and a sale in one `exchange` document with one net payment:
//
//   1. register     sales.return on this register          5. price     the new goods like an online sale;
//   2. replay       same id, same body → stored answer                     net = their due − the refund, and
//   3. shift        the register's open shift                             the till's clientNet must match
//   4. original     the sale or exchange, not voided;      6. tender    net > 0: the customer pays it (any
//                   its lines to take back (another                       tender, wallets charged first);
//                   store's: see originalForReturn)                       net ≤ 0: paid back to the sale's tenders
//   7. post         return part (counters, refunds, stock back) + sale part (FEFO issue, cost) + books;
//                   if the refund changed since step 5 (another register returned meanwhile) 409
//                   `return_changed` and any charge is reversed
//   8. refund       wallet refunds of a negative net through the PaymentProvider
//
// The result keeps `credit`: the shares of the sale's tenders that the goods brought back paid the
// new goods with, so the new goods can be returned later the way they were paid (original-sale.ts).
//
// The new goods follow the store's oversell policy like any online sale. A price override or a
// discount beyond the cashier's limit needs a manager to do the exchange.
import type { ExchangeInput } from '../../contracts/returns';
import { negateFen } from '../../core/money/round';
import { priceReturn } from '../../core/returns/price-return';
import type { AuthContext } from '../auth/auth-context';
import { roleGrants } from '../auth/permissions';
import { badRequest, conflict, Problem, unprocessable } from '../http/problem';
import { payloadHash } from '../posting/payload-hash';
import { findPosted } from '../posting/write-document';
import { tillJournal } from '../modules/returns/return-journal';
import { planReceiptReturn, requireShiftStillOpen, returnBooks, tenderRefunds, type TenderRefund } from '../modules/returns/return-plan';
import { writeTillRows } from '../modules/sales/till-rows';
import { priceSale } from '../modules/sales/price-sale';
import { resolveLines } from '../modules/sales/resolve-lines';
import { planSaleStock } from '../modules/sales/sale-stock';
import { checkTenders, settle } from '../modules/sales/tender';
import { chargeWallets, reverseCharges } from '../modules/sales/wallet-charges';
import { requireTillRegister } from '../modules/shifts/register-access';
import { readCheckoutSettings } from '../modules/store-settings/service';
import type { CheckoutDeps } from './checkout.flow';
import { mainLocation, originalForReturn, requestedLines, requireOpenShift, returnResult, withWalletRefunds, type TillOutcome } from '../modules/returns/till-steps';

export async function postExchange(deps: CheckoutDeps, auth: AuthContext, input: ExchangeInput): Promise<TillOutcome> {
  const { db } = deps;
  const companyId = auth.user.companyId;
  const field = input.saleId !== undefined ? 'saleId' : 'saleNumber';

  // 1–3. register, replay, shift
  const register = await requireTillRegister(db, auth, 'sales.return', input.registerId);
  const hash = payloadHash({ ...input, approvalToken: undefined });
  const prior = await findPosted(db, { companyId, clientId: input.id, payloadHash: hash });
  if (prior) return withWalletRefunds(deps, input.id, prior);
  const shiftId = await requireOpenShift(db, companyId, register, input.shiftId);

  // 4. original
  const { sale, intoLocationId } = await originalForReturn(db, auth, register, input, field);
  const wanted = requestedLines(sale, input.returnLines, 'returnLines');
  const index = (lineNo: number) => sale.lines.findIndex((l) => l.lineNo === lineNo);
  wanted.forEach((w) => {
    const i = index(w.lineNo);
    const left = sale.lines[i].qty - sale.returned[i];
    if (w.qty > left) throw conflict('return_exceeds_sold', `Only ${left / 1000} of line ${w.lineNo} are left to return`, w.field, { sold: sale.lines[i].qty, returned: sale.returned[i], returnable: left });
  });
  const preview = priceReturn(
    { lines: sale.lines.map((l) => ({ qty: l.qty, net: l.net, tax: l.tax })), rounding: sale.rounding },
    sale.returned,
    wanted.map((w) => ({ line: index(w.lineNo), qty: w.qty })),
  );

  // 5. price
  const settings = await readCheckoutSettings(db, register.storeId);
  const locationId = await mainLocation(db, register.storeId);
  const resolved = await resolveLines(db, { companyId, storeId: register.storeId, settings, member: input.memberCode !== undefined }, input.lines);
  let priced;
  try {
    priced = priceSale({ sale: { lines: input.lines, orderDiscount: input.orderDiscount, clientTotal: input.clientNet + preview.refund, offline: false }, resolved, settings });
  } catch (err) {
    if (err instanceof Problem && err.code === 'client_total_mismatch') {
      const serverNet = (err.extra?.serverDue as number) - preview.refund;
      throw unprocessable('client_total_mismatch', `The server prices this exchange at ${serverNet} fen, the till showed ${input.clientNet}`, 'clientNet', { serverNet, clientNet: input.clientNet });
    }
    throw err;
  }
  const isManager = auth.roles.some((r) => roleGrants(r.role, 'approvals.grant') && (r.storeId === null || r.storeId === register.storeId));
  if (priced.approvalsNeeded.length && !isManager) {
    throw new Problem(403, 'approval_required', `A manager must do this exchange: ${priced.approvalsNeeded.join(', ')}`, [{ field: 'lines', message: 'Manager needed' }], { actions: priced.approvalsNeeded });
  }
  const basket = priced.basket;
  const net = basket.due - preview.refund;

  // 6. tender
  let change = 0;
  if (net > 0) {
    checkTenders(input.payments, false);
    change = settle(net, input.payments);
  } else if (input.payments.length) {
    throw badRequest('payments_unexpected', 'The customer gets money back; the refund goes to the sale’s tenders', 'payments');
  }
  const charges = net > 0 ? await chargeWallets(deps.payments, { id: input.id, payloadHash: hash, description: `Exchange at ${register.code}` }, input.payments) : { refs: new Map<number, string>(), paymentIds: [] };

  // 7. post
  const request = {
    clientId: input.id,
    companyId,
    storeId: register.storeId,
    registerId: register.id,
    type: 'exchange' as const,
    actorId: auth.user.id,
    payloadHash: hash,
    build: async (trx: Parameters<typeof findPosted>[0], ctx: { documentId: string; number: string }) => {
      await requireShiftStillOpen(trx, shiftId);
      const r = await planReceiptReturn(trx, deps.dialect, sale, wanted, 1, intoLocationId);
      if (r.refund !== preview.refund) {
        throw conflict('return_changed', `Another return of ${sale.number} was posted meanwhile; price the exchange again`, field, { refund: r.refund, priced: preview.refund });
      }
      const first = r.lines.length + 1;
      const stock = await planSaleStock(trx, {
        dialect: deps.dialect,
        storeId: register.storeId,
        locationId,
        lines: resolved.map((x, k) => ({ lineNo: first + k, productId: x.productId, baseQty: x.baseQty, batchId: x.batchId })),
        blockOversell: settings.oversell === 'block',
      });
      const soldCost = stock.lineCost.reduce((s, c) => s + c, 0);
      const soldTax = basket.taxByRate.reduce((s, g) => s + g.tax, 0);
      const books = await returnBooks(trx, deps.postingRules, companyId, r, resolved.map((x) => x.categoryId));
      const refunds: TenderRefund[] = net < 0 ? tenderRefunds(sale, r.refundedBefore, r.refundedBefore - net, input.cardReference) : [];
      // What paid for the new goods out of the goods brought back: the rest of the refund's share of
      // the sale's tenders, kept so a return of the new goods can give it back the same way.
      const credit = tenderRefunds(sale, r.refundedBefore + Math.max(0, -net), r.refundedBefore + r.refund).map(({ tenderNo: _, ...c }) => c);
      const paid = input.payments.map((p, i) => ({
        method: p.method,
        amount: p.amount,
        ...(charges.refs.has(i) ? { providerRef: charges.refs.get(i) } : {}),
        ...(p.reference !== undefined ? { reference: p.reference } : {}),
      }));
      const tenders = net > 0 ? received(paid, change) : refunds.map((x) => ({ method: x.method, amount: -x.amount }));
      const saleLines = resolved.map((x, k) => {
        const p = basket.lines[k];
        return {
          productId: x.productId,
          qty: x.baseQty,
          unitPrice: priced.basketLines[k].unitPrice,
          amount: p.net,
          data: { unit: x.unit, qty: x.qty, pricedQty: priced.basketLines[k].qty, gross: p.gross, lineDiscount: p.lineDiscount, orderDiscountShare: p.orderDiscountShare, tax: p.tax, taxRate: p.taxRate, flags: [] },
        };
      });
      const result = returnResult({ kind: 'exchange', shiftId, clientTime: input.clientTime, original: sale, views: r.views, amount: r.amount, tax: r.tax, rounding: r.rounding, refund: r.refund, cost: r.cost, refunds });
      return {
        total: net,
        memo: '',
        lines: [...r.lines, ...saleLines],
        moves: [...r.moves, ...stock.moves],
        journal: tillJournal({
          title: `Exchange ${ctx.number} of ${sale.number}`,
          tenders,
          returned: books.returned,
          sold: {
            lines: resolved.map((x, k) => ({ categoryId: x.categoryId, taxable: basket.lines[k].net - basket.lines[k].tax, cost: stock.lineCost[k] })),
            taxByRate: basket.taxByRate,
            rounding: basket.rounding,
          },
          damagedCost: r.damagedCost,
        }, books.rules),
        auditData: { kind: 'exchange', shiftId, original: sale.number, refund: r.refund, due: basket.due, net },
        result: {
          ...result,
          newLines: saleLines.map((l, k) => ({ lineNo: first + k, productId: l.productId, sku: resolved[k].sku, name: resolved[k].name, qty: l.qty, unitPrice: l.unitPrice, net: l.amount, tax: l.data.tax })),
          newDue: basket.due,
          subtotal: basket.subtotal - r.amount,
          rounding: basket.rounding - r.rounding,
          due: net,
          tax: soldTax - r.tax,
          net,
          payments: paid,
          change,
          credit,
        },
        afterDocument: (t: Parameters<typeof findPosted>[0]) =>
          writeTillRows(t, {
            offline: false,
            documentId: ctx.documentId,
            storeId: register.storeId,
            registerId: register.id,
            shiftId,
            kind: 'exchange',
            originalDocumentId: sale.documentId,
            clientTime: input.clientTime,
            memberCode: input.memberCode ?? sale.memberCode,
            subtotal: basket.subtotal - r.amount,
            rounding: basket.rounding - r.rounding,
            due: net,
            change,
            tax: soldTax - r.tax,
            cost: soldCost - r.cost,
            payments: net > 0 ? paid : refunds.map((x) => ({ method: x.method, amount: negateFen(x.amount), providerRef: x.providerRef, reference: x.reference })),
            rules: books.rules,
          }),
      };
    },
  };
  let outcome;
  try {
    outcome = await deps.engine.post(request);
  } catch (err) {
    const posted = await findPosted(db, request).catch((e: unknown) => (e instanceof Problem ? null : Promise.reject(e)));
    if (posted) return withWalletRefunds(deps, input.id, posted);
    await reverseCharges(deps.payments, charges.paymentIds);
    throw err;
  }

  // 8. refund
  return withWalletRefunds(deps, input.id, outcome);
}

/** What each tender brought in: cash less the change handed back. */
function received(paid: readonly { method: import('../../core/pricing/settle-payments').PaymentMethod; amount: number }[], change: number) {
  const out = paid.map((p) => ({ method: p.method, amount: p.amount }));
  if (change) out.push({ method: 'cash', amount: -change });
  return out;
}
