// Transfers between stores (调拨). Shipping posts a transfer_out in the source store: the goods
// leave its stock (FEFO, moving-average cost) and their cost moves from 1405 inventory to 1402
// goods in transit. Each receipt posts a transfer_in in the destination: the goods enter its
// stock in the same batch at their share of the shipped cost, 1402 → 1405. Closing a transfer
// whose rest will never arrive posts a transfer_in without stock moves that takes what is still in
// transit out of 1402 into 1901 (loss pending investigation; see docs/decisions/0002).
// Every check that depends on current state runs inside the posting transaction, so a replayed
// request still answers with its original document and concurrent requests cannot overtake.
import type { Kysely } from 'kysely';
import { mulDivRound, negateFen } from '../../../core/money/round';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import type { Clock } from '../../clock';
import { Problem, badRequest, forbidden, notFound, unprocessable } from '../../http/problem';
import { planIssue, planReceipt } from '../../inventory/stock-moves';
import type { PostingEngine } from '../../posting/engine';
import { payloadHash } from '../../posting/payload-hash';
import type { DocumentLineInput, JournalEntryInput, PostOutcome, StockMoveInput } from '../../posting/types';
import { ACCOUNTS } from '../accounts/chart';
import { consumeApproval } from '../auth/service';
import { requireProducts, resolveLocation, sumOf } from '../inventory/lookups';
import { getTransfer, listTransfers, type TransferListQuery } from './queries';
import { linkDocument, lockOpenTransfer, receiveOnLine, settleReceiptStatus } from './transfer-rows';

export interface ShipInput {
  id: string;
  fromStoreId: string;
  toStoreId: string;
  fromLocationId?: string;
  memo?: string;
  lines: { productId: string; qty: number; batchId?: string }[];
}

export interface ReceiveInput {
  id: string;
  toLocationId?: string;
  lines: { lineNo: number; qty: number }[];
}

export interface CloseInput {
  id: string;
  reason: string;
  approvalToken?: string;
}

interface TransferRow {
  id: string;
  from_store_id: string;
  to_store_id: string;
  status: string;
}

