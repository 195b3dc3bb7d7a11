// Step 5 of a sale, inside the posting transaction: the goods leave the store's main location.
// Moves come from the one costing rule (`planIssue`: FEFO batches, moving-average cost); a product
// on several lines (two scans, two scale labels) is issued once and its moves split over the
// lines, so FEFO never picks the same units twice and the last units cost exactly what is left.
//
// Oversell: with the store's `block` policy an online line that would take the product's store
// quantity below zero is refused. The product's balance rows are locked first (PostgreSQL runs
// documents concurrently; SQLite's one writer serialises them anyway), so N concurrent sales of
// the last K units succeed exactly K times. Otherwise selling below zero is allowed and flagged.
import { sql, type Kysely } from 'kysely';
import { prorate } from '../../../core/money/prorate';
import { negateFen } from '../../../core/money/round';
import { forUpdate, type DialectInfo } from '../../../db/dialect';
import type { DB } from '../../../db/schema';
import { conflict } from '../../http/problem';
import { issueCost, planIssue, readStock, type StockSnapshot } from '../../inventory/stock-moves';
import type { StockMoveInput } from '../../posting/types';
import type { SaleFlag } from './sale-flags';

export interface SaleStockLine {
  lineNo: number;
  productId: string;
  baseQty: number;
  batchId?: string;
}

export interface SaleStock {
  moves: StockMoveInput[];
  /** Cost of goods sold per line, in line order. */
  lineCost: number[];
  flags: SaleFlag[];
}

export async function planSaleStock(
  trx: Kysely<DB>,
  opts: { dialect: DialectInfo; storeId: string; locationId: string; lines: readonly SaleStockLine[]; blockOversell: boolean },
): Promise<SaleStock> {
  const productIds = [...new Set(opts.lines.map((l) => l.productId))].sort();
  // One read of the products' balances serves the oversell check, the costs and the FEFO picks.
  const stock = await lockedStock(trx, opts.dialect, opts.storeId, productIds);
  const onHand = new Map([...stock.rows].map(([id, rows]) => [id, rows.reduce((s, r) => s + r.qty, 0)]));

  const flags: SaleFlag[] = [];
  const taken = new Map<string, number>();
  for (const l of opts.lines) {
    const before = onHand.get(l.productId) ?? 0;
    const sold = (taken.get(l.productId) ?? 0) + l.baseQty;
    taken.set(l.productId, sold);
    if (before - sold >= 0) continue;
    if (opts.blockOversell) {
      throw conflict('insufficient_stock', `Only ${Math.max(before, 0) / 1000} left in the store`, `lines.${l.lineNo - 1}.qty`, { productId: l.productId, onHand: before, requested: sold });
    }
    // One flag per product: the line where the store's quantity went (or stayed) below zero.
    if (!flags.some((f) => f.detail.productId === l.productId)) {
      flags.push({ kind: 'negative_stock', lineNo: l.lineNo, detail: { productId: l.productId, onHandBefore: before } });
    }
  }
  for (const f of flags) {
    const sold = taken.get(f.detail.productId as string)!;
    Object.assign(f.detail, { qtySold: sold, onHandAfter: (f.detail.onHandBefore as number) - sold });
  }

  const moves: StockMoveInput[] = [];
  const cost = new Map<string, number>();
  const groups = groupByProductAndBatch(opts.lines);
  for (const group of groups) {
    const qty = group.reduce((s, l) => s + l.baseQty, 0);
    const first = group[0];
    const picked = await planIssue(trx, { lineNo: first.lineNo, storeId: opts.storeId, locationId: opts.locationId, productId: first.productId, qty, batchId: first.batchId }, stock);
    cost.set(first.productId, picked.reduce((s, m) => s - m.costValue, 0));
    moves.push(...splitOverLines(picked, group));
  }
  // Cost each product's whole issue once and spread it over its moves by quantity. planIssue
  // costs each call from the same opening position, so a product issued in several groups (FEFO
  // and a named batch) is costed again for its total.
  for (const productId of productIds) {
    const own = moves.filter((m) => m.productId === productId);
    const issues = groups.filter((g) => g[0].productId === productId).length;
    const total = issues === 1 ? cost.get(productId)! : await issueCost(trx, opts.storeId, productId, taken.get(productId)!, stock);
    const shares = prorate(total, own.map((m) => -m.qty));
    own.forEach((m, k) => (m.costValue = negateFen(shares[k])));
  }
  const lineCost = opts.lines.map((l) => moves.filter((m) => m.lineNo === l.lineNo).reduce((s, m) => s - m.costValue, 0));
  return { moves, lineCost, flags };
}

/** The products' balance rows in the store, after taking their row locks in a fixed order. */
async function lockedStock(trx: Kysely<DB>, dialect: DialectInfo, storeId: string, productIds: string[]): Promise<StockSnapshot> {
  const lock = forUpdate(dialect);
  if (lock) {
    await sql`SELECT product_id FROM stock_balances WHERE store_id = ${storeId} AND product_id IN (${sql.join(productIds)})
              ORDER BY product_id, location_id, batch_id${sql.raw(lock)}`.execute(trx);
  }
  return readStock(trx, storeId, productIds);
}

/** Lines of one product that issue alike: FEFO together, each named batch on its own. */
function groupByProductAndBatch(lines: readonly SaleStockLine[]): SaleStockLine[][] {
  const groups = new Map<string, SaleStockLine[]>();
  for (const l of lines) {
    const key = `${l.productId}\u0000${l.batchId ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  return [...groups.values()];
}

/** Hands the picked quantities to the lines in order (a line may span two batches). */
function splitOverLines(picked: StockMoveInput[], lines: readonly SaleStockLine[]): StockMoveInput[] {
  const out: StockMoveInput[] = [];
  let li = 0;
  let left = lines[0].baseQty;
  for (const m of picked) {
    let qty = -m.qty;
    while (qty > 0) {
      const take = Math.min(qty, left);
      out.push({ ...m, lineNo: lines[li].lineNo, qty: -take, costValue: 0 });
      qty -= take;
      left -= take;
      if (left === 0 && li < lines.length - 1) left = lines[++li].baseQty;
    }
  }
  return out;
}
