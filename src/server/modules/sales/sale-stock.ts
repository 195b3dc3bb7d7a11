// Step 5 of a sale, inside the posting transaction: the goods leave the store's main location.
// Moves come from the one costing rule (`planIssue`: FEFO batches, moving-average cost); a product
// on several lines (two scans, two scale labels) is issued once and its moves split over the
// lines, so FEFO never picks the same units twice and the last units cost exactly what is left.
//
// Oversell: with the store's `block` policy an online line that would take the product's store
// quantity below zero is refused. The product's balance rows are locked first (PostgreSQL runs
// documents concurrently; SQLite's one writer serialises them anyway), so N concurrent sales of
// the last K units succeed exactly K times. Otherwise selling below zero is allowed and flagged.
import type { Kysely } from 'kysely';
import { prorate } from '../../../core/money/prorate';
import { negateFen } from '../../../core/money/round';
import { forUpdate, runBatch, type DialectInfo, type SqlStatement } from '../../../db/dialect';
import type { DB } from '../../../db/schema';
import { conflict } from '../../http/problem';
import { issueCost, planIssue, readStock, readStockStatement, stockSnapshotFrom, type StockSnapshot } from '../../inventory/stock-moves';
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
  /**
   * `stock`: the caller already holds the locks of `stockLockStatements` in this transaction and
   * read `saleStockStatement` after taking them; its snapshot.
   */
  opts: { dialect: DialectInfo; storeId: string; locationId: string; lines: readonly SaleStockLine[]; blockOversell: boolean; stock?: StockSnapshot },
): Promise<SaleStock> {
  const productIds = saleProductIds(opts.lines);
  // One read of the products' balances serves the oversell check, the costs and the FEFO picks.
  if (!opts.stock) await runBatch(trx, stockLockStatements(opts.dialect, opts.storeId, opts.lines));
  const stock = opts.stock ?? (await readStock(trx, opts.storeId, productIds));
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

const saleProductIds = (lines: readonly SaleStockLine[]) => [...new Set(lines.map((l) => l.productId))].sort();

/**
 * The balance read `planSaleStock` starts from, for a caller that sends it in a batch once the
 * locks are held (`null`: no products); `saleStockSnapshot` turns its rows into the snapshot.
 */
export function saleStockStatement(storeId: string, lines: readonly SaleStockLine[]): SqlStatement | null {
  return readStockStatement(storeId, saleProductIds(lines));
}

export function saleStockSnapshot(storeId: string, lines: readonly SaleStockLine[], rows: readonly Record<string, unknown>[]): StockSnapshot {
  return stockSnapshotFrom(storeId, saleProductIds(lines), rows);
}

/**
 * Takes the row locks of the products' balance rows in the store, in a fixed order, so concurrent
 * sales of the same products queue instead of deadlocking (PostgreSQL; SQLite's one writer needs
 * none). A statement for `runBatch`, so a caller can send it with its own reads.
 */
export function stockLockStatements(dialect: DialectInfo, storeId: string, lines: readonly SaleStockLine[]): SqlStatement[] {
  const lock = forUpdate(dialect);
  if (!lock) return [];
  const productIds = saleProductIds(lines);
  return [
    {
      text: `SELECT product_id FROM stock_balances WHERE store_id = ? AND product_id IN (${productIds.map(() => '?').join(', ')}) ORDER BY product_id, location_id, batch_id${lock}`,
      params: [storeId, ...productIds],
      // Wanted, so that PostgreSQL runs it inside a batch (an unused WITH query is skipped).
      returns: true,
    },
  ];
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
