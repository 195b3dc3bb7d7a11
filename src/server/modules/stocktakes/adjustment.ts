// The one stocktake_adjustment document an approval posts (ARCHITECTURE §3 batches rule):
// - a shortage leaves through planIssue: FEFO, i.e. the batch that expires first, then the oldest
//   batch (for goods that expire, the oldest stock is the one expiring first);
// - a surplus enters through planReceipt into the newest batch of the product that has stock in
//   the store (latest created), or unbatched ('') when none has, valued at the current moving
//   average (the last known unit cost when nothing is on hand).
// Journal, one entry per direction: shortage Dr loss account / Cr 1405, surplus Dr 1405 / Cr gain
// account; by default both are 1901 (待处理财产损溢), which holds the difference until it is
// approved to expense or income (posting rules kind stocktake_variance may book it straight there).
import type { Kysely } from 'kysely';
import { mulDivRound } from '../../../core/money/round';
import type { DB } from '../../../db/schema';
import { issueCost, planIssue, planReceipt } from '../../inventory/stock-moves';
import type { DocumentLineInput, JournalEntryInput, StockMoveInput } from '../../posting/types';
import { ACCOUNTS } from '../accounts/chart';
import type { PostingRules } from '../posting-rules/rules';
import type { VarianceLine } from './variances';

export interface AdjustmentPlan {
  lines: DocumentLineInput[];
  moves: StockMoveInput[];
  journal: JournalEntryInput[];
  surplusValue: number;
  shortageValue: number;
  /** Signed value posted per variance line, by `productId\0locationId`. */
  values: Map<string, number>;
}

export const lineKey = (l: { productId: string; locationId: string }) => `${l.productId}\u0000${l.locationId}`;

export async function planAdjustment(trx: Kysely<DB>, storeId: string, variances: VarianceLine[], rules: PostingRules): Promise<AdjustmentPlan> {
  const lines: DocumentLineInput[] = [];
  const moves: StockMoveInput[] = [];
  const values = new Map<string, number>();
  let surplusValue = 0;
  let shortageValue = 0;
  for (const v of variances) {
    if (v.varianceQty === 0) continue;
    const lineNo = lines.length + 1;
    const base = { lineNo, storeId, locationId: v.locationId, productId: v.productId };
    let value: number;
    if (v.varianceQty < 0) {
      const issued = await planIssue(trx, { ...base, qty: -v.varianceQty });
      moves.push(...issued);
      value = issued.reduce((s, m) => s + m.costValue, 0);
      shortageValue -= value;
    } else {
      const batchId = await newestBatchWithStock(trx, storeId, v.productId);
      value = await issueCost(trx, storeId, v.productId, v.varianceQty);
      moves.push(await planReceipt(trx, { ...base, qty: v.varianceQty, value, batchId }));
      surplusValue += value;
    }
    values.set(lineKey(v), value);
    lines.push({
      productId: v.productId,
      qty: v.varianceQty,
      unitPrice: mulDivRound(Math.abs(value), 1000, Math.abs(v.varianceQty)),
      amount: value,
      data: { locationId: v.locationId, expectedQty: v.expectedQty, countedQty: v.countedQty },
    });
  }
  const journal: JournalEntryInput[] = [];
  if (shortageValue > 0) {
    journal.push({
      memo: 'Stocktake shortage',
      lines: [
        { account: rules.stocktake('loss'), debit: shortageValue, credit: 0 },
        { account: ACCOUNTS.inventory, debit: 0, credit: shortageValue },
      ],
    });
  }
  if (surplusValue > 0) {
    journal.push({
      memo: 'Stocktake surplus',
      lines: [
        { account: ACCOUNTS.inventory, debit: surplusValue, credit: 0 },
        { account: rules.stocktake('gain'), debit: 0, credit: surplusValue },
      ],
    });
  }
  return { lines, moves, journal, surplusValue, shortageValue, values };
}

/** The latest created batch of the product with stock in the store, or '' (unbatched). */
async function newestBatchWithStock(trx: Kysely<DB>, storeId: string, productId: string): Promise<string> {
  const row = await trx
    .selectFrom('stock_balances')
    .innerJoin('batches', 'batches.id', 'stock_balances.batch_id')
    .select('batches.id')
    .where('stock_balances.store_id', '=', storeId)
    .where('stock_balances.product_id', '=', productId)
    .where('stock_balances.qty', '>', 0)
    .orderBy('batches.created_at', 'desc')
    .orderBy('batches.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? '';
}
