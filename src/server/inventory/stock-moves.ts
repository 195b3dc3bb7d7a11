// The one place that turns "this much of a product goes in / out of a location" into stock moves
// with cost values, inside a posting transaction. Every inventory document (receipt, write-off,
// transfer, stocktake; sales next) builds its moves here, so costing and batch picking have one rule.
//
// Costing: moving weighted average per product × store (ARCHITECTURE §3). An issue costs
// round(qty × Σvalue / Σqty) over the product's balances in the store; issuing everything that is
// left costs exactly the value that is left, so remainders are carried, never lost. With nothing
// (or less than nothing) on hand, the last known unit cost is used.
// Batches: issues pick FEFO (earliest expiry first, then oldest batch) unless a batch is named.
import { sql, type Kysely } from 'kysely';
import { insertRows, runSql, type SqlStatement } from '../../db/dialect';
import { mulDivRound } from '../../core/money/round';
import { prorate } from '../../core/money/prorate';
import type { DB } from '../../db/schema';
import type { StockMoveInput } from '../posting/types';

export interface IssueRequest {
  lineNo: number;
  storeId: string;
  locationId: string;
  productId: string;
  /** Positive thousandths to take out. */
  qty: number;
  /** Take from this batch only (a scanned lot); otherwise FEFO. */
  batchId?: string;
}

export interface ReceiptRequest {
  lineNo: number;
  storeId: string;
  locationId: string;
  productId: string;
  qty: number;
  /** Total value received, in fen (qty × unit cost, already rounded by the caller). */
  value: number;
  batchId?: string;
}

/**
 * The balance rows of some products in a store, read in one query, for a document that plans
 * several issues (a sale of five products) instead of three queries per product. Read it inside
 * the posting transaction before the document writes its own moves: it is what those moves start
 * from, exactly as the per-product queries would have seen it.
 */
export interface StockSnapshot {
  storeId: string;
  rows: Map<string, BalanceRow[]>;
}

interface BalanceRow {
  location_id: string;
  batch_id: string;
  qty: number;
  cost_value: number;
  expiry_date: string | null;
  created_at: string | null;
}

// Naming the store's locations lets the (store, location, product, batch) key find each row
// directly instead of scanning every balance of the store.
export async function readStock(trx: Kysely<DB>, storeId: string, productIds: readonly string[]): Promise<StockSnapshot> {
  const stmt = readStockStatement(storeId, productIds);
  return stockSnapshotFrom(storeId, productIds, stmt ? (await runSql<Record<string, unknown>>(trx, stmt.text, stmt.params)).rows : []);
}

/** `readStock`'s query, for a caller that sends it in a batch with its own (null: no products). */
export function readStockStatement(storeId: string, productIds: readonly string[]): SqlStatement | null {
  if (!productIds.length) return null;
  return {
    text: `SELECT sb.product_id, sb.location_id, sb.batch_id, sb.qty, sb.cost_value, b.expiry_date, b.created_at
       FROM stock_balances sb LEFT JOIN batches b ON b.id = sb.batch_id
       WHERE sb.store_id = ? AND sb.location_id IN (SELECT id FROM locations WHERE store_id = ?)
         AND sb.product_id IN (${productIds.map(() => '?').join(', ')})`,
    params: [storeId, storeId, ...productIds],
    returns: true,
  };
}

/** The snapshot `readStock` answers, from the rows its statement returned. */
export function stockSnapshotFrom(storeId: string, productIds: readonly string[], found: readonly Record<string, unknown>[]): StockSnapshot {
  const rows = new Map<string, BalanceRow[]>(productIds.map((id) => [id, []]));
  for (const row of found as unknown as readonly (BalanceRow & { product_id: string })[]) rows.get(row.product_id)!.push({ ...row, qty: Number(row.qty), cost_value: Number(row.cost_value) });
  return { storeId, rows };
}

