// Expected, counted and variance per stocktake line, while the shop keeps selling.
//
// expected = snapshot + the moves of other documents posted after the start and before the line
// was (last) counted. Goods sold before the counter reached them are not on the shelf and are
// not missing; goods sold after they were counted were on the shelf when counted and are not a
// surplus. It is computed as the book quantity now minus the moves posted after the line's last
// scan, which is the same figure (the snapshot was the book at the start) without depending on
// the start instant: only the order of a scan and a document matters, and that order is the order
// of their UUIDv7 ids (same millisecond: the per-process counter decides; see core/id/uuidv7;
// ids are fixed-format lowercase hex, so any collation orders them like bytes).
// An uncounted line's expected is the book now. counted is the sum of every device's scans; a
// line nobody scanned counts as 0 (a shortage) in a full stocktake only: a partial stocktake
// adjusts what it counted and leaves the rest alone.
import { sql, type Kysely } from 'kysely';
import { negateFen } from '../../../core/money/round';
import type { DB } from '../../../db/schema';
import { issueCost } from '../../inventory/stock-moves';

export interface StocktakeRef {
  id: string;
  store_id: string;
  scope: string;
  started_at: string;
}

export interface VarianceLine {
  productId: string;
  locationId: string;
  snapshotQty: number;
  snapshotValue: number;
  expectedQty: number;
  /** null: not counted in a partial stocktake (not adjusted). */
  countedQty: number | null;
  varianceQty: number;
}

/** Scans are compared with documents by id; this only narrows the moves the database reads. */
const MOVE_WINDOW_SLACK_MS = 5 * 60_000;

export async function computeVariances(db: Kysely<DB>, st: StocktakeRef): Promise<VarianceLine[]> {
  const lines = await sql<{ product_id: string; location_id: string; snapshot_qty: number; snapshot_value: number; book_qty: number }>`
    SELECT l.product_id, l.location_id, l.snapshot_qty, l.snapshot_value,
      CAST(COALESCE((SELECT SUM(b.qty) FROM stock_balances b
        WHERE b.store_id = ${st.store_id} AND b.location_id = l.location_id AND b.product_id = l.product_id), 0) AS BIGINT) AS book_qty
    FROM stocktake_lines l WHERE l.stocktake_id = ${st.id}
    ORDER BY l.product_id, l.location_id`.execute(db);
  const counts = await sql<{ product_id: string; location_id: string; counted: number }>`
    SELECT product_id, location_id, CAST(SUM(qty) AS BIGINT) AS counted FROM stocktake_counts
    WHERE stocktake_id = ${st.id} GROUP BY product_id, location_id`.execute(db);
  const since = new Date(Date.parse(st.started_at) - MOVE_WINDOW_SLACK_MS).toISOString();
  const after = await sql<{ product_id: string; location_id: string; qty: number }>`
    SELECT c.product_id, c.location_id, CAST(SUM(m.qty) AS BIGINT) AS qty
    FROM (SELECT product_id, location_id, MAX(id) AS last_scan FROM stocktake_counts
          WHERE stocktake_id = ${st.id} GROUP BY product_id, location_id) c
    JOIN stock_moves m ON m.store_id = ${st.store_id} AND m.product_id = c.product_id AND m.location_id = c.location_id
      AND m.posted_at >= ${since} AND m.document_id > c.last_scan
    GROUP BY c.product_id, c.location_id`.execute(db);

  const key = (p: string, l: string) => `${p}\u0000${l}`;
  const counted = new Map(counts.rows.map((c) => [key(c.product_id, c.location_id), Number(c.counted)]));
  const movedAfterScan = new Map(after.rows.map((m) => [key(m.product_id, m.location_id), Number(m.qty)]));
  return lines.rows.map((l) => {
    const k = key(l.product_id, l.location_id);
    const expectedQty = Number(l.book_qty) - (movedAfterScan.get(k) ?? 0);
    const countedQty = counted.get(k) ?? (st.scope === 'full' ? 0 : null);
    return {
      productId: l.product_id,
      locationId: l.location_id,
      snapshotQty: Number(l.snapshot_qty),
      snapshotValue: Number(l.snapshot_value),
      expectedQty,
      countedQty,
      varianceQty: countedQty === null ? 0 : countedQty - expectedQty,
    };
  });
}

/** Signed value of a variance at the current moving-average cost (the cost approval will post). */
export async function varianceValue(db: Kysely<DB>, storeId: string, productId: string, varianceQty: number): Promise<number> {
  if (varianceQty === 0) return 0;
  const value = await issueCost(db, storeId, productId, Math.abs(varianceQty));
  return varianceQty < 0 ? negateFen(value) : value;
}
