// Write-off (报损 / 出库 for internal use): stock leaves a location at its moving-average cost,
// batches picked FEFO unless one is named, and the cost is expensed by reason against 1405 (the
// reason's account comes from the posting rules, kind write_off_reason; defaults in posting-rules/rules.ts).
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import { prorate } from '../../../core/money/prorate';
import { mulDivRound, negateFen } from '../../../core/money/round';
import type { WriteOffBody } from '../../../contracts/inventory';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { badRequest, notFound, unprocessable } from '../../http/problem';
import { issueCost, planIssue } from '../../inventory/stock-moves';
import { payloadHash } from '../../posting/payload-hash';
import type { JournalEntryInput, PostOutcome, StockMoveInput } from '../../posting/types';
import { ACCOUNTS } from '../accounts/chart';
import type { InventoryDeps } from './deps';
import { requireProducts, requireStore, resolveLocation, sumOf } from './lookups';

export type WriteOffInput = z.infer<typeof WriteOffBody>;

export async function postWriteOff(deps: InventoryDeps, auth: AuthContext, input: WriteOffInput): Promise<PostOutcome> {
  const { db, engine } = deps;
  const companyId = auth.user.companyId;
  const store = await requireStore(db, auth, 'stock.writeoff', input.storeId);
  const locationId = await resolveLocation(db, store.id, input.locationId);
  await requireProducts(db, companyId, input.lines);
  await requireBatchesOfProducts(db, input.lines);
  refuseOverlappingLines(input.lines);

  return engine.post({
    clientId: input.id,
    companyId,
    storeId: store.id,
    type: 'write_off',
    actorId: auth.user.id,
    payloadHash: payloadHash(input),
    build: async (trx, ctx) => {
      const expenseAccount = (await deps.postingRules.get(trx, companyId)).writeOff(input.reason);
      const productIds = [...new Set(input.lines.map((l) => l.productId))].sort();
      for (const productId of productIds) await lockProductBalances(trx, store.id, productId);

      const moves: StockMoveInput[] = [];
      for (const [i, l] of input.lines.entries()) {
        const onHand = await onHandAt(trx, store.id, locationId, l.productId, l.batchId);
        if (l.qty > onHand) {
          throw unprocessable('insufficient_stock', `Only ${onHand / 1000} on hand${l.batchId ? ' in that batch' : ''} at this location`, `lines.${i}.qty`, {
            onHand,
            requested: l.qty,
            productId: l.productId,
            ...(l.batchId ? { batchId: l.batchId } : {}),
          });
        }
        moves.push(...(await planIssue(trx, { lineNo: i + 1, storeId: store.id, locationId, productId: l.productId, qty: l.qty, batchId: l.batchId })));
      }
      // planIssue costs each call against the same opening position; with several lines of one
      // product (several named batches) the cost of the product's whole issue is taken once and
      // spread over its moves, so the last units still take exactly the value that is left.
      for (const productId of productIds) {
        const own = moves.filter((m) => m.productId === productId);
        const qty = own.reduce((s, m) => s - m.qty, 0);
        const shares = prorate(await issueCost(trx, store.id, productId, qty), own.map((m) => -m.qty));
        own.forEach((m, k) => (m.costValue = negateFen(shares[k])));
      }

      const lineCost = input.lines.map((_, i) => moves.filter((m) => m.lineNo === i + 1).reduce((s, m) => s - m.costValue, 0));
      const total = lineCost.reduce((s, c) => s + c, 0);
      const memo = `Write-off ${ctx.number} (${input.reason})${input.memo ? `: ${input.memo}` : ''}`;
      return {
        total,
        memo: input.memo ?? '',
        lines: input.lines.map((l, i) => ({
          productId: l.productId,
          qty: l.qty,
          unitPrice: mulDivRound(lineCost[i], 1000, l.qty),
          amount: lineCost[i],
          data: { locationId, reason: input.reason, ...(l.batchId ? { batchId: l.batchId } : {}) },
        })),
        moves,
        journal: expenseEntry(memo, expenseAccount, total),
        auditData: { reason: input.reason, lines: input.lines.length },
        result: {
          reason: input.reason,
          locationId,
          expenseAccount,
          lines: input.lines.map((l, i) => ({
            lineNo: i + 1,
            productId: l.productId,
            qty: l.qty,
            cost: lineCost[i],
            batches: moves.filter((m) => m.lineNo === i + 1).map((m) => ({ batchId: m.batchId || null, qty: -m.qty, cost: negateFen(m.costValue) })),
          })),
        },
      };
    },
  });
}

/** Dr the expense / Cr 1405 for the cost; nothing to book for goods that cost nothing. */
function expenseEntry(memo: string, expenseAccount: string, total: number): JournalEntryInput[] {
  if (total === 0) return [];
  const amount = Math.abs(total);
  const [debit, credit] = total > 0 ? [expenseAccount, ACCOUNTS.inventory] : [ACCOUNTS.inventory, expenseAccount];
  return [{ memo, lines: [{ account: debit, debit: amount, credit: 0 }, { account: credit, debit: 0, credit: amount }] }];
}

/** A named batch must be a batch of that line's product. */
async function requireBatchesOfProducts(db: Kysely<DB>, lines: WriteOffInput['lines']) {
  const ids = [...new Set(lines.flatMap((l) => (l.batchId ? [l.batchId] : [])))];
  if (!ids.length) return;
  const rows = await db.selectFrom('batches').select(['id', 'product_id']).where('id', 'in', ids).execute();
  const productOf = new Map(rows.map((r) => [r.id, r.product_id]));
  lines.forEach((l, i) => {
    if (l.batchId && productOf.get(l.batchId) !== l.productId) throw notFound('Batch', `lines.${i}.batchId`);
  });
}

/**
 * One line per product, or one line per named batch of it: a FEFO line next to another line of
 * the same product would pick from stock the other line already took (moves are only written
 * after the whole document is planned).
 */
function refuseOverlappingLines(lines: WriteOffInput['lines']) {
  const seen = new Map<string, Set<string>>();
  lines.forEach((l, i) => {
    const batches = seen.get(l.productId);
    if (batches) {
      const clash = !l.batchId || batches.has('') || batches.has(l.batchId);
      if (clash) {
        const field = l.batchId && batches.has(l.batchId) ? `lines.${i}.batchId` : `lines.${i}.productId`;
        throw badRequest('duplicate_line', 'Write off each product on one line, or each of its batches on its own line', field);
      }
    }
    seen.set(l.productId, (batches ?? new Set()).add(l.batchId ?? ''));
  });
}

/**
 * Takes the row locks of the product's balances in the store before reading them, so two
 * write-offs of the last units cannot both see them on hand (PostgreSQL runs documents
 * concurrently; SQLite has one writer anyway). The no-op UPDATE is the portable way to lock.
 */
async function lockProductBalances(trx: Kysely<DB>, storeId: string, productId: string) {
  await trx.updateTable('stock_balances').set({ qty: sql`qty` }).where('store_id', '=', storeId).where('product_id', '=', productId).execute();
}

async function onHandAt(trx: Kysely<DB>, storeId: string, locationId: string, productId: string, batchId: string | undefined): Promise<number> {
  let q = trx
    .selectFrom('stock_balances')
    .select(sumOf('qty').as('qty'))
    .where('store_id', '=', storeId)
    .where('location_id', '=', locationId)
    .where('product_id', '=', productId);
  if (batchId !== undefined) q = q.where('batch_id', '=', batchId);
  const row = await q.executeTakeFirst();
  return Number(row?.qty ?? 0);
}
