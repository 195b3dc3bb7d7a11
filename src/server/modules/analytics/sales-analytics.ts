// Sales by one dimension over the rollups (GET /analytics/sales), with 环比 (previous period of the
// same length) or 同比 (same dates a year earlier) beside each row. Receipt dimensions (day, hour,
// weekday, store, cashier) read rollup_till_hour; product reads rollup_product_month for whole
// months and rollup_product_day for the other days (product-period.ts), category rollup_category_day,
// where "tickets" counts receipt lines with the product and 抹零 is not in the figures (it belongs
// to the receipt); payment reads rollup_payment_day (net amount taken per method, tenders counted).
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { AnalyticsDimension, CompareMode, SalesAnalytics, SalesAnalyticsQuery, SalesAnalyticsRow } from '../../../contracts/analytics';
import { addSums, salesFigures, ZERO_SUMS, type SalesSums } from '../../../core/analytics/sales-figures';
import { addDays, daysBetween } from '../../../core/time/calendar-date';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { sumOf } from '../inventory/lookups';
import { productPeriodRows } from './product-period';
import { analyticsScope, checkPeriod, datesOf, previousPeriod, yearBefore, type AnalyticsScope } from './scope';

type Query = z.infer<typeof SalesAnalyticsQuery>;

interface Keyed {
  key: string;
  sums: SalesSums;
}

export async function salesAnalytics(db: Kysely<DB>, auth: AuthContext, q: Query, catchUp: () => Promise<unknown>): Promise<SalesAnalytics> {
  const scope = await analyticsScope(db, auth, q.storeId);
  const period = checkPeriod(q.from, q.to);
  const other = q.compare === 'previous' ? previousPeriod(period.from, period.days) : q.compare === 'year' ? yearBefore(period.from, period.to) : null;
  await catchUp();

  const current = await sumsBy(db, scope, q.by, period.from, period.to);
  const compared = other ? await sumsBy(db, scope, q.by, other.from, other.to) : null;
  // Days line up by position in the period: the first day with the first day, and so on.
  const compareKey = (key: string) => (q.by === 'day' && other ? addDays(other.from, daysBetween(period.from, key)) : key);

  const keys = q.by === 'day' ? datesOf(period.from, period.to) : q.by === 'hour' ? range(24).map(String) : q.by === 'weekday' ? range(7).map((i) => String(i + 1)) : [...current.keys()];
  const labels = await labelsFor(db, scope, q.by, keys);
  const rows: SalesAnalyticsRow[] = keys.map((key) => ({
    key,
    label: labels.get(key) ?? key,
    ...salesFigures(current.get(key) ?? ZERO_SUMS),
    ...(compared ? { compare: salesFigures(compared.get(compareKey(key)) ?? ZERO_SUMS) } : {}),
  }));
  if (!FIXED_ORDER.has(q.by)) rows.sort((a, b) => b.netSales - a.netSales || a.label.localeCompare(b.label));

  return {
    by: q.by,
    storeId: scope.storeId,
    from: period.from,
    to: period.to,
    compare: q.compare as CompareMode,
    compareFrom: other?.from ?? null,
    compareTo: other?.to ?? null,
    rows,
    totals: salesFigures(total(current)),
    compareTotals: compared ? salesFigures(total(compared)) : null,
  };
}

const FIXED_ORDER = new Set<AnalyticsDimension>(['day', 'hour', 'weekday']);

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function total(m: Map<string, SalesSums>): SalesSums {
  let s = ZERO_SUMS;
  for (const v of m.values()) s = addSums(s, v);
  return s;
}

/** ISO weekday of a date, 1 = Monday … 7 = Sunday. */
function weekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

const TILL_SUMS = ['sales', 'returns', 'tax', 'cost', 'tickets', 'items', 'discounts'] as const;

