// Batches (lots, 批次) are created by the first receipt that names them and shared by every later
// document: one row per product × lot. Runs inside the posting transaction, so a refused receipt
// leaves no batch behind.
import type { Kysely } from 'kysely';
import { uuidv7 } from '../../../core/id/uuidv7';
import { addDays } from '../../../core/time/calendar-date';
import { insertRows } from '../../../db/dialect';
import type { DB } from '../../../db/schema';
import { conflict } from '../../http/problem';

export interface BatchInput {
  lot: string;
  productionDate?: string;
  expiryDate?: string;
}

export interface BatchRef {
  id: string;
  lot: string;
  productionDate: string | null;
  expiryDate: string | null;
}

/** Expiry as given, or production date + shelf life; unknown when neither is known. */
export function defaultExpiry(batch: BatchInput, shelfLifeDays: number | null): string | null {
  if (batch.expiryDate) return batch.expiryDate;
  if (batch.productionDate && shelfLifeDays !== null && shelfLifeDays > 0) return addDays(batch.productionDate, shelfLifeDays);
  return null;
}

export interface BatchRequest {
  productId: string;
  batch: BatchInput;
  shelfLifeDays: number | null;
  /** Where the batch was given (`lines.3.batch`), for the 409. */
  field: string;
}

/**
 * The batches of `productId` called `lot` for each request, created if new: for all the batch
 * lines of a document in two statements (one insert, one read). A lot is one production run, so
 * the same lot arriving with other dates is a data-entry error: 409 naming the date that differs
 * (a later line naming a lot an earlier line created is checked against it). Dates a request
 * leaves out are taken from the existing batch.
 */
export async function findOrCreateBatches(trx: Kysely<DB>, companyId: string, reqs: readonly BatchRequest[], at: string): Promise<BatchRef[]> {
  if (!reqs.length) return [];
  const key = (productId: string, lot: string) => `${productId}\u0000${lot}`;
  const first = new Map<string, unknown[]>();
  for (const r of reqs) {
    const k = key(r.productId, r.batch.lot);
    if (!first.has(k)) first.set(k, [uuidv7(), companyId, r.productId, r.batch.lot, r.batch.productionDate ?? null, defaultExpiry(r.batch, r.shelfLifeDays), at]);
  }
  // ON CONFLICT DO NOTHING: two receipts creating the same lot at once both end up with one row.
  await insertRows(trx, 'batches', ['id', 'company_id', 'product_id', 'lot', 'production_date', 'expiry_date', 'created_at'], [...first.values()], 'ON CONFLICT (product_id, lot) DO NOTHING');
  const rows = await trx
    .selectFrom('batches')
    .select(['id', 'product_id', 'lot', 'production_date', 'expiry_date'])
    .where('product_id', 'in', [...new Set(reqs.map((r) => r.productId))])
    .where('lot', 'in', [...new Set(reqs.map((r) => r.batch.lot))])
    .execute();
  const found = new Map(rows.map((row) => [key(row.product_id, row.lot), row]));
  return reqs.map(({ productId, batch, field }) => {
    const row = found.get(key(productId, batch.lot))!;
    if (batch.productionDate !== undefined && row.production_date !== batch.productionDate) {
      throw conflict('batch_dates_differ', `Lot ${batch.lot} was produced on ${row.production_date ?? 'an unknown date'}, not ${batch.productionDate}`, `${field}.productionDate`, {
        batchId: row.id,
        productionDate: row.production_date,
        expiryDate: row.expiry_date,
      });
    }
    if (batch.expiryDate !== undefined && row.expiry_date !== batch.expiryDate) {
      throw conflict('batch_dates_differ', `Lot ${batch.lot} expires on ${row.expiry_date ?? 'an unknown date'}, not ${batch.expiryDate}`, `${field}.expiryDate`, {
        batchId: row.id,
        productionDate: row.production_date,
        expiryDate: row.expiry_date,
      });
    }
    return { id: row.id, lot: row.lot, productionDate: row.production_date, expiryDate: row.expiry_date };
  });
}
