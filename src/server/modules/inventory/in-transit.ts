// Goods on their way to a store: what transfers shipped to it and it has not received yet.
// Read-only over the transfer workflow's tables (the transfers module owns them).
import { sql } from 'kysely';
import type { z } from 'zod';
import type { InTransitQuery } from '../../../contracts/inventory';
import type { AuthContext } from '../../auth/auth-context';
import type { InventoryDeps } from './deps';
import { requireStore } from './lookups';

/** Transfer statuses with goods still on the road. */
export const IN_TRANSIT_STATUSES = ['shipped', 'partially_received'] as const;

export async function inTransit(deps: InventoryDeps, auth: AuthContext, q: z.infer<typeof InTransitQuery>) {
  const { db } = deps;
  const store = await requireStore(db, auth, 'stock.read', q.storeId);
  let query = db
    .selectFrom('transfers as t')
    .innerJoin('transfer_lines as tl', 'tl.transfer_id', 't.id')
    .innerJoin('products as p', 'p.id', 'tl.product_id')
    .innerJoin('stores as fs', 'fs.id', 't.from_store_id')
    .leftJoin('batches as bt', 'bt.id', 'tl.batch_id')
    .where('t.company_id', '=', auth.user.companyId)
    .where('t.to_store_id', '=', store.id)
    .where('t.status', 'in', [...IN_TRANSIT_STATUSES])
    .where(sql<boolean>`tl.qty_shipped > tl.qty_received`);
  if (q.productId) query = query.where('tl.product_id', '=', q.productId);

  const totals = await query
    .select((eb) => [eb.fn.countAll<number>().as('n'), sql<number>`CAST(COALESCE(SUM(tl.cost_value - tl.cost_received), 0) AS BIGINT)`.as('value')])
    .executeTakeFirstOrThrow();
  const rows = await query
    .select([
      't.id as transfer_id',
      't.from_store_id',
      'fs.code as from_store_code',
      't.status',
      't.created_at',
      'tl.line_no',
      'tl.product_id',
      'p.sku',
      'p.name',
      'p.unit',
      'tl.batch_id',
      'bt.lot',
      'bt.expiry_date',
      'tl.qty_shipped',
      'tl.qty_received',
      'tl.cost_value',
      'tl.cost_received',
    ])
    .orderBy('t.created_at')
    .orderBy('t.id')
    .orderBy('tl.line_no')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      transferId: r.transfer_id,
      lineNo: Number(r.line_no),
      fromStoreId: r.from_store_id,
      fromStoreCode: r.from_store_code,
      status: r.status,
      createdAt: r.created_at,
      productId: r.product_id,
      sku: r.sku,
      name: r.name,
      unit: r.unit,
      batchId: r.batch_id || null,
      lot: r.lot ?? null,
      expiryDate: r.expiry_date ?? null,
      qtyShipped: Number(r.qty_shipped),
      qtyReceived: Number(r.qty_received),
      qtyInTransit: Number(r.qty_shipped) - Number(r.qty_received),
      value: Number(r.cost_value) - Number(r.cost_received),
    })),
    total: Number(totals.n),
    totalValue: Number(totals.value),
  };
}
