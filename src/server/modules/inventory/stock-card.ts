// Stock card (库存台账 / 商品明细账): every move of one product in a store over a date range, with
// running quantity and value that start from the balance before the range. Pages carry the
// running balance over: each page starts where the previous one ended.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { StockCardQuery } from '../../../contracts/inventory';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { badRequest } from '../../http/problem';
import type { InventoryDeps } from './deps';
import { requireProduct, requireStore, resolveLocation, sumOf } from './lookups';

type Query = z.infer<typeof StockCardQuery>;

export async function stockCard(deps: InventoryDeps, auth: AuthContext, q: Query) {
  const { db } = deps;
  const store = await requireStore(db, auth, 'stock.read', q.storeId);
  const product = await requireProduct(db, auth.user.companyId, q.productId);
  if (q.locationId) await resolveLocation(db, store.id, q.locationId);
  if (q.from && q.to && q.to < q.from) throw badRequest('date_range_invalid', '`to` is before `from`', 'to');

  const scope = (qb: Kysely<DB>) => {
    let s = qb.selectFrom('stock_moves as m').where('m.store_id', '=', store.id).where('m.product_id', '=', product.id);
    if (q.locationId) s = s.where('m.location_id', '=', q.locationId);
    return s;
  };
  const inRange = () => {
    let s = scope(db);
    if (q.from) s = s.where('m.business_date', '>=', q.from);
    if (q.to) s = s.where('m.business_date', '<=', q.to);
    return s;
  };

  const opening = q.from
    ? await scope(db).where('m.business_date', '<', q.from).select([sumOf('m.qty').as('qty'), sumOf('m.cost_value').as('value')]).executeTakeFirstOrThrow()
    : { qty: 0, value: 0 };
  const range = await inRange().select((eb) => [eb.fn.countAll<number>().as('n'), sumOf('m.qty').as('qty'), sumOf('m.cost_value').as('value')]).executeTakeFirstOrThrow();

  const offset = (q.page - 1) * q.pageSize;
  // Σ of the moves on earlier pages, in the same order the pages are cut in.
  const before = offset
    ? await db
        .selectFrom(inRange().select(['m.qty', 'm.cost_value']).orderBy('m.business_date').orderBy('m.posted_at').orderBy('m.document_id').orderBy('m.move_no').limit(offset).as('e'))
        .select([sumOf('e.qty').as('qty'), sumOf('e.cost_value').as('value')])
        .executeTakeFirstOrThrow()
    : { qty: 0, value: 0 };

  const rows = await inRange()
    .innerJoin('documents as d', 'd.id', 'm.document_id')
    .innerJoin('locations as l', 'l.id', 'm.location_id')
    .leftJoin('batches as bt', 'bt.id', 'm.batch_id')
    .select([
      'm.business_date',
      'm.posted_at',
      'm.document_id',
      'd.number',
      'd.type',
      'm.move_no',
      'm.location_id',
      'l.code as location_code',
      'm.batch_id',
      'bt.lot',
      'm.qty',
      'm.cost_value',
    ])
    .orderBy('m.business_date')
    .orderBy('m.posted_at')
    .orderBy('m.document_id')
    .orderBy('m.move_no')
    .limit(q.pageSize)
    .offset(offset)
    .execute();

  let runningQty = Number(opening.qty) + Number(before.qty);
  let runningValue = Number(opening.value) + Number(before.value);
  const items = rows.map((r) => {
    const qty = Number(r.qty);
    const value = Number(r.cost_value);
    runningQty += qty;
    runningValue += value;
    return {
      businessDate: r.business_date,
      postedAt: r.posted_at,
      documentId: r.document_id,
      documentNumber: r.number,
      documentType: r.type,
      moveNo: Number(r.move_no),
      locationId: r.location_id,
      locationCode: r.location_code,
      batchId: r.batch_id || null,
      lot: r.lot ?? null,
      qtyIn: qty > 0 ? qty : 0,
      qtyOut: qty < 0 ? -qty : 0,
      value,
      runningQty,
      runningValue,
    };
  });
  return {
    storeId: store.id,
    productId: product.id,
    sku: product.sku,
    name: product.name,
    unit: product.unit,
    from: q.from ?? null,
    to: q.to ?? null,
    opening: { qty: Number(opening.qty), value: Number(opening.value) },
    closing: { qty: Number(opening.qty) + Number(range.qty), value: Number(opening.value) + Number(range.value) },
    items,
    total: Number(range.n),
  };
}
