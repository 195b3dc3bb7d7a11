// The back-office dashboard (GET /dashboard, contracts/dashboard.ts) from the rollups: today by
// hour, the period by day and by store, the previous period (环比), best sellers, and the alert
// counts of the stock alerts and the offline sales review.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DashboardQuery } from '../../../contracts/analytics';
import type { Dashboard, DashboardAlerts, DashboardKpis } from '../../../contracts/dashboard';
import { addSums, salesFigures, ZERO_SUMS, type SalesSums } from '../../../core/analytics/sales-figures';
import { addDays } from '../../../core/time/calendar-date';
import { businessDate } from '../../../core/time/business-date';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import type { Clock } from '../../clock';
import { AlertsQuery } from '../../../contracts/inventory';
import type { InventoryDeps } from '../inventory/deps';
import { alerts } from '../inventory/alerts';
import { sumOf } from '../inventory/lookups';
import { productPeriodRows } from './product-period';
import { analyticsScope, checkPeriod, datesOf, previousPeriod, type ScopeStore } from './scope';

export interface DashboardDeps {
  db: Kysely<DB>;
  clock: Clock;
  inventory: InventoryDeps;
  catchUp: () => Promise<unknown>;
}

const DEFAULT_DAYS = 7;
const TOP_PRODUCTS = 10;

export async function dashboard(deps: DashboardDeps, auth: AuthContext, q: z.infer<typeof DashboardQuery>): Promise<Dashboard> {
  const { db } = deps;
  const scope = await analyticsScope(db, auth, q.storeId);
  // "Today" on the wall clock of the store shown (the first store when showing several).
  const today = businessDate(deps.clock(), scope.stores[0]?.timezone ?? 'Asia/Shanghai');
  const to = q.to ?? today;
  const period = checkPeriod(q.from ?? addDays(to, -(DEFAULT_DAYS - 1)), to);
  const previous = previousPeriod(period.from, period.days);
  await deps.catchUp();

  const readableIds = scope.readable.map((s) => s.id);
  const shownIds = new Set(scope.stores.map((s) => s.id));
  const byStoreDay = readableIds.length
    ? await db
        .selectFrom('rollup_till_hour')
        .select(['store_id', 'business_date', ...SUM_COLUMNS])
        .where('store_id', 'in', readableIds)
        .where('business_date', '>=', previous.from)
        .where('business_date', '<=', period.to)
        .groupBy(['store_id', 'business_date'])
        .execute()
    : [];

  let periodSums = ZERO_SUMS;
  let previousSums = ZERO_SUMS;
  const perDay = new Map<string, SalesSums>();
  const perStore = new Map<string, SalesSums>();
  for (const r of byStoreDay) {
    const sums = toSums(r);
    const inPeriod = r.business_date >= period.from;
    if (inPeriod) perStore.set(r.store_id, addSums(perStore.get(r.store_id) ?? ZERO_SUMS, sums));
    if (!shownIds.has(r.store_id)) continue;
    if (inPeriod) {
      periodSums = addSums(periodSums, sums);
      perDay.set(r.business_date, addSums(perDay.get(r.business_date) ?? ZERO_SUMS, sums));
    } else {
      previousSums = addSums(previousSums, sums);
    }
  }

  const shown = [...shownIds];
  const todayRows = shown.length
    ? await db
        .selectFrom('rollup_till_hour')
        .select(['hour', ...SUM_COLUMNS])
        .where('store_id', 'in', shown)
        .where('business_date', '=', today)
        .groupBy('hour')
        .execute()
    : [];
  let todaySums = ZERO_SUMS;
  const perHour = new Map<number, SalesSums>();
  for (const r of todayRows) {
    const sums = toSums(r);
    todaySums = addSums(todaySums, sums);
    perHour.set(Number(r.hour), sums);
  }

  return {
    storeId: scope.storeId,
    today,
    from: period.from,
    to: period.to,
    todayKpis: kpis(todaySums),
    period: kpis(periodSums),
    previousPeriod: kpis(previousSums),
    hourly: Array.from({ length: 24 }, (_, hour) => {
      const k = kpis(perHour.get(hour) ?? ZERO_SUMS);
      return { hour, netSales: k.netSales, tickets: k.tickets };
    }),
    daily: datesOf(period.from, period.to).map((date) => {
      const k = kpis(perDay.get(date) ?? ZERO_SUMS);
      return { date, netSales: k.netSales, grossProfit: k.grossProfit, tickets: k.tickets };
    }),
    topProducts: await topProducts(db, shown, period.from, period.to),
    stores: scope.readable
      .map((s) => {
        const k = kpis(perStore.get(s.id) ?? ZERO_SUMS);
        return { storeId: s.id, code: s.code, name: s.name, netSales: k.netSales, grossProfit: k.grossProfit, tickets: k.tickets, avgTicket: k.avgTicket };
      })
      .sort((a, b) => b.netSales - a.netSales || a.code.localeCompare(b.code)),
    alerts: await alertCounts(deps, auth, scope.stores),
  };
}