/** Summed figures per key of the dimension over from..to, for the stores of the scope. */
export async function sumsBy(db: Kysely<DB>, scope: AnalyticsScope, by: AnalyticsDimension, from: string, to: string): Promise<Map<string, SalesSums>> {
  const stores = scope.stores.map((s) => s.id);
  const out = new Map<string, SalesSums>();
  if (!stores.length) return out;
  const put = (rows: Keyed[]) => {
    for (const r of rows) out.set(r.key, addSums(out.get(r.key) ?? ZERO_SUMS, r.sums));
  };

  if (by === 'product' || by === 'category') {
    const figures = [
      sumOf('sales').as('sales'),
      sumOf('returns').as('returns'),
      sumOf('tax').as('tax'),
      sumOf('cost').as('cost'),
      sumOf('lines').as('tickets'),
      sql<number>`CAST(COALESCE(SUM(sold_qty - returned_qty), 0) AS BIGINT)`.as('items'),
      sumOf('discounts').as('discounts'),
    ];
    const rows =
      by === 'product'
        ? await db
            .selectFrom(productPeriodRows(db, stores, from, to).as('r'))
            .select([sql<string | null>`product_id`.as('k'), ...figures])
            .groupBy('product_id')
            .execute()
        : await db
            .selectFrom('rollup_category_day')
            .select([sql<string | null>`category_id`.as('k'), ...figures])
            .where('store_id', 'in', stores)
            .where('business_date', '>=', from)
            .where('business_date', '<=', to)
            .groupBy('category_id')
            .execute();
    put(rows.map((r) => ({ key: r.k ?? '', sums: addSums(ZERO_SUMS, r) })));
    return out;
  }

  if (by === 'payment') {
    const rows = await db
      .selectFrom('rollup_payment_day')
      .select(['method', sumOf('amount').as('amount'), sumOf('payments').as('payments')])
      .where('store_id', 'in', stores)
      .where('business_date', '>=', from)
      .where('business_date', '<=', to)
      .groupBy('method')
      .execute();
    put(rows.map((r) => ({ key: r.method, sums: { ...ZERO_SUMS, sales: Number(r.amount), tickets: Number(r.payments) } })));
    return out;
  }

  const col = { day: 'business_date', weekday: 'business_date', hour: 'hour', store: 'store_id', cashier: 'cashier_id' }[by];
  const rows = await db
    .selectFrom('rollup_till_hour')
    .select([sql<string | number>`${sql.ref(col)}`.as('k'), ...TILL_SUMS.map((c) => sumOf(c).as(c))])
    .where('store_id', 'in', stores)
    .where('business_date', '>=', from)
    .where('business_date', '<=', to)
    .groupBy(sql.ref(col))
    .execute();
  put(rows.map((r) => ({ key: by === 'weekday' ? String(weekday(String(r.k))) : String(r.k), sums: addSums(ZERO_SUMS, r) })));
  return out;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** What each key is called: store code and name, the cashier's name, product SKU and name… */
async function labelsFor(db: Kysely<DB>, scope: AnalyticsScope, by: AnalyticsDimension, keys: string[]): Promise<Map<string, string>> {
  const ids = keys.filter((k) => k !== '');
  if (by === 'store') return new Map(scope.readable.map((s) => [s.id, `${s.code} ${s.name}`]));
  if (by === 'hour') return new Map(keys.map((k) => [k, `${k.padStart(2, '0')}:00`]));
  if (by === 'weekday') return new Map(keys.map((k) => [k, WEEKDAYS[Number(k) - 1]]));
  if (!ids.length) return new Map([['', '—']]);
  if (by === 'cashier') return new Map((await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute()).map((u) => [u.id, u.display_name]));
  if (by === 'product') return new Map((await db.selectFrom('products').select(['id', 'sku', 'name']).where('id', 'in', ids).execute()).map((p) => [p.id, `${p.sku} ${p.name}`]));
  if (by === 'category') return new Map([['', '—'], ...(await db.selectFrom('categories').select(['id', 'code', 'name']).where('id', 'in', ids).execute()).map((c) => [c.id, `${c.code} ${c.name}`] as [string, string])]);
  return new Map();
}
