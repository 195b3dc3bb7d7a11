// Step 1 of pricing a sale: what each line is. A line names a product or a scanned code; codes go
// through the catalog's `lookupCode` (barcode → SKU → PLU, with this store's price and the pack
// unit a barcode stands for), and scale labels (称重码) are decoded with the store's settings
// first, their product found by PLU. Every failure names the line's field.
import type { Kysely } from 'kysely';
import { decodeScaleBarcode, priceScaleItem, type DecodedScaleBarcode } from '../../../core/barcode/scale';
import { mulDivFloor } from '../../../core/money/round';
import type { SaleLineInput } from '../../../contracts/sales';
import type { CheckoutSettings } from '../../../contracts/store-settings';
import type { DB } from '../../../db/schema';
import { badRequest, notFound, Problem, unprocessable } from '../../http/problem';
import { lookupCode, lookupCodes, lookupCodesFrom, lookupCodesStatement, type CodeLookup, type LookupResult } from '../catalog/products/lookup';

export interface ScaleLabel {
  kind: DecodedScaleBarcode['kind'];
  /** The amount printed on the label (fen), when it carries one. */
  amount: number | null;
  /** Grams: printed on the label, or derived from the amount at the store's price per kg. */
  weight: number;
}

export interface ResolvedLine {
  /** Index of the line in the request (the `N` of `lines.N`). */
  index: number;
  productId: string;
  sku: string;
  name: string;
  taxRate: number;
  /** The product's category: its revenue and cost accounts follow the posting rules by category. */
  categoryId: string | null;
  /** The unit the code stands for (a case barcode → 箱) and its thousandths of the base unit. */
  unit: string;
  factor: number;
  /** Thousandths of `unit` (a scale label is one item: 1000). */
  qty: number;
  /** Thousandths of the product's base unit: what leaves stock. */
  baseQty: number;
  /** This store's price per `unit` (the member price when a member is named). */
  serverUnitPrice: number;
  scale: ScaleLabel | null;
  batchId?: string;
}

/** A 13/18-digit code starting with one of the store's scale flags is a scale label. */
function isScaleLabel(code: string, settings: CheckoutSettings['scaleBarcode']): boolean {
  return /^\d+$/.test(code) && (code.length === 13 || code.length === 18) && settings.flags.some((f) => code.startsWith(f));
}

export async function resolveLines(
  db: Kysely<DB>,
  ctx: { companyId: string; storeId: string; settings: CheckoutSettings; member: boolean },
  lines: readonly SaleLineInput[],
  /** The basket's codes and products already looked up (`saleLookupStatement`, batched by checkout). */
  looked?: CodeLookup,
): Promise<ResolvedLine[]> {
  const catalog = looked ? { member: ctx.member, skuOf: looked.skuOf, codes: looked } : await prefetch(db, ctx, lines);
  const out: ResolvedLine[] = [];
  for (const [index, line] of lines.entries()) {
    const field = `lines.${index}`;
    const resolved = line.code !== undefined && isScaleLabel(line.code, ctx.settings.scaleBarcode)
      ? await resolveScaleLine(db, ctx, line, line.code, field)
      : await resolveItemLine(catalog, line, field);
    out.push({ ...resolved, index, ...(line.batchId !== undefined ? { batchId: line.batchId } : {}) });
  }
  await requireBatches(db, ctx.companyId, out);
  return out;
}

type Resolved = Omit<ResolvedLine, 'index' | 'batchId'>;

/** What the basket's item lines resolve to, read in one query instead of two per line. */
interface Prefetched {
  member: boolean;
  skuOf: Map<string, string>;
  codes: { get(code: string): LookupResult };
}

async function prefetch(db: Kysely<DB>, ctx: { companyId: string; storeId: string; settings: CheckoutSettings; member: boolean }, lines: readonly SaleLineInput[]): Promise<Prefetched> {
  const ids = lines.flatMap((l) => (l.productId !== undefined ? [l.productId] : []));
  const codes = lines.flatMap((l) => (l.code !== undefined && !isScaleLabel(l.code, ctx.settings.scaleBarcode) ? [l.code] : []));
  const found = await lookupCodes(db, ctx.companyId, ctx.storeId, codes, ids);
  return { member: ctx.member, skuOf: found.skuOf, codes: found };
}

/**
 * The basket's lookup as a statement, with the store's prices found through the register, for
 * checkout to read with the register itself. Scale labels go along too (the settings that tell
 * them apart are read in the same round trip); they match nothing and are resolved on their own.
 */
export function saleLookupStatement(companyId: string, registerId: string, lines: readonly SaleLineInput[]) {
  const ids = lines.flatMap((l) => (l.productId !== undefined ? [l.productId] : []));
  const codes = lines.flatMap((l) => (l.code !== undefined ? [l.code] : []));
  return { statement: lookupCodesStatement(companyId, { registerId }, codes, ids), read: (rows: readonly Record<string, unknown>[]) => lookupCodesFrom(rows, companyId, ids) };
}