const SUM_COLUMNS = [
  sumOf('sales').as('sales'),
  sumOf('returns').as('returns'),
  sumOf('tax').as('tax'),
  sumOf('cost').as('cost'),
  sumOf('tickets').as('tickets'),
  sumOf('items').as('items'),
  sumOf('discounts').as('discounts'),
];

function toSums(r: Record<string, unknown>): SalesSums {
  return addSums(ZERO_SUMS, r as Partial<SalesSums>);
}

function kpis(s: SalesSums): DashboardKpis {
  const f = salesFigures(s);
  return {
    sales: f.sales,
    returns: f.returns,
    netSales: f.netSales,
    revenue: f.revenue,
    cost: f.cost,
    grossProfit: f.grossProfit,
    grossMarginBp: f.grossMarginBp,
    tickets: f.tickets,
    avgTicket: f.avgTicket,
  };
}

/** Best sellers by net sales of their lines (抹零 belongs to the receipt, not to a product); whole months from the month rollup. */
async function topProducts(db: Kysely<DB>, storeIds: string[], from: string, to: string) {
  if (!storeIds.length) return [];
  const rows = await db
    .selectFrom(productPeriodRows(db, storeIds, from, to).as('r'))
    .innerJoin('products as p', 'p.id', 'r.product_id')
    .select(['r.product_id', 'p.sku', 'p.name', sumOf('r.sold_qty').as('sold_qty'), sumOf('r.returned_qty').as('returned_qty'), sumOf('r.sales').as('sales'), sumOf('r.returns').as('returns'), sumOf('r.tax').as('tax'), sumOf('r.cost').as('cost')])
    .groupBy(['r.product_id', 'p.sku', 'p.name'])
    .execute();
  return rows
    .map((r) => {
      const netSales = Number(r.sales) - Number(r.returns);
      return { productId: r.product_id, sku: r.sku, name: r.name, qty: Number(r.sold_qty) - Number(r.returned_qty), netSales, grossProfit: netSales - Number(r.tax) - Number(r.cost) };
    })
    .sort((a, b) => b.netSales - a.netSales || a.sku.localeCompare(b.sku))
    .slice(0, TOP_PRODUCTS);
}

/**
 * Alert counts over the stores shown: the stock alerts (below minimum, near expiry or expired,
 * negative) where the caller may see stock, and offline sales with review flags not yet reviewed.
 */
async function alertCounts(deps: DashboardDeps, auth: AuthContext, stores: ScopeStore[]): Promise<DashboardAlerts> {
  const out: DashboardAlerts = { lowStock: 0, nearExpiry: 0, negativeStock: 0, offlineReview: 0 };
  const count = async (storeId: string, kind: 'below_min' | 'near_expiry' | 'expired' | 'negative_stock') =>
    (await alerts(deps.inventory, auth, AlertsQuery.parse({ storeId, kind, pageSize: 1 }))).total;
  for (const s of stores) {
    if (!auth.can('stock.read', s.id)) continue;
    out.lowStock += await count(s.id, 'below_min');
    out.nearExpiry += (await count(s.id, 'near_expiry')) + (await count(s.id, 'expired'));
    out.negativeStock += await count(s.id, 'negative_stock');
  }
  const ids = stores.map((s) => s.id);
  if (ids.length) {
    const row = await deps.db
      .selectFrom('sale_flags as f')
      .innerJoin('sales as s', 's.document_id', 'f.document_id')
      .leftJoin('sale_flag_reviews as r', (j) => j.onRef('r.document_id', '=', 'f.document_id').onRef('r.flag_no', '=', 'f.flag_no'))
      .select((eb) => eb.fn.count<number>('f.document_id').distinct().as('n'))
      .where('f.store_id', 'in', ids)
      .where('s.offline', '=', 1)
      .where('r.document_id', 'is', null)
      .executeTakeFirstOrThrow();
    out.offlineReview = Number(row.n);
  }
  return out;
}
