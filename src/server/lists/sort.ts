// One way to apply a list's `sort` parameter (contracts/common.ts sortParam): to a Kysely query,
// or to rows a list computes in memory (alerts). The id comes last in the same direction, so rows
// that tie on the sorted field keep one order and offset paging neither repeats nor skips a row.
import { sql, type Expression, type SelectQueryBuilder } from 'kysely';
import { parseSort, type SortValue } from '../../contracts/common';

/** A column reference ('p.sku') or an expression; several when the field orders by more than one. */
export type SortKey = string | Expression<unknown>;

export function orderBySort<QB extends SelectQueryBuilder<any, any, any>, F extends string>(
  query: QB,
  sort: SortValue<F>,
  keys: Record<F, SortKey | readonly SortKey[]>,
  tiebreaker: SortKey | readonly SortKey[],
): QB {
  const { field, direction } = parseSort(sort);
  let out = query;
  for (const key of [keys[field], tiebreaker].flat()) {
    out = out.orderBy(typeof key === 'string' ? sql.ref(key) : key, direction) as QB;
  }
  return out;
}

type Comparable = string | number | null;

/**
 * The same order for rows already in memory; strings compare by code point like SQLite's BINARY.
 * Rows that tie keep the order they came in (Array.prototype.sort is stable), so the caller's
 * natural order is the tiebreaker.
 */
export function sortRows<Row, F extends string>(rows: Row[], sort: SortValue<F>, keys: Record<F, (row: Row) => Comparable>): Row[] {
  const { field, direction } = parseSort(sort);
  const sign = direction === 'asc' ? 1 : -1;
  const cmp = (a: Comparable, b: Comparable) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
  return rows.sort((a, b) => sign * cmp(keys[field](a), keys[field](b)));
}
