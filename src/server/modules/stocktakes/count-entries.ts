// Turns what a scanner sends (a barcode or a product id, an optional location, a quantity) into
// product × location × base-unit thousandths, checked against the stocktake's store and scope.
// A pack barcode counts packs: scanning the 24-bottle box barcode with qty 1000 counts 24 bottles.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import { Problem, notFound, unprocessable } from '../../http/problem';
import { categoryWithDescendants } from '../inventory/lookups';
import { loadUnitFactors, packToBaseQty } from '../inventory/pack-units';
import { locationWithDescendants } from './scope';

export interface CountEntryInput {
  productId?: string;
  barcode?: string;
  locationId?: string;
  qty: number;
}

export interface CountEntry {
  productId: string;
  locationId: string;
  /** Base-unit thousandths (negative: a correction). */
  qty: number;
}

export async function resolveCountEntries(
  db: Kysely<DB>,
  companyId: string,
  st: { store_id: string; scope: string; scope_ref: string | null },
  entries: CountEntryInput[],
): Promise<CountEntry[]> {
  const codes = [...new Set(entries.flatMap((e) => (e.barcode ? [e.barcode] : [])))];
  const barcodes = codes.length
    ? new Map((await db.selectFrom('barcodes').select(['code', 'product_id', 'unit']).where('company_id', '=', companyId).where('code', 'in', codes).execute()).map((b) => [b.code, b]))
    : new Map<string, { code: string; product_id: string; unit: string }>();
  const productIds = [...new Set(entries.map((e) => e.productId ?? barcodes.get(e.barcode as string)?.product_id).filter((p): p is string => !!p))];
  const products = productIds.length
    ? new Map((await db.selectFrom('products').select(['id', 'unit', 'category_id']).where('company_id', '=', companyId).where('id', 'in', productIds).execute()).map((p) => [p.id, p]))
    : new Map<string, { id: string; unit: string; category_id: string | null }>();
  const factors = await loadUnitFactors(db, productIds);
  const locations = await db.selectFrom('locations').select(['id', 'code']).where('store_id', '=', st.store_id).execute();
  const main = locations.find((l) => l.code === 'MAIN')?.id;
  const inScopeLocations = st.scope === 'location' ? new Set(await locationWithDescendants(db, st.store_id, st.scope_ref as string)) : null;
  const inScopeCategories = st.scope === 'category' ? new Set(await categoryWithDescendants(db, companyId, st.scope_ref as string)) : null;

  return entries.map((e, i) => {
    const field = `entries.${i}`;
    const productField = e.barcode !== undefined ? `${field}.barcode` : `${field}.productId`;
    const code = e.barcode !== undefined ? barcodes.get(e.barcode) : undefined;
    if (e.barcode !== undefined && !code) throw notFound('Barcode', productField);
    const product = products.get(e.productId ?? (code?.product_id as string));
    if (!product) throw notFound('Product', productField);
    if (inScopeCategories && !inScopeCategories.has(product.category_id ?? '')) {
      throw unprocessable('out_of_scope', "The product is not in this stocktake's category", productField);
    }
    const locationId = e.locationId ?? (st.scope === 'location' ? (st.scope_ref as string) : main);
    if (!locationId || !locations.some((l) => l.id === locationId)) throw notFound('Location', `${field}.locationId`);
    if (inScopeLocations && !inScopeLocations.has(locationId)) {
      throw unprocessable('out_of_scope', "The location is not in this stocktake's location", `${field}.locationId`);
    }
    const unit = code?.unit;
    const qty = unit && unit !== product.unit && e.qty !== 0 ? packQty(product, e.qty, unit, factors, field) : e.qty;
    return { productId: product.id, locationId, qty };
  });
}

/** Pack thousandths → base thousandths, keeping the sign of a correction; errors name this entry. */
function packQty(product: { id: string; unit: string }, qty: number, unit: string, factors: Awaited<ReturnType<typeof loadUnitFactors>>, field: string): number {
  try {
    const base = packToBaseQty(product, Math.abs(qty), unit, factors, field);
    return qty < 0 ? -base : base;
  } catch (err) {
    if (!(err instanceof Problem)) throw err;
    const at = err.code === 'unit_unknown' ? `${field}.barcode` : `${field}.qty`;
    throw new Problem(err.status, err.code, err.detail, [{ field: at, message: err.detail }], err.extra);
  }
}
