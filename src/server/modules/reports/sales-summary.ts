// Sales by business date for the report files (销售汇总): what the tills took, day by day. Read from
// `rollup_till_hour` (docs/analytics.md), caught up first, so the summary is a range scan of
// store × day × hour × cashier rows however many sales there are, and says exactly what the
// dashboard and the sales analytics say: a void takes its sale back out of sales and tickets, an
// exchange adds its new goods to sales and its refund to returns.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { badRequest, notFound } from '../../http/problem';
import { isCalendarDate } from '../../../core/time/calendar-date';
import { sumOf } from '../inventory/lookups';

export interface SalesSummaryDay {
  date: string;
  /** Sales receipts, less the voided ones (returns and exchanges are not tickets). */
  tickets: number;
  /** Amount due of sales and of exchanges' new goods, tax and 抹零 included, voids taken back out. */
  sales: number;
  /** Refunded by returns and exchanges (positive). */
  returns: number;
  /** sales − returns, tax included: Σ amount due of the till documents. */
  netSales: number;
  tax: number;
  /** netSales without output VAT. */
  revenue: number;
  cost: number;
  /** revenue − cost. */
  grossProfit: number;
}

export interface SalesSummary {
  from: string;
  to: string;
  storeId: string | null;
  days: SalesSummaryDay[];
  totals: Omit<SalesSummaryDay, 'date'>;
}

const ZERO: Omit<SalesSummaryDay, 'date'> = { tickets: 0, sales: 0, returns: 0, netSales: 0, tax: 0, revenue: 0, cost: 0, grossProfit: 0 };

/** `catchUp` rolls up every document committed before the read (`Rollups.catchUp`). */
export async function salesSummary(db: Kysely<DB>, auth: AuthContext, p: { storeId?: string; from: string; to: string }, catchUp: () => Promise<unknown>): Promise<SalesSummary> {
  if (!isCalendarDate(p.from)) throw badRequest('bad_date', `${p.from} is not a calendar date`, 'from');
  if (!isCalendarDate(p.to)) throw badRequest('bad_date', `${p.to} is not a calendar date`, 'to');
  if (p.from > p.to) throw badRequest('bad_period', 'from must not be after to', 'to');
  let stores: string[];
  if (p.storeId) {
    auth.requireStore('reports.read', p.storeId);
    const store = await db.selectFrom('stores').select('id').where('id', '=', p.storeId).where('company_id', '=', auth.user.companyId).executeTakeFirst();
    if (!store) throw notFound('Store', 'storeId');
    stores = [p.storeId];
  } else {
    const scope = auth.storesWith('reports.read');
    const all = (await db.selectFrom('stores').select('id').where('company_id', '=', auth.user.companyId).execute()).map((s) => s.id);
    stores = scope === 'all' ? all : all.filter((id) => scope.includes(id));
  }
  await catchUp();
  const rows = stores.length
    ? await db
        .selectFrom('rollup_till_hour')
        .select(['business_date', ...(['tickets', 'sales', 'returns', 'tax', 'cost'] as const).map((c) => sumOf(c).as(c))])
        .where('store_id', 'in', stores)
        .where('business_date', '>=', p.from)
        .where('business_date', '<=', p.to)
        .groupBy('business_date')
        .orderBy('business_date')
        .execute()
    : [];
  const days = new Map<string, SalesSummaryDay>();
  for (const r of rows) {
    const [tickets, sales, returns, tax, cost] = [r.tickets, r.sales, r.returns, r.tax, r.cost].map(Number);
    // A day whose receipts were all voided leaves zero rows behind: not a day of trading.
    if (!tickets && !sales && !returns && !tax && !cost) continue;
    const netSales = sales - returns;
    const revenue = netSales - tax;
    days.set(r.business_date, { date: r.business_date, tickets, sales, returns, netSales, tax, revenue, cost, grossProfit: revenue - cost });
  }
  const list = [...days.values()];
  const totals = { ...ZERO };
  for (const d of list) for (const k of Object.keys(ZERO) as (keyof typeof ZERO)[]) totals[k] += d[k];
  return { from: p.from, to: p.to, storeId: p.storeId ?? null, days: list, totals };
}