export class TransfersService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly engine: PostingEngine,
    private readonly clock: Clock,
  ) {}

  async ship(auth: AuthContext, input: ShipInput): Promise<PostOutcome> {
    const companyId = auth.user.companyId;
    if (!auth.can('stock.transfer', input.fromStoreId)) throw notFound('Store', 'fromStoreId');
    if (input.toStoreId === input.fromStoreId) throw badRequest('same_store', 'A transfer goes to another store', 'toStoreId');
    const stores = await this.db.selectFrom('stores').select(['id', 'code']).where('company_id', '=', companyId).where('id', 'in', [input.fromStoreId, input.toStoreId]).execute();
    const from = stores.find((s) => s.id === input.fromStoreId);
    const to = stores.find((s) => s.id === input.toStoreId);
    if (!from) throw notFound('Store', 'fromStoreId');
    if (!to) throw notFound('Store', 'toStoreId');
    const location = await resolveLocation(this.db, from.id, input.fromLocationId, 'fromLocationId');
    await requireProducts(this.db, companyId, input.lines);
    await this.assertBatches(companyId, input.lines);
    assertOneLinePerPick(input.lines);

    return this.engine.post({
      clientId: input.id,
      companyId,
      storeId: from.id,
      type: 'transfer_out',
      actorId: auth.user.id,
      payloadHash: payloadHash(input),
      build: async (trx, ctx) => {
        const now = this.clock().toISOString();
        const lines: DocumentLineInput[] = [];
        const moves: StockMoveInput[] = [];
        const shipped: { lineNo: number; productId: string; batchId: string; qtyShipped: number; costValue: number }[] = [];
        for (const [i, l] of input.lines.entries()) {
          const available = await availableQty(trx, from.id, location, l.productId, l.batchId);
          if (l.qty > available) {
            throw unprocessable('insufficient_stock', `Only ${available} on hand at this location, ${l.qty} to ship`, `lines.${i}.qty`, { available });
          }
          const issued = await planIssue(trx, { lineNo: i + 1, storeId: from.id, locationId: location, productId: l.productId, qty: l.qty, batchId: l.batchId });
          const cost = negateFen(issued.reduce((s, m) => s + m.costValue, 0));
          moves.push(...issued);
          lines.push({ productId: l.productId, qty: l.qty, unitPrice: mulDivRound(cost, 1000, l.qty), amount: cost, data: { transferId: input.id } });
          // One transfer line per batch picked, so each batch arrives as the batch it left as.
          for (const m of issued) {
            shipped.push({ lineNo: shipped.length + 1, productId: l.productId, batchId: m.batchId ?? '', qtyShipped: -m.qty, costValue: negateFen(m.costValue) });
          }
        }
        await trx
          .insertInto('transfers')
          .values({ id: input.id, company_id: companyId, from_store_id: from.id, to_store_id: to.id, status: 'shipped', memo: input.memo ?? '', created_by: auth.user.id, created_at: now, updated_at: now })
          .execute();
        await trx
          .insertInto('transfer_lines')
          .values(
            shipped.map((s) => ({
              transfer_id: input.id,
              line_no: s.lineNo,
              product_id: s.productId,
              batch_id: s.batchId,
              qty_shipped: s.qtyShipped,
              qty_received: 0,
              cost_value: s.costValue,
              cost_received: 0,
            })),
          )
          .execute();
        const total = shipped.reduce((s, l) => s + l.costValue, 0);
        return {
          total,
          memo: input.memo || `Transfer to ${to.code}`,
          lines,
          moves,
          journal: pair(`Transfer to ${to.code}: goods in transit`, ACCOUNTS.inTransit, ACCOUNTS.inventory, total),
          auditData: { transferId: input.id, toStoreId: to.id },
          result: { transferId: input.id, fromStoreId: from.id, toStoreId: to.id, status: 'shipped', lines: shipped },
          afterDocument: (trx2) => linkDocument(trx2, input.id, ctx.documentId, 'ship', now),
        };
      },
    });
  }

  async receive(auth: AuthContext, transferId: string, input: ReceiveInput): Promise<PostOutcome> {
    const t = await this.visible(auth, transferId);
    if (!auth.can('stock.transfer', t.to_store_id)) throw forbidden('Only the receiving store can receive a transfer');
    const location = await resolveLocation(this.db, t.to_store_id, input.toLocationId, 'toLocationId');
    const known = new Set((await this.db.selectFrom('transfer_lines').select('line_no').where('transfer_id', '=', t.id).execute()).map((l) => Number(l.line_no)));
    const seen = new Set<number>();
    input.lines.forEach((l, i) => {
      if (seen.has(l.lineNo)) throw badRequest('duplicate_line', `Line ${l.lineNo} is given twice; give its total once`, `lines.${i}.lineNo`);
      seen.add(l.lineNo);
      if (!known.has(l.lineNo)) throw unprocessable('unknown_line', `The transfer has no line ${l.lineNo}`, `lines.${i}.lineNo`);
    });
    const fromCode = await this.storeCode(t.from_store_id);

    return this.engine.post({
      clientId: input.id,
      companyId: auth.user.companyId,
      storeId: t.to_store_id,
      type: 'transfer_in',
      actorId: auth.user.id,
      payloadHash: payloadHash({ transferId: t.id, receipt: input }),
      build: async (trx, ctx) => {
        const now = this.clock().toISOString();
        await lockOpenTransfer(trx, t.id, now);
        const lines: DocumentLineInput[] = [];
        const moves: StockMoveInput[] = [];
        const received = [];
        for (const [i, l] of input.lines.entries()) {
          const r = await receiveOnLine(trx, t.id, l.lineNo, l.qty, `lines.${i}.qty`);
          received.push(r);
          lines.push({ productId: r.productId, qty: r.qty, unitPrice: mulDivRound(r.cost, 1000, r.qty), amount: r.cost, data: { transferId: t.id, transferLineNo: r.lineNo } });
          moves.push(await planReceipt(trx, { lineNo: i + 1, storeId: t.to_store_id, locationId: location, productId: r.productId, qty: r.qty, value: r.cost, batchId: r.batchId }));
        }
        const status = await settleReceiptStatus(trx, t.id, now);
        const total = received.reduce((s, r) => s + r.cost, 0);
        return {
          total,
          memo: `Transfer from ${fromCode}`,
          lines,
          moves,
          journal: pair(`Transfer from ${fromCode}: goods received`, ACCOUNTS.inventory, ACCOUNTS.inTransit, total),
          auditData: { transferId: t.id, status },
          result: { transferId: t.id, status, lines: received.map((r) => ({ lineNo: r.lineNo, qty: r.qty, costValue: r.cost })) },
          afterDocument: (trx2) => linkDocument(trx2, t.id, ctx.documentId, 'receipt', now),
        };
      },
    });
  }

  async close(auth: AuthContext, transferId: string, input: CloseInput): Promise<PostOutcome> {
    const t = await this.visible(auth, transferId);
    if (!auth.can('stock.transfer', t.to_store_id)) throw forbidden('Only the receiving store can close a transfer');
    // Giving up on goods is a loss decision: a stock clerk needs a manager of the destination.
    const needsApproval = !auth.can('approvals.grant', t.to_store_id);
    if (needsApproval && !input.approvalToken) {
      throw new Problem(403, 'approval_required', 'A manager of the receiving store must approve closing a transfer', [{ field: 'approvalToken', message: 'Manager approval required' }]);
    }
    const fromCode = await this.storeCode(t.from_store_id);

    return this.engine.post({
      clientId: input.id,
      companyId: auth.user.companyId,
      storeId: t.to_store_id,
      type: 'transfer_in',
      actorId: auth.user.id,
      // The approval token is single-use: a retry carries a spent one and must still replay.
      payloadHash: payloadHash({ transferId: t.id, close: { id: input.id, reason: input.reason } }),
      build: async (trx, ctx) => {
        const now = this.clock();
        const approvedBy = needsApproval && input.approvalToken ? await consumeApproval(trx, input.approvalToken, 'transfer.close', t.to_store_id, now) : null;
        await lockOpenTransfer(trx, t.id, now.toISOString());
        const open = await trx
          .selectFrom('transfer_lines')
          .select(['line_no', 'product_id', 'batch_id', 'qty_shipped', 'qty_received', 'cost_value', 'cost_received'])
          .where('transfer_id', '=', t.id)
          .orderBy('line_no')
          .execute();
        const missing = open
          .filter((l) => Number(l.qty_received) < Number(l.qty_shipped))
          .map((l) => ({
            lineNo: Number(l.line_no),
            productId: l.product_id,
            batchId: l.batch_id,
            qty: Number(l.qty_shipped) - Number(l.qty_received),
            costValue: Number(l.cost_value) - Number(l.cost_received),
          }));
        await trx.updateTable('transfers').set({ status: 'closed', updated_at: now.toISOString() }).where('id', '=', t.id).execute();
        const total = missing.reduce((s, m) => s + m.costValue, 0);
        return {
          total,
          memo: `Transfer from ${fromCode} closed: ${input.reason}`,
          approvedBy,
          // qty 0: nothing moves in this store; what never arrived is in the line's data.
          lines: missing.map((m) => ({ productId: m.productId, qty: 0, unitPrice: 0, amount: m.costValue, data: { transferId: t.id, transferLineNo: m.lineNo, batchId: m.batchId, qtyNotReceived: m.qty } })),
          moves: [],
          journal: pair(`Transfer from ${fromCode} closed: not received (${input.reason})`, ACCOUNTS.lossPending, ACCOUNTS.inTransit, total),
          auditData: { transferId: t.id, reason: input.reason },
          result: { transferId: t.id, status: 'closed', notReceived: missing },
          afterDocument: (trx2) => linkDocument(trx2, t.id, ctx.documentId, 'close', now.toISOString()),
        };
      },
    });
  }

  list(auth: AuthContext, q: TransferListQuery) {
    return listTransfers(this.db, auth, q);
  }

  async get(auth: AuthContext, id: string) {
    await this.visible(auth, id);
    return getTransfer(this.db, id);
  }

  /** Both the source and the destination see a transfer; anyone else gets 404. */
  private async visible(auth: AuthContext, id: string): Promise<TransferRow> {
    const t = await this.db
      .selectFrom('transfers')
      .select(['id', 'from_store_id', 'to_store_id', 'status'])
      .where('id', '=', id)
      .where('company_id', '=', auth.user.companyId)
      .executeTakeFirst();
    if (!t || !(auth.can('stock.read', t.from_store_id) || auth.can('stock.read', t.to_store_id))) throw notFound('Transfer');
    return t;
  }

  private async storeCode(storeId: string): Promise<string> {
    const s = await this.db.selectFrom('stores').select('code').where('id', '=', storeId).executeTakeFirstOrThrow();
    return s.code;
  }

  private async assertBatches(companyId: string, lines: ShipInput['lines']) {
    const ids = [...new Set(lines.flatMap((l) => (l.batchId ? [l.batchId] : [])))];
    if (!ids.length) return;
    const rows = await this.db.selectFrom('batches').select(['id', 'product_id']).where('company_id', '=', companyId).where('id', 'in', ids).execute();
    const productOf = new Map(rows.map((r) => [r.id, r.product_id]));
    lines.forEach((l, i) => {
      if (l.batchId && productOf.get(l.batchId) !== l.productId) throw notFound('Batch of this product', `lines.${i}.batchId`);
    });
  }
}