function snapshotRows(snapshot: StockSnapshot | undefined, storeId: string, productId: string): BalanceRow[] | undefined {
  return snapshot?.storeId === storeId ? snapshot.rows.get(productId) : undefined;
}

/** On-hand quantity and value of a product across a store's locations and batches. */
export async function productPosition(trx: Kysely<DB>, storeId: string, productId: string, snapshot?: StockSnapshot): Promise<{ qty: number; value: number }> {
  const known = snapshotRows(snapshot, storeId, productId);
  if (known) return { qty: known.reduce((s, r) => s + r.qty, 0), value: known.reduce((s, r) => s + r.cost_value, 0) };
  const r = await sql<{ qty: number | null; value: number | null }>`
    SELECT CAST(SUM(qty) AS BIGINT) AS qty, CAST(SUM(cost_value) AS BIGINT) AS value
    FROM stock_balances WHERE store_id = ${storeId} AND product_id = ${productId}`.execute(trx);
  return { qty: Number(r.rows[0]?.qty ?? 0), value: Number(r.rows[0]?.value ?? 0) };
}

/** Cost of taking `qty` out now, by moving average (see the file comment). */
export async function issueCost(trx: Kysely<DB>, storeId: string, productId: string, qty: number, snapshot?: StockSnapshot): Promise<number> {
  const pos = await productPosition(trx, storeId, productId, snapshot);
  if (pos.qty > 0 && pos.value >= 0) {
    if (qty >= pos.qty) {
      // Everything that is left goes, with its exact value; any excess is costed at the average.
      return pos.value + (qty > pos.qty ? mulDivRound(qty - pos.qty, pos.value, pos.qty) : 0);
    }
    return mulDivRound(qty, pos.value, pos.qty);
  }
  // A fixed text (runSql): selling below zero runs this for every line of every sale.
  const { rows } = await runSql<{ last_unit_cost: number | string }>(trx, 'SELECT last_unit_cost FROM cost_state WHERE store_id = ? AND product_id = ?', [storeId, productId]);
  return mulDivRound(qty, Number(rows[0]?.last_unit_cost ?? 0), 1000);
}

/**
 * Moves for an issue: FEFO over the location's batches with stock (or the named batch); what no
 * batch covers (selling below zero is allowed and flagged elsewhere) comes from the last batch
 * picked, or from the unbatched balance.
 */
export async function planIssue(trx: Kysely<DB>, req: IssueRequest, snapshot?: StockSnapshot): Promise<StockMoveInput[]> {
  if (req.qty <= 0) throw new RangeError(`issue qty must be positive, got ${req.qty}`);
  const cost = await issueCost(trx, req.storeId, req.productId, req.qty, snapshot);
  const picks: { batchId: string; qty: number }[] = [];
  if (req.batchId !== undefined) {
    picks.push({ batchId: req.batchId, qty: req.qty });
  } else {
    const known = snapshotRows(snapshot, req.storeId, req.productId);
    const rows = known ? known.filter((r) => r.location_id === req.locationId && r.qty > 0) : await trx
      .selectFrom('stock_balances')
      .leftJoin('batches', 'batches.id', 'stock_balances.batch_id')
      .select(['stock_balances.batch_id', 'stock_balances.qty', 'batches.expiry_date', 'batches.created_at'])
      .where('stock_balances.store_id', '=', req.storeId)
      .where('stock_balances.location_id', '=', req.locationId)
      .where('stock_balances.product_id', '=', req.productId)
      .where('stock_balances.qty', '>', 0)
      .execute();
    rows.sort(fefoOrder);
    let left = req.qty;
    for (const r of rows) {
      if (left <= 0) break;
      const take = Math.min(left, Number(r.qty));
      picks.push({ batchId: r.batch_id, qty: take });
      left -= take;
    }
    if (left > 0) {
      if (picks.length) picks[picks.length - 1].qty += left;
      else picks.push({ batchId: await lastBatchOf(trx, req.storeId, req.productId), qty: left });
    }
  }
  const costs = prorate(cost, picks.map((p) => p.qty));
  return picks.map((p, i) => ({
    lineNo: req.lineNo,
    locationId: req.locationId,
    productId: req.productId,
    batchId: p.batchId,
    qty: -p.qty,
    costValue: costs[i] ? -costs[i] : 0,
  }));
}

