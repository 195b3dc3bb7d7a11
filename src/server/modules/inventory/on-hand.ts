// What is on hand now: per product × location × batch, with its book value (Σ of its moves).
import { sql } from 'kysely';
import type { z } from 'zod';
import type { OnHandQuery } from '../../../contracts/inventory';
import type { AuthContext } from '../../auth/auth-context';
import type { InventoryDeps } from './deps';
import { orderBySort } from '../../lists/sort';
import { descendantsOf } from '../catalog/categories/tree';
import { containsPattern, requireStore, resolveLocation, sumOf } from './lookups';

const NO_EXPIRY_LAST = sql`COALESCE(bt.expiry_date, '9999-12-31')`;

export async function onHand(deps: InventoryDeps, auth: AuthContext, q: z.infer<typeof OnHandQuery>) {
  const { db } = deps;
  const companyId = auth.user.companyId;
  const store = await requireStore(db, auth, 'stock.read', q.storeId);
  if (q.locationId) await resolveLocation(db, store.id, q.locationId);
  const categories = q.categoryId ? await descendantsOf(db, companyId, q.categoryId) : null;

  let query = db
    .selectFrom('stock_balances as b')
    .innerJoin('products as p', 'p.id', 'b.product_id')
    .innerJoin('locations as l', 'l.id', 'b.location_id')
    .leftJoin('batches as bt', 'bt.id', 'b.batch_id')
    .where('b.store_id', '=', store.id)
    // A balance that has come back to nothing is history, not stock.
    .where((eb) => eb.or([eb('b.qty', '<>', 0), eb('b.cost_value', '<>', 0)]));
  if (q.locationId) query = query.where('b.location_id', '=', q.locationId);
  if (q.productId) query = query.where('b.product_id', '=', q.productId);
  if (categories) query = query.where('p.category_id', 'in', categories);
  if (q.q) {
    const text = q.q;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(p.search_text)`, 'like', sql`${containsPattern(text)} ESCAPE '\\'`),
        eb.exists(eb.selectFrom('barcodes as bc').select('bc.code').whereRef('bc.product_id', '=', 'p.id').where('bc.company_id', '=', companyId).where('bc.code', '=', text)),
      ]),
    );
  }

  const totals = await query.select((eb) => [eb.fn.countAll<number>().as('n'), sumOf('b.cost_value').as('value')]).executeTakeFirstOrThrow();
  const selected = query
    .select([
      'b.product_id',
      'p.sku',
      'p.name',
      'p.unit',
      'b.location_id',
      'l.code as location_code',
      'b.batch_id',
      'bt.lot',
      'bt.expiry_date',
      'b.qty',
      'b.cost_value',
    ]);
  const sorted = orderBySort(selected, q.sort ?? 'sku', {
    sku: ['p.sku', 'l.code', NO_EXPIRY_LAST],
    name: 'p.name',
    location: ['l.code', 'p.sku', NO_EXPIRY_LAST],
    expiryDate: [NO_EXPIRY_LAST, 'p.sku', 'l.code'],
    qty: 'b.qty',
    value: 'b.cost_value',
  }, ['b.product_id', 'b.location_id', 'b.batch_id']);
  const rows = await sorted
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      productId: r.product_id,
      sku: r.sku,
      name: r.name,
      unit: r.unit,
      locationId: r.location_id,
      locationCode: r.location_code,
      batchId: r.batch_id || null,
      lot: r.lot ?? null,
      expiryDate: r.expiry_date ?? null,
      qty: Number(r.qty),
      value: Number(r.cost_value),
    })),
    total: Number(totals.n),
    totalValue: Number(totals.value),
  };
}