/**
 * Moves of one document are planned against the balances before the document, so two lines that
 * could pick the same batch would both take it. A product may appear twice only with distinct,
 * named batches.
 */
function assertOneLinePerPick(lines: ShipInput['lines']) {
  const seen = new Map<string, Set<string>>();
  lines.forEach((l, i) => {
    const batches = seen.get(l.productId);
    if (batches && (l.batchId === undefined || batches.has('*') || batches.has(l.batchId))) {
      throw badRequest('duplicate_product', 'A product appears twice; give one line per product, or one per named batch', `lines.${i}.productId`);
    }
    seen.set(l.productId, (batches ?? new Set()).add(l.batchId ?? '*'));
  });
}

/** What can leave a location: its positive balances (of the one batch, if named). */
async function availableQty(trx: Kysely<DB>, storeId: string, locationId: string, productId: string, batchId?: string): Promise<number> {
  let q = trx
    .selectFrom('stock_balances')
    .select(sumOf('qty').as('qty'))
    .where('store_id', '=', storeId)
    .where('location_id', '=', locationId)
    .where('product_id', '=', productId)
    .where('qty', '>', 0);
  if (batchId !== undefined) q = q.where('batch_id', '=', batchId);
  const r = await q.executeTakeFirst();
  return Number(r?.qty ?? 0);
}

/** One entry debiting `debit` and crediting `credit` for `amount`; nothing for a zero amount. */
function pair(memo: string, debit: string, credit: string, amount: number): JournalEntryInput[] {
  if (amount === 0) return [];
  return [{ memo, lines: [{ account: debit, debit: amount, credit: 0 }, { account: credit, debit: 0, credit: amount }] }];
}
