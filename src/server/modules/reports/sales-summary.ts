// Sales by business date for the report files (销售汇总): what the tills took, day by day, from the
// `sales` rows every checkout document writes (returns and voids signed negative).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { badRequest, notFound } from '../../http/problem';
import { isCalendarDate } from '../../../core/time/calendar-date';

export interface SalesSummaryDay {
  date: string;
  /** Sale documents (returns, exchanges and voids are not tickets). */
  tickets: number;
  /** Amount due of sales, tax included. */
  sales: number;
  /** Refunded by returns and voids (positive). */
  returns: number;
  /** Net amount due of exchanges (signed: the customer paid more, or got money back). */
  exchanges: number;
  /** sales − returns + exchanges, tax included. */
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

const ZERO: Omit<SalesSummaryDay, 'date'> = { tickets: 0, sales: 0, returns: 0, exchanges: 0, netSales: 0, tax: 0, revenue: 0, cost: 0, grossProfit: 0 };

export async function salesSummary(db: Kysely<DB>, auth: AuthContext, p: { storeId?: string; from: string; to: string }): Promise<SalesSummary> {
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
  const rows = stores.length
    ? await db
        .selectFrom('sales as s')
        .innerJoin('documents as d', 'd.id', 's.document_id')
        .where('s.store_id', 'in', stores)
        .where('d.business_date', '>=', p.from)
        .where('d.business_date', '<=', p.to)
        .groupBy(['d.business_date', 's.kind'])
        .select([
          'd.business_date',
          's.kind',
          sql<string>`COUNT(*)`.as('count'),
          sql<string>`SUM(s.due)`.as('due'),
          sql<string>`SUM(s.tax)`.as('tax'),
          sql<string>`SUM(s.cost)`.as('cost'),
        ])
        .orderBy('d.business_date')
        .execute()
    : [];
  const days = new Map<string, SalesSummaryDay>();
  for (const r of rows) {
    const d = days.get(r.business_date) ?? { date: r.business_date, ...ZERO };
    const due = Number(r.due);
    if (r.kind === 'sale') {
      d.tickets += Number(r.count);
      d.sales += due;
    } else if (r.kind === 'exchange') d.exchanges += due;
    else d.returns -= due;
    d.netSales += due;
    d.tax += Number(r.tax);
    d.cost += Number(r.cost);
    d.revenue = d.netSales - d.tax;
    d.grossProfit = d.revenue - d.cost;
    days.set(r.business_date, d);
  }
  const list = [...days.values()];
  const totals = { ...ZERO };
  for (const d of list) for (const k of Object.keys(ZERO) as (keyof typeof ZERO)[]) totals[k] += d[k];
  return { from: p.from, to: p.to, storeId: p.storeId ?? null, days: list, totals };
}
