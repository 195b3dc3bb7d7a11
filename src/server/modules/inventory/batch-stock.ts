// Stock by batch and expiry: every batch with stock in the store, soonest expiry first, with the
// days left counted from today in the store's time zone (negative = already expired).
import { sql } from 'kysely';
import type { z } from 'zod';
import { addDays, daysBetween } from '../../../core/time/calendar-date';
import type { BatchStockQuery } from '../../../contracts/inventory';
import type { AuthContext } from '../../auth/auth-context';
import { orderBySort } from '../../lists/sort';
import type { InventoryDeps } from './deps';
import { requireStore, resolveLocation, storeToday, sumOf } from './lookups';

export async function batchStock(deps: InventoryDeps, auth: AuthContext, q: z.infer<typeof BatchStockQuery>) {
  const { db } = deps;
  const store = await requireStore(db, auth, 'stock.read', q.storeId);
  if (q.locationId) await resolveLocation(db, store.id, q.locationId);
  const today = storeToday(store, deps.clock());

  let grouped = db
    .selectFrom('stock_balances as b')
    .innerJoin('batches as bt', 'bt.id', 'b.batch_id')
    .innerJoin('products as p', 'p.id', 'b.product_id')
    .where('b.store_id', '=', store.id)
    .select(['bt.id as batch_id', 'bt.lot', 'bt.production_date', 'bt.expiry_date', 'b.product_id', 'p.sku', 'p.name', 'p.unit', sumOf('b.qty').as('qty'), sumOf('b.cost_value').as('value')])
    .groupBy(['bt.id', 'bt.lot', 'bt.production_date', 'bt.expiry_date', 'b.product_id', 'p.sku', 'p.name', 'p.unit'])
    .having(sql<boolean>`SUM(b.qty) > 0`);
  if (q.locationId) grouped = grouped.where('b.location_id', '=', q.locationId);
  if (q.productId) grouped = grouped.where('b.product_id', '=', q.productId);
  if (q.withinDays !== undefined) grouped = grouped.where('bt.expiry_date', '<=', addDays(today, q.withinDays));

  const { n } = await db.selectFrom(grouped.as('g')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const noExpiryLast = sql`COALESCE(g.expiry_date, '9999-12-31')`;
  const all = db.selectFrom(grouped.as('g')).selectAll();
  const rows = await orderBySort(all, q.sort ?? 'expiryDate', {
    expiryDate: [noExpiryLast, 'g.sku', 'g.lot'],
    sku: ['g.sku', noExpiryLast, 'g.lot'],
    name: 'g.name',
    lot: 'g.lot',
    qty: 'g.qty',
    value: 'g.value',
  }, 'g.batch_id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    today,
    items: rows.map((r) => ({
      batchId: r.batch_id,
      lot: r.lot,
      productId: r.product_id,
      sku: r.sku,
      name: r.name,
      unit: r.unit,
      productionDate: r.production_date,
      expiryDate: r.expiry_date,
      daysToExpiry: r.expiry_date ? daysBetween(today, r.expiry_date) : null,
      qty: Number(r.qty),
      value: Number(r.value),
    })),
    total: Number(n),
  };
}
