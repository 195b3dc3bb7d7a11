// Reading stocktakes: the header with its lines and counts (book figures hidden from counters of a
// blind stocktake), the list, and the variance review.
import { sql, type Kysely } from 'kysely';
import type { SortValue } from '../../../contracts/common';
import type { STOCKTAKE_SORTS } from '../../../contracts/stocktakes';
import type { DB, StocktakesTable } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { orderBySort } from '../../lists/sort';
import { lineKey } from './adjustment';
import { computeVariances, varianceValue } from './variances';

export type StocktakeRow = StocktakesTable;

export interface StocktakeListQuery {
  storeId?: string;
  status?: string;
  sort?: SortValue<(typeof STOCKTAKE_SORTS)[number]>;
  page: number;
  pageSize: number;
}

function header(st: StocktakeRow) {
  return {
    id: st.id,
    storeId: st.store_id,
    scope: st.scope,
    categoryId: st.scope === 'category' ? st.scope_ref : null,
    locationId: st.scope === 'location' ? st.scope_ref : null,
    status: st.status,
    blind: st.blind === 1,
    startedAt: st.started_at,
    createdBy: st.created_by,
    approvedBy: st.approved_by,
    documentId: st.document_id,
    updatedAt: st.updated_at,
  };
}

/** Which product and location a line is, as every view of a stocktake shows it. */
function lineIdentity(r: { product_id: string; sku: string; name: string; unit: string; location_id: string; location_code: string }) {
  return { productId: r.product_id, sku: r.sku, name: r.name, unit: r.unit, locationId: r.location_id, locationCode: r.location_code };
}

/**
 * Blind counting (盲盘): whoever only counts does not see what the books say, so they count what is
 * there rather than confirm a figure. Approvers (stocktake.approve) always see the book.
 */
export async function getStocktake(db: Kysely<DB>, auth: AuthContext, st: StocktakeRow) {
  const showsBook = st.blind !== 1 || auth.can('stocktake.approve', st.store_id);
  const rows = await sql<{
    product_id: string;
    sku: string;
    name: string;
    unit: string;
    location_id: string;
    location_code: string;
    snapshot_qty: number;
    snapshot_value: number;
    counted: number | null;
    scans: number;
  }>`
    SELECT l.product_id, p.sku, p.name, p.unit, l.location_id, loc.code AS location_code, l.snapshot_qty, l.snapshot_value,
      c.counted, CAST(COALESCE(c.scans, 0) AS BIGINT) AS scans
    FROM stocktake_lines l
    JOIN products p ON p.id = l.product_id
    JOIN locations loc ON loc.id = l.location_id
    LEFT JOIN (SELECT product_id, location_id, CAST(SUM(qty) AS BIGINT) AS counted, COUNT(*) AS scans
               FROM stocktake_counts WHERE stocktake_id = ${st.id} GROUP BY product_id, location_id) c
      ON c.product_id = l.product_id AND c.location_id = l.location_id
    WHERE l.stocktake_id = ${st.id}
    ORDER BY p.sku, loc.code`.execute(db);
  const devices = await db.selectFrom('stocktake_counts').select('device').distinct().where('stocktake_id', '=', st.id).orderBy('device').execute();
  const lines = rows.rows.map((r) => ({
    ...lineIdentity(r),
    countedQty: r.counted === null ? null : Number(r.counted),
    scans: Number(r.scans),
    ...(showsBook ? { snapshotQty: Number(r.snapshot_qty), snapshotValue: Number(r.snapshot_value) } : {}),
  }));
  return {
    ...header(st),
    showsBook,
    summary: { lines: lines.length, countedLines: lines.filter((l) => l.countedQty !== null).length, devices: devices.map((d) => d.device) },
    lines,
  };
}

export async function listStocktakes(db: Kysely<DB>, auth: AuthContext, q: StocktakeListQuery) {
  let query = db.selectFrom('stocktakes').where('company_id', '=', auth.user.companyId);
  if (q.storeId) {
    auth.requireStore('stocktake.count', q.storeId);
    query = query.where('store_id', '=', q.storeId);
  } else {
    const scope = auth.storesWith('stocktake.count');
    if (scope !== 'all') {
      if (!scope.length) return { items: [], total: 0 };
      query = query.where('store_id', 'in', scope);
    }
  }
  if (q.status) query = query.where('status', '=', q.status);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .$call((qb) => orderBySort(qb, q.sort ?? '-startedAt', { startedAt: 'started_at', updatedAt: 'updated_at', status: 'status' }, 'id'))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: rows.map(header), total: Number(total) };
}

/**
 * The review: per line expected, counted, variance quantity and value, with totals. While counting
 * the figures are live (value at the current moving-average cost, what approval would post); once
 * approved they are the frozen figures the adjustment document posted.
 */
export async function stocktakeVariances(db: Kysely<DB>, st: StocktakeRow) {
  const rows = await sql<{
    product_id: string;
    location_id: string;
    sku: string;
    name: string;
    unit: string;
    location_code: string;
    snapshot_qty: number;
    snapshot_value: number;
    expected_qty: number | null;
    counted_qty: number | null;
    variance_value: number | null;
  }>`
    SELECT l.product_id, l.location_id, p.sku, p.name, p.unit, loc.code AS location_code, l.snapshot_qty, l.snapshot_value,
      l.expected_qty, l.counted_qty, l.variance_value
    FROM stocktake_lines l JOIN products p ON p.id = l.product_id JOIN locations loc ON loc.id = l.location_id
    WHERE l.stocktake_id = ${st.id}
    ORDER BY p.sku, loc.code`.execute(db);
  const live = st.status === 'approved' ? null : new Map((await computeVariances(db, st)).map((v) => [lineKey(v), v]));
  const lines = [];
  for (const r of rows.rows) {
    const v = live?.get(lineKey({ productId: r.product_id, locationId: r.location_id }));
    const expectedQty = v ? v.expectedQty : Number(r.expected_qty);
    const countedQty = v ? v.countedQty : r.counted_qty === null ? null : Number(r.counted_qty);
    const varianceQty = countedQty === null ? 0 : countedQty - expectedQty;
    lines.push({
      ...lineIdentity(r),
      snapshotQty: Number(r.snapshot_qty),
      snapshotValue: Number(r.snapshot_value),
      expectedQty,
      countedQty,
      varianceQty,
      varianceValue: live ? await varianceValue(db, st.store_id, r.product_id, varianceQty) : Number(r.variance_value ?? 0),
    });
  }
  const surplusValue = lines.reduce((s, l) => s + (l.varianceValue > 0 ? l.varianceValue : 0), 0);
  const shortageValue = lines.reduce((s, l) => s + (l.varianceValue < 0 ? -l.varianceValue : 0), 0);
  return {
    stocktakeId: st.id,
    status: st.status,
    scope: st.scope,
    lines,
    totals: {
      lines: lines.length,
      countedLines: lines.filter((l) => l.countedQty !== null).length,
      surplusLines: lines.filter((l) => l.varianceQty > 0).length,
      shortageLines: lines.filter((l) => l.varianceQty < 0).length,
      surplusValue,
      shortageValue,
      netValue: surplusValue - shortageValue,
    },
  };
}
