// Per-product analytics over the product rollups (whole months by month, product-period.ts) and the stock balances: best sellers and slow
// movers, ABC analysis (A: the products making the first 80 % of revenue, B the next 15 %, C the
// last 5 %) and stock turnover with days of cover (stock valued at its balance cost value).
import type { Kysely } from 'kysely';
import { ratio } from '../../../core/analytics/sales-figures';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { sumOf } from '../inventory/lookups';
import { productPeriodRows } from './product-period';
import { analyticsScope, checkPeriod } from './scope';

export interface ProductFigures {
  productId: string;
  sku: string;
  name: string;
  /** Sold net of returns, thousandths. */
  qty: number;
  netSales: number;
  revenue: number;
  cost: number;
  grossProfit: number;
  grossMarginBp: number;
  onHandQty: number;
  stockValue: number;
}

interface PeriodQuery {
  storeId?: string;
  from: string;
  to: string;
}

/** Every product sold in the period or on hand now in the stores of the scope. */
async function productFigures(db: Kysely<DB>, auth: AuthContext, q: PeriodQuery, catchUp: () => Promise<unknown>) {
  const scope = await analyticsScope(db, auth, q.storeId);
  const period = checkPeriod(q.from, q.to);
  await catchUp();
  const stores = scope.stores.map((s) => s.id);
  if (!stores.length) return { scope, period, items: [] as ProductFigures[] };
  const [sold, stock] = await Promise.all([
    db
      .selectFrom(productPeriodRows(db, stores, period.from, period.to).as('r'))
      .select(['r.product_id', sumOf('r.sold_qty').as('sold_qty'), sumOf('r.returned_qty').as('returned_qty'), sumOf('r.sales').as('sales'), sumOf('r.returns').as('returns'), sumOf('r.tax').as('tax'), sumOf('r.cost').as('cost')])
      .groupBy('r.product_id')
      .execute(),
    db.selectFrom('stock_balances').select(['product_id', sumOf('qty').as('qty'), sumOf('cost_value').as('value')]).where('store_id', 'in', stores).groupBy('product_id').execute(),
  ]);
  const ids = [...new Set([...sold.map((r) => r.product_id), ...stock.map((r) => r.product_id)])];
  const names = new Map<string, { sku: string; name: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const p of await db.selectFrom('products').select(['id', 'sku', 'name']).where('id', 'in', ids.slice(i, i + 500)).execute()) names.set(p.id, p);
  }
  const soldBy = new Map(sold.map((r) => [r.product_id, r]));
  const stockBy = new Map(stock.map((r) => [r.product_id, r]));
  const items = ids.map((id): ProductFigures => {
    const s = soldBy.get(id);
    const b = stockBy.get(id);
    const netSales = Number(s?.sales ?? 0) - Number(s?.returns ?? 0);
    const revenue = netSales - Number(s?.tax ?? 0);
    const cost = Number(s?.cost ?? 0);
    return {
      productId: id,
      sku: names.get(id)?.sku ?? '',
      name: names.get(id)?.name ?? '',
      qty: Number(s?.sold_qty ?? 0) - Number(s?.returned_qty ?? 0),
      netSales,
      revenue,
      cost,
      grossProfit: revenue - cost,
      grossMarginBp: ratio(revenue - cost, revenue, 10_000),
      onHandQty: Number(b?.qty ?? 0),
      stockValue: Number(b?.value ?? 0),
    };
  });
  return { scope, period, items };
}

/** Best sellers by net sales, or slow movers: products on hand that sold least (by quantity). */
export async function productRanking(db: Kysely<DB>, auth: AuthContext, q: PeriodQuery & { sort: 'best' | 'slow'; limit: number }, catchUp: () => Promise<unknown>) {
  const { scope, period, items } = await productFigures(db, auth, q, catchUp);
  const ranked =
    q.sort === 'best'
      ? items.filter((i) => i.netSales !== 0 || i.qty !== 0).sort((a, b) => b.netSales - a.netSales || a.sku.localeCompare(b.sku))
      : items.filter((i) => i.onHandQty > 0).sort((a, b) => a.qty - b.qty || a.netSales - b.netSales || a.sku.localeCompare(b.sku));
  return { storeId: scope.storeId, from: period.from, to: period.to, sort: q.sort, items: ranked.slice(0, q.limit) };
}

export type AbcClass = 'A' | 'B' | 'C';

/**
 * ABC by revenue: products in descending revenue; a product is A while the revenue before it is
 * under 80 % of the total, B under 95 %, C after. Integer comparisons, so the cut is exact.
 */
export async function abcAnalysis(db: Kysely<DB>, auth: AuthContext, q: PeriodQuery, catchUp: () => Promise<unknown>) {
  const { scope, period, items } = await productFigures(db, auth, q, catchUp);
  const selling = items.filter((i) => i.revenue > 0).sort((a, b) => b.revenue - a.revenue || a.sku.localeCompare(b.sku));
  const total = selling.reduce((s, i) => s + i.revenue, 0);
  let before = 0;
  const rows = selling.map((i) => {
    const cls: AbcClass = before * 100 < total * 80 ? 'A' : before * 100 < total * 95 ? 'B' : 'C';
    before += i.revenue;
    return { ...i, class: cls, shareBp: ratio(i.revenue, total, 10_000), cumulativeShareBp: ratio(before, total, 10_000) };
  });
  const summary = (['A', 'B', 'C'] as const).map((c) => {
    const of = rows.filter((r) => r.class === c);
    const revenue = of.reduce((s, r) => s + r.revenue, 0);
    return { class: c, products: of.length, revenue, shareBp: ratio(revenue, total, 10_000) };
  });
  return { storeId: scope.storeId, from: period.from, to: period.to, totalRevenue: total, summary, items: rows };
}

/**
 * Stock turnover = cost of goods sold in the period / stock value now (thousandths: 2500 = 2.5
 * times); days of cover = stock value / average daily cost of goods sold (null without sales).
 */
export async function stockTurnover(db: Kysely<DB>, auth: AuthContext, q: PeriodQuery, catchUp: () => Promise<unknown>) {
  const { scope, period, items } = await productFigures(db, auth, q, catchUp);
  const row = (cost: number, stockValue: number) => ({
    turnoverMilli: ratio(cost, stockValue, 1000),
    daysOfCover: cost > 0 ? ratio(stockValue * period.days, cost) : null,
  });
  const rows = items
    .filter((i) => i.stockValue !== 0 || i.cost !== 0)
    .map((i) => ({ productId: i.productId, sku: i.sku, name: i.name, qty: i.qty, cost: i.cost, onHandQty: i.onHandQty, stockValue: i.stockValue, ...row(i.cost, i.stockValue) }))
    .sort((a, b) => (b.daysOfCover ?? Number.MAX_SAFE_INTEGER) - (a.daysOfCover ?? Number.MAX_SAFE_INTEGER) || a.sku.localeCompare(b.sku));
  const cost = rows.reduce((s, r) => s + r.cost, 0);
  const stockValue = rows.reduce((s, r) => s + r.stockValue, 0);
  return { storeId: scope.storeId, from: period.from, to: period.to, days: period.days, totals: { cost, stockValue, ...row(cost, stockValue) }, items: rows };
}
