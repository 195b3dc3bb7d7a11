// Checks a product write must pass before anything is written, each naming the field at fault.
// The unique indexes stay the last word (a racing writer gets a plain 409 from the error handler).
import type { Kysely } from 'kysely';
import { classifyBarcode, eanCheckDigit, isValidGtin, type BarcodeKind } from '../../../../core/barcode/ean';
import type { DB } from '../../../../db/schema';
import type { AuthContext } from '../../../auth/auth-context';
import { badRequest, conflict, notFound } from '../../../http/problem';

const GTIN_LENGTHS = new Set([8, 12, 13, 14]);

/**
 * A numeric code of a GTIN length must carry a correct check digit: a mistyped EAN would
 * otherwise be stored as an "internal" code and never match a scan. Other codes are the shop's own.
 */
export function barcodeKind(code: string, field: string): BarcodeKind {
  if (/^\d+$/.test(code) && GTIN_LENGTHS.has(code.length) && !isValidGtin(code)) {
    const expected = eanCheckDigit(code.slice(0, -1));
    throw badRequest('barcode_check_digit', `${code} has a wrong check digit: it should end in ${expected}`, field);
  }
  return classifyBarcode(code);
}

/** Base unit 1000 plus each pack unit's factor; pack units are distinct and not the base unit. */
export function unitFactors(baseUnit: string, units: { unit: string; factor: number }[], field = 'units'): Map<string, number> {
  const factors = new Map([[baseUnit, 1000]]);
  units.forEach((u, i) => {
    if (u.unit === baseUnit) throw badRequest('unit_is_base', `${u.unit} is the base unit; its factor is always 1000`, `${field}.${i}.unit`);
    if (factors.has(u.unit)) throw badRequest('unit_duplicate', `Unit ${u.unit} is listed twice`, `${field}.${i}.unit`);
    factors.set(u.unit, u.factor);
  });
  return factors;
}

export interface CheckedBarcode {
  code: string;
  unit: string;
  kind: BarcodeKind;
}

/** Check digits, units and duplicates within one request; whether the codes are free is separate. */
export function checkBarcodes(
  barcodes: { code: string; unit?: string }[],
  factors: Map<string, number>,
  baseUnit: string,
  field = 'barcodes',
): CheckedBarcode[] {
  const seen = new Set<string>();
  return barcodes.map((b, i) => {
    const kind = barcodeKind(b.code, `${field}.${i}.code`);
    if (seen.has(b.code)) throw badRequest('barcode_duplicate', `Barcode ${b.code} is listed twice`, `${field}.${i}.code`);
    seen.add(b.code);
    const unit = b.unit ?? baseUnit;
    if (!factors.has(unit)) throw badRequest('unit_unknown', `Unit ${unit} is neither the base unit nor one of the product's units`, `${field}.${i}.unit`);
    return { code: b.code, unit, kind };
  });
}

export async function assertBarcodesFree(db: Kysely<DB>, companyId: string, codes: { code: string; field: string }[], productId?: string) {
  if (!codes.length) return;
  const taken = await db
    .selectFrom('barcodes')
    .select(['code', 'product_id'])
    .where('company_id', '=', companyId)
    .where('code', 'in', codes.map((c) => c.code))
    .execute();
  for (const c of codes) {
    const holder = taken.find((t) => t.code === c.code && t.product_id !== productId);
    if (holder) throw conflict('barcode_taken', `Barcode ${c.code} already belongs to another product`, c.field, { productId: holder.product_id });
  }
}

export async function assertSkuFree(db: Kysely<DB>, companyId: string, sku: string, field: string, productId?: string) {
  const row = await db.selectFrom('products').select('id').where('company_id', '=', companyId).where('sku', '=', sku).executeTakeFirst();
  if (row && row.id !== productId) throw conflict('sku_taken', `SKU ${sku} is taken`, field, { productId: row.id });
}

/** PLUs are unique among active products (the scale label names one product). */
export async function assertPluFree(db: Kysely<DB>, companyId: string, plu: string, field: string, productId?: string) {
  const row = await db
    .selectFrom('products')
    .select('id')
    .where('company_id', '=', companyId)
    .where('plu', '=', plu)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (row && row.id !== productId) throw conflict('plu_taken', `PLU ${plu} is used by another active product`, field, { productId: row.id });
}

export async function assertCategory(db: Kysely<DB>, companyId: string, categoryId: string, field: string) {
  const row = await db.selectFrom('categories').select('id').where('company_id', '=', companyId).where('id', '=', categoryId).executeTakeFirst();
  if (!row) throw notFound('Category', field);
}

/** Stores of the company in which the caller holds catalog.manage; any other answers 404. */
export async function assertManagedStores(db: Kysely<DB>, auth: AuthContext, stores: { storeId: string; field: string }[]) {
  if (!stores.length) return;
  const rows = await db
    .selectFrom('stores')
    .select('id')
    .where('company_id', '=', auth.user.companyId)
    .where('id', 'in', [...new Set(stores.map((s) => s.storeId))])
    .execute();
  const known = new Set(rows.map((r) => r.id));
  for (const s of stores) {
    if (!known.has(s.storeId) || !auth.can('catalog.manage', s.storeId)) throw notFound('Store', s.field);
  }
}

export function checkLimit(l: { minQty: number; maxQty: number }, field: string) {
  if (l.minQty > l.maxQty) throw badRequest('limit_inverted', 'The minimum stock is above the maximum', field);
}