/** A move into stock, remembering its unit cost for issues made while nothing is on hand. */
export async function planReceipt(trx: Kysely<DB>, req: ReceiptRequest): Promise<StockMoveInput> {
  if (req.qty <= 0) throw new RangeError(`receipt qty must be positive, got ${req.qty}`);
  const unitCost = mulDivRound(req.value, 1000, req.qty);
  await trx
    .insertInto('cost_state')
    .values({ store_id: req.storeId, product_id: req.productId, last_unit_cost: unitCost })
    .onConflict((oc) => oc.columns(['store_id', 'product_id']).doUpdateSet({ last_unit_cost: unitCost }))
    .execute();
  return { lineNo: req.lineNo, locationId: req.locationId, productId: req.productId, batchId: req.batchId ?? '', qty: req.qty, costValue: req.value };
}

/**
 * planReceipt for many lines at once (a 50-line goods receipt): one upsert of the last unit costs
 * instead of one per line. Lines are applied in order, so of two lines for the same product × store
 * the later one's cost is kept, exactly as calling planReceipt line by line would leave it.
 */
export async function planReceipts(trx: Kysely<DB>, reqs: readonly ReceiptRequest[]): Promise<StockMoveInput[]> {
  const last = new Map<string, [string, string, number]>();
  for (const req of reqs) {
    if (req.qty <= 0) throw new RangeError(`receipt qty must be positive, got ${req.qty}`);
    const key = `${req.storeId}|${req.productId}`;
    // Re-inserted so the map keeps the order of the last write; one row per key (PostgreSQL
    // refuses an upsert that touches a row twice).
    last.delete(key);
    last.set(key, [req.storeId, req.productId, mulDivRound(req.value, 1000, req.qty)]);
  }
  if (last.size) {
    await insertRows(trx, 'cost_state', ['store_id', 'product_id', 'last_unit_cost'], [...last.values()], 'ON CONFLICT (store_id, product_id) DO UPDATE SET last_unit_cost = excluded.last_unit_cost');
  }
  return reqs.map((req) => ({ lineNo: req.lineNo, locationId: req.locationId, productId: req.productId, batchId: req.batchId ?? '', qty: req.qty, costValue: req.value }));
}

// Earliest expiry first; batches without expiry after dated ones; then the oldest batch; the
// unbatched balance ('') last among equals.
function fefoOrder(
  a: { batch_id: string; expiry_date: string | null; created_at: string | null },
  b: { batch_id: string; expiry_date: string | null; created_at: string | null },
): number {
  const ea = a.expiry_date ?? '9999-12-31';
  const eb = b.expiry_date ?? '9999-12-31';
  if (ea !== eb) return ea < eb ? -1 : 1;
  const ca = a.created_at ?? '9999';
  const cb = b.created_at ?? '9999';
  if (ca !== cb) return ca < cb ? -1 : 1;
  return a.batch_id < b.batch_id ? -1 : a.batch_id > b.batch_id ? 1 : 0;
}

/** The batch of the newest inbound move (literal `qty > 0`: it names the partial index, migration 0022). */
async function lastBatchOf(trx: Kysely<DB>, storeId: string, productId: string): Promise<string> {
  const { rows } = await runSql<{ batch_id: string }>(
    trx,
    'SELECT batch_id FROM stock_moves WHERE store_id = ? AND product_id = ? AND qty > 0 ORDER BY posted_at DESC LIMIT 1',
    [storeId, productId],
  );
  return rows[0]?.batch_id ?? '';
}
