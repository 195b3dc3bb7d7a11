// Stock alerts for one store (库存预警): below minimum, over maximum (stock_limits), near expiry by
// threshold, expired stock still on hand, negative stock, and slow movers. Computed on request
// from balances, batches and moves, so an alert disappears as soon as its cause is fixed.
import { sql } from 'kysely';
import type { z } from 'zod';
import { daysBetween } from '../../../core/time/calendar-date';
import type { ALERT_KINDS, ALERT_SEVERITIES, AlertsQuery, StockAlert } from '../../../contracts/inventory';
import type { AuthContext } from '../../auth/auth-context';
import { sortRows } from '../../lists/sort';
import type { InventoryDeps } from './deps';
import { requireStore, storeToday, sumOf } from './lookups';

export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export type Alert = StockAlert;

/** Days before expiry that raise info, warning and critical alerts. */
export const NEAR_EXPIRY_DEFAULT_DAYS = [30, 15, 7] as const;

/**
 * Document types whose outgoing moves count as selling for the slow-mover alert: sales only, so
 * write-offs and transfers out do not make a product look alive.
 */
export const SLOW_MOVER_DOCUMENT_TYPES: readonly string[] = ['sale'];

const SEVERITY_ORDER: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 };
const SEVERITY_BY_THRESHOLD: AlertSeverity[] = ['critical', 'warning', 'info'];

type Query = z.infer<typeof AlertsQuery>;

export async function alerts(deps: InventoryDeps, auth: AuthContext, q: Query) {
  const { db } = deps;
  const store = await requireStore(db, auth, 'stock.read', q.storeId);
  const today = storeToday(store, deps.clock());
  const thresholds = nearExpiryThresholds(q.nearExpiryDays);
  const base = { storeId: store.id };
  const wanted = (k: AlertKind) => q.kind === undefined || q.kind === k;
  const out: Alert[] = [];

  // Store totals per product: limits and slow movers are about the store, not one shelf.
  const productQty = db
    .selectFrom('stock_balances')
    .where('store_id', '=', store.id)
    .select(['product_id', sumOf('qty').as('qty')])
    .groupBy('product_id');

  if (wanted('below_min') || wanted('over_max')) {
    const rows = await db
      .selectFrom('stock_limits as sl')
      .innerJoin('products as p', 'p.id', 'sl.product_id')
      .leftJoin(productQty.as('pq'), 'pq.product_id', 'sl.product_id')
      .where('sl.store_id', '=', store.id)
      .select(['sl.product_id', 'p.sku', 'p.name', 'sl.min_qty', 'sl.max_qty', sql<number>`COALESCE(pq.qty, 0)`.as('qty')])
      .execute();
    for (const r of rows) {
      const qty = Number(r.qty);
      const min = Number(r.min_qty);
      const max = Number(r.max_qty);
      const product = { productId: r.product_id, sku: r.sku, name: r.name };
      if (wanted('below_min') && min > 0 && qty < min) {
        out.push({ kind: 'below_min', severity: qty <= 0 ? 'critical' : 'warning', ...base, ...product, qty, detail: { minQty: min, shortBy: min - qty } });
      }
      if (wanted('over_max') && max > 0 && qty > max) {
        out.push({ kind: 'over_max', severity: 'info', ...base, ...product, qty, detail: { maxQty: max, overBy: qty - max } });
      }
    }
  }

  if (wanted('near_expiry') || wanted('expired')) {
    const horizon = thresholds[0] ?? 0;
    const rows = await db
      .selectFrom('stock_balances as b')
      .innerJoin('batches as bt', 'bt.id', 'b.batch_id')
      .innerJoin('products as p', 'p.id', 'b.product_id')
      .where('b.store_id', '=', store.id)
      .where('b.qty', '>', 0)
      .where('bt.expiry_date', 'is not', null)
      .select(['b.product_id', 'p.sku', 'p.name', 'b.location_id', 'b.batch_id', 'bt.lot', 'bt.expiry_date', 'b.qty'])
      .execute();
    for (const r of rows) {
      const days = daysBetween(today, r.expiry_date as string);
      const common = { ...base, productId: r.product_id, sku: r.sku, name: r.name, locationId: r.location_id, batchId: r.batch_id, qty: Number(r.qty) };
      const detail = { lot: r.lot, expiryDate: r.expiry_date, daysToExpiry: days };
      if (days < 0) {
        if (wanted('expired')) out.push({ kind: 'expired', severity: 'critical', ...common, detail });
      } else if (days <= horizon && wanted('near_expiry')) {
        out.push({ kind: 'near_expiry', severity: severityFor(days, thresholds), ...common, detail: { ...detail, thresholds } });
      }
    }
  }

  if (wanted('negative_stock')) {
    const rows = await db
      .selectFrom('stock_balances as b')
      .innerJoin('products as p', 'p.id', 'b.product_id')
      .leftJoin('batches as bt', 'bt.id', 'b.batch_id')
      .where('b.store_id', '=', store.id)
      .where('b.qty', '<', 0)
      .select(['b.product_id', 'p.sku', 'p.name', 'b.location_id', 'b.batch_id', 'bt.lot', 'b.qty', 'b.cost_value'])
      .execute();
    for (const r of rows) {
      out.push({
        kind: 'negative_stock',
        severity: 'critical',
        ...base,
        productId: r.product_id,
        sku: r.sku,
        name: r.name,
        locationId: r.location_id,
        ...(r.batch_id ? { batchId: r.batch_id } : {}),
        qty: Number(r.qty),
        detail: { lot: r.lot ?? null, value: Number(r.cost_value) },
      });
    }
  }

  if (wanted('slow_mover')) out.push(...(await slowMovers(deps, store.id, today, q.slowDays)));

  out.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.kind.localeCompare(b.kind) ||
      a.sku.localeCompare(b.sku) ||
      (a.locationId ?? '').localeCompare(b.locationId ?? '') ||
      (a.batchId ?? '').localeCompare(b.batchId ?? ''),
  );
  sortRows(out, q.sort ?? 'severity', { severity: (a) => SEVERITY_ORDER[a.severity], kind: (a) => a.kind, sku: (a) => a.sku, name: (a) => a.name, qty: (a) => a.qty });
  const start = (q.page - 1) * q.pageSize;
  return { today, items: out.slice(start, start + q.pageSize), total: out.length };
}

