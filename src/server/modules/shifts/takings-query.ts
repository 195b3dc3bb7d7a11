// Reads what the takings of some shifts are made of (the X report of one shift, the day close of
// all shifts of a store's business date): the `sales` rows grouped by kind (sale, return,
// exchange, void: every checkout document writes one, signed), the tenders in `sale_payments`
// grouped by method, the discounts of their lines, and the paid-in / paid-out recorded in each
// shift (shift_cash_movements). The adding up is the core's `summarizeTakings`.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { KindTotals, MethodTotals, TakingsInput } from '../../../core/shifts/takings';
import type { DB, ShiftsTable } from '../../../db/schema';

/**
 * `only`: just these till documents of the shifts (the late offline sales of a closed shift), with
 * no float and no paid-in / paid-out.
 */
export async function readTakings(db: Kysely<DB>, shifts: readonly Selectable<ShiftsTable>[], only?: readonly string[]): Promise<TakingsInput> {
  const ids = shifts.map((s) => s.id);
  if (!ids.length || (only && !only.length)) return { openingFloat: 0, kinds: [], methods: [], paidIn: 0, paidOut: 0 };

  const kindRows = await db
    .selectFrom('sales')
    .where('shift_id', 'in', ids)
    .$if(only !== undefined, (q) => q.where('document_id', 'in', only!))
    .groupBy('kind')
    .select([
      'kind',
      sql<string>`COUNT(*)`.as('count'),
      sql<string>`SUM(due)`.as('due'),
      sql<string>`SUM(rounding)`.as('rounding'),
      sql<string>`SUM(tax)`.as('tax'),
      sql<string>`SUM(change)`.as('change'),
    ])
    .execute();

  // Discounts sit in the lines' data (lineDiscount, orderDiscountShare), signed like the line.
  const discountByKind = new Map<string, number>();
  const lines = await db
    .selectFrom('document_lines')
    .innerJoin('sales', 'sales.document_id', 'document_lines.document_id')
    .where('sales.shift_id', 'in', ids)
    .$if(only !== undefined, (q) => q.where('sales.document_id', 'in', only!))
    .where('document_lines.data_json', 'is not', null)
    .select(['sales.kind', 'document_lines.data_json'])
    .execute();
  for (const l of lines) {
    const data = JSON.parse(l.data_json!) as { lineDiscount?: unknown; orderDiscountShare?: unknown };
    const discount = fen(data.lineDiscount) + fen(data.orderDiscountShare);
    discountByKind.set(l.kind, (discountByKind.get(l.kind) ?? 0) + discount);
  }

  const kinds: KindTotals[] = kindRows.map((r) => ({
    kind: r.kind,
    count: Number(r.count),
    due: Number(r.due),
    rounding: Number(r.rounding),
    tax: Number(r.tax),
    change: Number(r.change),
    discount: discountByKind.get(r.kind) ?? 0,
  }));

  const methodRows = await db
    .selectFrom('sale_payments')
    .where('shift_id', 'in', ids)
    .$if(only !== undefined, (q) => q.where('document_id', 'in', only!))
    .groupBy('method')
    .select([
      'method',
      sql<string>`COUNT(*)`.as('count'),
      sql<string>`SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END)`.as('received'),
      sql<string>`SUM(CASE WHEN amount < 0 THEN -amount ELSE 0 END)`.as('refunded'),
    ])
    .execute();
  const methods: MethodTotals[] = methodRows.map((r) => ({ method: r.method, count: Number(r.count), received: Number(r.received), refunded: Number(r.refunded) }));

  // Paid-in / paid-out carry the shift that was open on the register when they were posted (0014).
  let paidIn = 0;
  let paidOut = 0;
  if (only) return { openingFloat: 0, kinds, methods, paidIn, paidOut };
  const moved = await db
    .selectFrom('shift_cash_movements')
    .where('shift_id', 'in', ids)
    .groupBy('direction')
    .select(['direction', sql<string>`SUM(amount)`.as('total')])
    .execute();
  for (const r of moved) {
    if (r.direction === 'in') paidIn += Number(r.total);
    else paidOut += Number(r.total);
  }

  return { openingFloat: shifts.reduce((sum, s) => sum + Number(s.opening_float), 0), kinds, methods, paidIn, paidOut };
}

function fen(v: unknown): number {
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : 0;
}
