// Per-product rollup rows covering a period: its whole calendar months from rollup_product_month,
// the days before the first and after the last whole month from rollup_product_day. A month of a
// chain is then stores × products rows instead of stores × days × products (the dashboard's best
// sellers read ~240 k day rows a month at 11.7 M sale lines), and the sums are exactly the day
// rows' sums: the catch-up adds the same per-product figures to both tables (rollup-sql.ts).
import type { Kysely } from 'kysely';
import { addDays } from '../../../core/time/calendar-date';
import type { DB } from '../../../db/schema';

export interface MonthSplit {
  /** Whole months inside the period, YYYY-MM, or null when it holds none. */
  months: { from: string; to: string } | null;
  /** What is left: at most the days before the first and after the last whole month. */
  days: { from: string; to: string }[];
}

/** The first day of the month after the one `date` is in. */
const nextMonthStart = (date: string) => `${addDays(`${date.slice(0, 7)}-28`, 4).slice(0, 7)}-01`;

export function splitByMonth(from: string, to: string): MonthSplit {
  const firstWhole = from.endsWith('-01') ? from : nextMonthStart(from);
  const lastWhole = nextMonthStart(to) === addDays(to, 1) ? to : addDays(`${to.slice(0, 7)}-01`, -1);
  if (firstWhole > lastWhole) return { months: null, days: [{ from, to }] };
  const days: MonthSplit['days'] = [];
  if (from < firstWhole) days.push({ from, to: addDays(firstWhole, -1) });
  if (lastWhole < to) days.push({ from: addDays(lastWhole, 1), to });
  return { months: { from: firstWhole.slice(0, 7), to: lastWhole.slice(0, 7) }, days };
}

const COLUMNS = ['product_id', 'sold_qty', 'returned_qty', 'sales', 'returns', 'tax', 'cost', 'discounts', 'lines'] as const;

/**
 * The rollup rows of `storeIds` × from..to (UNION ALL of month and day rows, several rows per
 * product): select from it `.as(alias)` and group by product_id. `storeIds` must not be empty.
 */
export function productPeriodRows(db: Kysely<DB>, storeIds: string[], from: string, to: string) {
  const split = splitByMonth(from, to);
  const dayRows = split.days.map((d) =>
    db.selectFrom('rollup_product_day').select(COLUMNS).where('store_id', 'in', storeIds).where('business_date', '>=', d.from).where('business_date', '<=', d.to),
  );
  const parts = split.months
    ? [db.selectFrom('rollup_product_month').select(COLUMNS).where('store_id', 'in', storeIds).where('month', '>=', split.months.from).where('month', '<=', split.months.to), ...dayRows]
    : dayRows;
  return parts.slice(1).reduce((all, part) => all.unionAll(part), parts[0]);
}