/**
 * Products with stock and no selling move for `days` days. The clock starts at the last outgoing
 * move of a counted type or, for a product that never sold, at its first move into the store.
 */
async function slowMovers(deps: InventoryDeps, storeId: string, today: string, days: number): Promise<Alert[]> {
  const { db } = deps;
  const counted = sql<string | null>`MAX(CASE WHEN m.qty < 0 AND d.type IN (${sql.join([...SLOW_MOVER_DOCUMENT_TYPES])}) THEN m.business_date END)`;
  const rows = await db
    .selectFrom('stock_moves as m')
    .innerJoin('documents as d', 'd.id', 'm.document_id')
    .innerJoin('products as p', 'p.id', 'm.product_id')
    .where('m.store_id', '=', storeId)
    .select([
      'm.product_id',
      'p.sku',
      'p.name',
      sumOf('m.qty').as('qty'),
      counted.as('last_out'),
      sql<string>`MIN(CASE WHEN m.qty > 0 THEN m.business_date END)`.as('first_in'),
    ])
    .groupBy(['m.product_id', 'p.sku', 'p.name'])
    .having(sql<boolean>`SUM(m.qty) > 0`)
    .execute();
  const out: Alert[] = [];
  for (const r of rows) {
    const since = r.last_out ?? r.first_in;
    if (!since) continue;
    const idle = daysBetween(since, today);
    if (idle < days) continue;
    out.push({
      kind: 'slow_mover',
      severity: 'info',
      storeId,
      productId: r.product_id,
      sku: r.sku,
      name: r.name,
      qty: Number(r.qty),
      detail: { lastOutgoingDate: r.last_out ?? null, since, daysWithoutSale: idle, slowDays: days },
    });
  }
  return out;
}

/** "30,15,7" (any order, up to three) → [30, 15, 7]: largest first, duplicates dropped. */
export function nearExpiryThresholds(param: string | undefined): number[] {
  if (param === undefined) return [...NEAR_EXPIRY_DEFAULT_DAYS];
  return [...new Set(param.split(',').map(Number))].sort((a, b) => b - a);
}

/** The smallest threshold reached is critical, the next warning, the next info. */
function severityFor(days: number, thresholds: number[]): AlertSeverity {
  const ascending = [...thresholds].reverse();
  const i = ascending.findIndex((t) => days <= t);
  return SEVERITY_BY_THRESHOLD[i] ?? 'info';
}
