// Batches (lots, 批次) are created by the first receipt that names them and shared by every later
// document: one row per product × lot. Runs inside the posting transaction, so a refused receipt
// leaves no batch behind.
import type { Kysely } from 'kysely';
import { uuidv7 } from '../../../core/id/uuidv7';
import { addDays } from '../../../core/time/calendar-date';
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

/**
 * The batch of `productId` called `lot`, created if new. A lot is one production run, so the same
 * lot arriving with other dates is a data-entry error: 409 naming the date that differs. Dates the
 * request leaves out are taken from the existing batch.
 */
export async function findOrCreateBatch(
  trx: Kysely<DB>,
  companyId: string,
  productId: string,
  batch: BatchInput,
  shelfLifeDays: number | null,
  field: string,
  at: string,
): Promise<BatchRef> {
  const productionDate = batch.productionDate ?? null;
  const expiryDate = defaultExpiry(batch, shelfLifeDays);
  // ON CONFLICT DO NOTHING: two receipts creating the same lot at once both end up with one row.
  await trx
    .insertInto('batches')
    .values({ id: uuidv7(), company_id: companyId, product_id: productId, lot: batch.lot, production_date: productionDate, expiry_date: expiryDate, created_at: at })
    .onConflict((oc) => oc.columns(['product_id', 'lot']).doNothing())
    .execute();
  const row = await trx
    .selectFrom('batches')
    .select(['id', 'lot', 'production_date', 'expiry_date'])
    .where('product_id', '=', productId)
    .where('lot', '=', batch.lot)
    .executeTakeFirstOrThrow();
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
}