async function resolveItemLine(catalog: Prefetched, line: SaleLineInput, field: string): Promise<Resolved> {
  const found = line.code !== undefined ? lookupAt(() => catalog.codes.get(line.code!), `${field}.code`) : lookupProductId(catalog, line.productId!, `${field}.productId`);
  if (line.qty === undefined) throw badRequest('qty_required', 'Give the quantity of the line', `${field}.qty`);
  const base = mulDivFloor(line.qty, found.factor, 1000);
  // Stock is kept in whole thousandths of the base unit: rounding a pack conversion would invent
  // or lose stock, so a quantity that does not convert exactly is refused.
  if (base.remainder !== 0 || base.quotient <= 0) {
    throw badRequest('pack_qty_not_exact', `${line.qty / 1000} ${found.unit} is not a whole thousandth of ${found.product.unit}`, `${field}.qty`);
  }
  return {
    ...productFields(found),
    unit: found.unit,
    factor: found.factor,
    qty: line.qty,
    baseQty: base.quotient,
    serverUnitPrice: priceFor(found, catalog.member),
    scale: null,
  };
}

async function resolveScaleLine(
  db: Kysely<DB>,
  ctx: { companyId: string; storeId: string; settings: CheckoutSettings; member: boolean },
  line: SaleLineInput,
  code: string,
  field: string,
): Promise<Resolved> {
  const decoded = decodeScaleBarcode(code, ctx.settings.scaleBarcode);
  if (!decoded.ok) throw badRequest(`scale_barcode_${decoded.code}`, decoded.message, `${field}.code`);
  if (line.qty !== undefined && line.qty !== 1000) {
    throw badRequest('scale_label_qty', 'A scale label is one item: scan each label on its own line', `${field}.qty`);
  }
  const found = await lookupAt(() => lookupCode(db, ctx.companyId, ctx.storeId, decoded.value.plu), `${field}.code`);
  if (found.matchedBy !== 'plu') throw notFound(`Scale PLU ${decoded.value.plu}`, `${field}.code`);
  const pricePerKg = priceFor(found, ctx.member);
  const item = priceScaleItem(decoded.value, pricePerKg);
  if (!item.ok) throw unprocessable(item.code, item.message, `${field}.code`);
  const label = decoded.value;
  return {
    ...productFields(found),
    unit: found.product.unit,
    factor: 1000,
    qty: 1000,
    baseQty: item.value.qty,
    serverUnitPrice: pricePerKg,
    scale: { kind: label.kind, amount: label.kind === 'weight' ? null : label.amount, weight: item.value.qty },
  };
}

function productFields(found: LookupResult) {
  return { productId: found.product.id, sku: found.product.sku, name: found.product.name, taxRate: found.product.taxRate, categoryId: found.product.categoryId };
}

function priceFor(found: LookupResult, member: boolean): number {
  return member && found.unitMemberPrice !== null ? found.unitMemberPrice : found.unitPrice;
}

/** A lookup, with its refusals pointed at the line's field. */
function lookupAt<T extends LookupResult | Promise<LookupResult>>(find: () => T, field: string): T {
  const repoint = (err: unknown): never => {
    if (err instanceof Problem) throw new Problem(err.status, err.code, err.detail, [{ field, message: err.detail }], err.extra);
    throw err;
  };
  try {
    const found = find();
    return (found instanceof Promise ? found.catch(repoint) : found) as T;
  } catch (err) {
    return repoint(err);
  }
}

/**
 * A line that names the product (a quick key, a search result) is priced like a scan of its SKU,
 * so there is one price rule. A barcode that happens to equal the SKU would win the lookup; that
 * catalog clash is refused rather than selling the other product.
 */
function lookupProductId(catalog: Prefetched, productId: string, field: string): LookupResult {
  const sku = catalog.skuOf.get(productId);
  if (sku === undefined) throw notFound('Product', field);
  const found = lookupAt(() => catalog.codes.get(sku), field);
  if (found.product.id !== productId) {
    throw unprocessable('sku_shadowed', `SKU ${sku} is also a barcode of ${found.product.name}; fix the catalog or scan the product`, field);
  }
  return found;
}

/** A named batch must be a batch of the line's product. */
async function requireBatches(db: Kysely<DB>, companyId: string, lines: ResolvedLine[]) {
  const ids = [...new Set(lines.flatMap((l) => (l.batchId !== undefined ? [l.batchId] : [])))];
  if (!ids.length) return;
  const rows = await db.selectFrom('batches').select(['id', 'product_id']).where('company_id', '=', companyId).where('id', 'in', ids).execute();
  const productOf = new Map(rows.map((r) => [r.id, r.product_id]));
  for (const l of lines) {
    if (l.batchId !== undefined && productOf.get(l.batchId) !== l.productId) throw notFound('Batch', `lines.${l.index}.batchId`);
  }
}
